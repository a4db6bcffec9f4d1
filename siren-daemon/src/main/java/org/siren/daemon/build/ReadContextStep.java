package org.siren.daemon.build;

/** Copies the build context, read as the caller, into the build's private directory. */
final class ReadContextStep {

    /** A build context may be at most this large. */
    static final long MAX_CONTEXT_BYTES = 8L << 30;

    private final BuildRequest request;
    private final BuildStaging staging;

    ReadContextStep(BuildRequest request, BuildStaging staging) {
        this.request = request;
        this.staging = staging;
    }

    /** Returns the digest of what was read. */
    String call() {
        SafeTarExtractor extractor = new SafeTarExtractor(staging.context(), MAX_CONTEXT_BYTES);
        SafeTarExtractor.Result result = new CallerFiles(request.caller()).tar(request.contextDir(),
                in -> extractor.extract(in, "the build context " + request.contextDir()));
        return result.digest();
    }
}
