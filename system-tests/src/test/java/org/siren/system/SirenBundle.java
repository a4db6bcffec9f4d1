package org.siren.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.siren.testing.Processes;
import org.siren.testing.SirenEnvironment;

/**
 * What a user would have after cloning and building: the repository's install script, units,
 * examples and README, with this build's jars in siren-*&#47;target, so install.sh needs no Maven.
 */
final class SirenBundle {

    private SirenBundle() {
    }

    static Path stage() {
        Path root = SirenEnvironment.projectRoot();
        try {
            Path dir = Files.createTempDirectory("siren-bundle-");
            for (String part : List.of("install.sh", "packaging", "systemd", "examples", "README.md",
                    "dbus-interfaces/src/main/resources")) {
                Path target = dir.resolve(part);
                Files.createDirectories(target.getParent());
                Processes.check(List.of("cp", "-R", root.resolve(part).toString(), target.toString()));
            }
            for (String module : List.of("siren-daemon", "siren-client")) {
                Path target = Files.createDirectories(dir.resolve(module).resolve("target"));
                Processes.check(List.of("sh", "-c", "cp " + root.resolve(module) + "/target/" + module
                        + "-*[0-9T].jar \"$1\" && cp -R " + root.resolve(module) + "/target/lib \"$1\"", "sh",
                        target.toString()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
