package org.siren.daemon.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.auth.Credentials;
import org.siren.daemon.system.Streams;

/**
 * Reads the caller's files with the caller's own rights: a helper process (cat, tar) runs as the
 * caller through setpriv and streams the bytes to the daemon. The daemon never opens a path a caller
 * named, so it cannot be made to read what the caller could not.
 */
public final class CallerFiles {

    private final Credentials caller;

    public CallerFiles(Credentials caller) {
        this.caller = caller;
    }

    /** The bytes of one file, at most {@code maxBytes}. */
    public byte[] read(String path, int maxBytes) {
        checkPath(path);
        return run(List.of("cat", "--", path), in -> {
            byte[] data = in.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw new SirenException(Reason.INVALID_ARGS, path + " is larger than " + maxBytes + " bytes");
            }
            return data;
        }, "read " + path);
    }

    /**
     * Streams directory {@code dir} as a tar (sorted, numeric owners, without what its .sirenignore
     * lists) into {@code consumer}.
     */
    public <T> T tar(String dir, StreamConsumer<T> consumer) {
        checkPath(dir);
        String script = "cd -- \"$1\" || exit 3; set --; if [ -f .sirenignore ]; then set -- --exclude-from=.sirenignore;"
                + " fi; exec tar --create --file=- --sort=name --format=gnu --numeric-owner --one-file-system"
                + " --exclude=./.sirenignore \"$@\" .";
        return run(List.of("sh", "-c", script, "sh", dir), consumer, "read the build context " + dir);
    }

    /** The size of a file the caller can read; fails, with the helper's words, if the caller cannot. */
    public long readableSize(String path) {
        checkPath(path);
        byte[] out = run(List.of("sh", "-c", "test -r \"$1\" || { echo \"$1: Permission denied or no such file\" >&2;"
                + " exit 1; }; exec stat -L -c %s -- \"$1\"", "sh", path), InputStream::readAllBytes, "read " + path);
        return Long.parseLong(new String(out, StandardCharsets.UTF_8).trim());
    }

    /** Streams a tarball, decompressed (by its extension: .gz, .xz, .zst) by a helper running as the caller. */
    public <T> T decompressed(String path, StreamConsumer<T> consumer) {
        checkPath(path);
        String script = "case \"$1\" in *.gz|*.tgz) exec gzip -dc -- \"$1\" ;; *.xz|*.txz) exec xz -dc -- \"$1\" ;;"
                + " *.zst|*.tzst) exec zstd -dcq -- \"$1\" ;; *) exec cat -- \"$1\" ;; esac";
        return run(List.of("sh", "-c", script, "sh", path), consumer, "read " + path);
    }

    /**
     * The shell command, run as the caller, that writes its standard input to {@code path},
     * compressed by the path's extension. For pipelines the daemon builds.
     */
    public List<String> writerCommand(String path) {
        checkPath(path);
        String script = "case \"$1\" in *.gz|*.tgz) exec gzip -c > \"$1\" ;; *.xz|*.txz) exec xz -c -T0 > \"$1\" ;;"
                + " *.zst|*.tzst) exec zstd -q -c > \"$1\" ;; *) exec cat > \"$1\" ;; esac";
        List<String> argv = new ArrayList<>(caller.setprivArguments());
        argv.addAll(List.of("sh", "-c", script, "sh", path));
        return argv;
    }

    /** Reads a helper's standard output. */
    public interface StreamConsumer<T> {
        T accept(InputStream in) throws IOException;
    }

    private <T> T run(List<String> command, StreamConsumer<T> consumer, String what) {
        List<String> argv = new ArrayList<>(caller.setprivArguments());
        argv.addAll(command);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a helper to " + what + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            T result = consumer.accept(new java.io.FilterInputStream(process.getInputStream()) {
                @Override
                public void close() {
                    // The helper's stream is drained and closed below, after the consumer is done.
                }
            });
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new SirenException(Reason.FAILED, "the helper did not finish reading: " + what);
            }
            int exit = process.exitValue();
            if (exit != 0) {
                throw new SirenException(Reason.NOT_AUTHORIZED, "cannot " + what + " as uid " + caller.uid() + ": "
                        + errors.join().trim() + " (exit status " + exit + ")");
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from the helper failed while trying to " + what + ": "
                    + e.getMessage() + (errors.isDone() ? " " + errors.join().trim() : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SirenException(Reason.FAILED, "interrupted while trying to " + what, e);
        } finally {
            process.destroy();
        }
    }

    private static String drain(InputStream in) {
        try {
            return Streams.headThenDiscard(in, 64 * 1024);
        } catch (IOException e) {
            return "(its error output could not be read: " + e.getMessage() + ")";
        }
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty() || !Path.of(path).isAbsolute() || path.indexOf('\0') >= 0) {
            throw new SirenException(Reason.INVALID_ARGS, "paths must be absolute, got \"" + path
                    + "\"; sirenctl sends the absolute path of the directory you name");
        }
    }
}
