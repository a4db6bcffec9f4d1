package org.siren.daemon.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.build.CallerFiles;
import org.siren.daemon.build.SafeTarExtractor;
import org.siren.daemon.image.BuildInputs;
import org.siren.daemon.image.ImageLocks;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.MetadataFile;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.job.Job;
import org.siren.daemon.system.AtomicFiles;

/**
 * Unpacks a tarball as a new base: read (and decompressed) as the caller, unpacked by the strict
 * extractor into a private directory, then renamed into place. A failure or cancellation leaves
 * nothing behind.
 */
public final class ImportRunner {

    /** A base may be at most this large, unpacked. */
    static final long MAX_BYTES = 256L << 30;

    private final ImageStore store;
    private final ImageLocks locks;
    private final Clock clock;

    public ImportRunner(ImageStore store, ImageLocks locks, Clock clock) {
        this.store = store;
        this.locks = locks;
        this.clock = clock;
    }

    public String run(ImportRequest request, Job job) {
        CallerFiles files = new CallerFiles(request.caller());
        long size = files.readableSize(request.path());
        boolean measurable = !request.path().matches(".*\\.(gz|tgz|xz|txz|zst|tzst)$") && size > 0;
        Path staging = store.layout().layers().resolve(StoreLayout.STAGING_PREFIX + "import-" + request.jobId());
        try {
            Path root = createStaging(staging);
            long[] done = {0};
            SafeTarExtractor extractor = new SafeTarExtractor(root, MAX_BYTES, SafeTarExtractor.Policy.ROOTFS, bytes -> {
                done[0] += bytes;
                job.cancelToken().check();
                if (measurable) {
                    job.progress((double) done[0] / size);
                }
            });
            job.log("Unpacking " + request.path() + " (" + size + " bytes) as " + request.name() + "...");
            SafeTarExtractor.Result result = files.decompressed(request.path(),
                    in -> extractor.extract(in, "the tarball " + request.path()));
            job.log("Unpacked " + result.entries() + " entries, " + result.bytes() + " bytes of files.");
            commit(request, staging, root, result.digest());
            return "Imported " + request.name() + (request.version().isEmpty() ? "" : " " + request.version());
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    private static Path createStaging(Path staging) {
        try {
            AtomicFiles.deleteTree(staging);
            Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path root = staging.resolve("root");
            Files.createDirectory(root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging + ": " + e.getMessage(), e);
        }
    }

    private void commit(ImportRequest request, Path staging, Path root, String digest) {
        try (ImageLocks.Held held = locks.lock(request.name())) {
            if (store.find(request.name()).isPresent()) {
                throw new SirenException(Reason.IMAGE_EXISTS, "image " + request.name() + " appeared while the"
                        + " tarball was unpacked; nothing was imported");
            }
            ImageMetadata meta = ImageMetadata.built(request.name(), request.version(), Optional.empty(),
                    clock.instant(), new BuildInputs("import", "none", digest));
            MetadataFile.write(store.layout().metadataFile(request.name()), meta);
            Files.createDirectories(store.layout().workDir(request.name()));
            Files.move(root, store.layout().layer(request.name()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            AtomicFiles.delete(store.layout().metadataFile(request.name()));
            throw new UncheckedIOException("cannot put " + request.name() + " in place: " + e.getMessage(), e);
        }
    }
}
