package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Build contexts for tests, in a world-readable temporary directory (the test users read them with
 * their own rights; the repository may be under root's home).
 */
public final class BuildContexts {

    private BuildContexts() {
    }

    /** A context with the given files (relative path to content); build.sh is made executable. */
    public static Path create(Map<String, String> files) {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "siren-ctx-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            Processes.check(List.of("chmod", "-R", "a+rX", dir.toString()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of one of the repository's examples. */
    public static Path example(String name) {
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "siren-example-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Processes.check(List.of("cp", "-R", SirenEnvironment.projectRoot().resolve("examples").resolve(name) + "/.",
                    dir.toString()));
            Processes.check(List.of("chmod", "-R", "a+rX", dir.toString()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
