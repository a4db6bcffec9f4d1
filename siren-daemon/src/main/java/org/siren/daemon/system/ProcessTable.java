package org.siren.daemon.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Processes found through /proc. */
public final class ProcessTable {

    private ProcessTable() {
    }

    /** Processes whose command line mentions {@code path} (a build container a crashed daemon left). */
    public static List<ProcessHandle> mentioning(Path path) {
        String needle = path.toString();
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue;
                }
                if (cmdline.contains(needle)) {
                    ProcessHandle.of(Long.parseLong(entry.getFileName().toString())).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list /proc: " + e.getMessage(), e);
        }
        found.removeIf(p -> p.pid() == ProcessHandle.current().pid());
        return found;
    }

    /** Kills them and their children, and waits (briefly) until they are gone. */
    public static void kill(List<ProcessHandle> processes) {
        for (ProcessHandle process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // Still there after 10 s: the mounts are detached lazily below anyway.
            }
        }
    }
}
