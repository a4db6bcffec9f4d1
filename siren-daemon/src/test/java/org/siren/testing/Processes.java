package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs helper programs in tests. */
public final class Processes {

    private Processes() {
    }

    public record Result(int exit, String stdout, String stderr) {
        public String all() {
            return stdout + stderr;
        }
    }

    public static Result run(List<String> argv) {
        return run(argv, Map.of(), null);
    }

    public static Result run(List<String> argv, Map<String, String> env, Path dir) {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process process = builder.start();
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread drain = new Thread(() -> {
                try {
                    err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.complete("(stderr unreadable: " + e.getMessage() + ")");
                }
            });
            drain.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(argv + " did not finish in 300 s");
            }
            drain.join();
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String check(List<String> argv) {
        Result r = run(argv);
        if (r.exit() != 0) {
            throw new IllegalStateException(argv + " failed (" + r.exit() + "): " + r.all());
        }
        return r.stdout();
    }
}
