package org.siren.daemon.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.build.CallerFiles;
import org.siren.daemon.image.ImageLocks;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.job.Job;
import org.siren.daemon.system.Streams;

/**
 * Writes an image's merged view as a tarball. The daemon reads the layers through a read-only
 * overlay of its own (all layers as lowers: no upper, nothing can change) with GNU tar; the bytes go
 * to a helper running as the caller, which compresses them and writes the file with the caller's
 * permissions.
 */
public final class ExportRunner {

    private final ImageStore store;
    private final ImageLocks locks;

    public ExportRunner(ImageStore store, ImageLocks locks) {
        this.store = store;
        this.locks = locks;
    }

    public String run(ExportRequest request, Job job) {
        ImageMetadata meta = store.get(request.name());
        Path staging = store.layout().layers().resolve(StoreLayout.STAGING_PREFIX + "export-" + request.jobId());
        try (ImageLocks.Held inUse = locks.use(request.name());
                ReadOnlyView view = ReadOnlyView.mount(store.chainOf(request.name()), store.aliases(), staging)) {
            job.log("Writing " + request.name() + " to " + request.path() + "...");
            long bytes = pipe(tar(view.root(), meta, request.reproducible()),
                    new CallerFiles(request.caller()).writerCommand(request.path()), job);
            return "Exported " + request.name() + " to " + request.path() + " (" + bytes + " bytes of tar)";
        }
    }

    private static List<String> tar(Path source, ImageMetadata meta, boolean reproducible) {
        List<String> argv = new ArrayList<>(List.of("tar", "--create", "--file=-", "--format=posix", "--numeric-owner",
                "--xattrs", "--xattrs-include=*", "--xattrs-exclude=system.posix_acl_access",
                "--xattrs-exclude=system.posix_acl_default", "--acls", "--one-file-system", "--sort=name",
                "--pax-option=delete=atime,delete=ctime", "--directory=" + source));
        if (reproducible) {
            argv.add("--mtime=@" + meta.created().getEpochSecond());
            argv.add("--clamp-mtime");
        }
        argv.add(".");
        return argv;
    }

    /** Runs {@code producer | consumer}; returns the bytes that went through. */
    private static long pipe(List<String> producer, List<String> consumer, Job job) {
        Process writer = start(consumer, ProcessBuilder.Redirect.PIPE);
        Process reader = start(producer, ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        CompletableFuture<String> readerErrors = CompletableFuture.supplyAsync(() -> drain(reader.getErrorStream()));
        CompletableFuture<String> writerErrors = CompletableFuture.supplyAsync(() -> drain(writer.getErrorStream()));
        long total = 0;
        try (InputStream in = reader.getInputStream(); OutputStream out = writer.getOutputStream()) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                job.cancelToken().check();
                out.write(buffer, 0, n);
                total += n;
            }
        } catch (IOException e) {
            reader.destroyForcibly();
            int writeExit = waitFor(writer);
            throw writeExit != 0 ? cannotWrite(writerErrors.join(), writeExit)
                    : new SirenException(Reason.FAILED, "writing the tarball failed: " + e.getMessage(), e);
        } catch (SirenException e) {
            reader.destroyForcibly();
            writer.destroyForcibly();
            throw e;
        }
        int tarExit = waitFor(reader);
        int writeExit = waitFor(writer);
        if (writeExit != 0) {
            throw cannotWrite(writerErrors.join(), writeExit);
        }
        if (tarExit != 0) {
            throw new SirenException(Reason.FAILED, "tar failed reading the image: " + readerErrors.join().trim());
        }
        return total;
    }

    private static SirenException cannotWrite(String errors, int exit) {
        return new SirenException(Reason.NOT_AUTHORIZED, "cannot write the tarball as the caller: " + errors.trim()
                + " (exit status " + exit + ")");
    }

    private static Process start(List<String> argv, ProcessBuilder.Redirect input) {
        try {
            return new ProcessBuilder(argv).redirectInput(input).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static int waitFor(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private static String drain(InputStream in) {
        try {
            return Streams.headThenDiscard(in, 16 * 1024);
        } catch (IOException e) {
            return "";
        }
    }
}
