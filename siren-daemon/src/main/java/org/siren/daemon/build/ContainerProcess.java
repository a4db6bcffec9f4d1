package org.siren.daemon.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Runs the process a build's script lives in, feeding its output line by line, cancellable. */
final class ContainerProcess {

    private ContainerProcess() {
    }

    /** Runs {@code argv} to the end and returns its exit status. */
    static int run(List<String> argv, Consumer<String> lines, CancelToken cancel) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        cancel.attach(process);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line.length() > 16_384 ? line.substring(0, 16_384) + "…" : line);
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the output of " + argv.get(0) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessStopper.stop(process);
            throw new IllegalStateException("interrupted while the build ran", e);
        } finally {
            cancel.detach();
        }
    }
}
