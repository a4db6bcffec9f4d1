package org.siren.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.siren.testing.Processes;

/**
 * Runs sirenctl in its own JVM as a given user, as a person would. The test JVM's classpath is under
 * root's home, which other users cannot read, so it is copied once to a world-readable directory;
 * without the daemon's logging backend, which the installed client does not have either.
 */
final class SirenctlRunner {

    private static String classpath;

    private final String address;
    private final String user;

    SirenctlRunner(String address, String user) {
        this.address = address;
        this.user = user;
    }

    Processes.Result run(String... args) {
        return Processes.run(argv(args), Map.of(), null);
    }

    /** The command line that runs sirenctl with these arguments as this runner's user. */
    List<String> argv(String... args) {
        List<String> argv = new ArrayList<>();
        if (user != null) {
            argv.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--reset-env"));
        }
        argv.addAll(List.of("env", "DBUS_SYSTEM_BUS_ADDRESS=" + address, "HOME=/tmp", "LANG=C.UTF-8",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto", "-cp", classpath(),
                Sirenctl.class.getName()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static synchronized String classpath() {
        if (classpath == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "sirenctl-cp-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                List<String> entries = new ArrayList<>();
                int i = 0;
                for (String entry : System.getProperty("java.class.path").split(":")) {
                    Path source = Path.of(entry);
                    if (!Files.exists(source) || source.getFileName().toString().startsWith("logback-")) {
                        continue;
                    }
                    Path target = dir.resolve((i++) + "-" + source.getFileName());
                    copy(source, target);
                    entries.add(target.toString());
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Processes.run(List.of("rm", "-rf", dir.toString()))));
                classpath = String.join(":", entries);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classpath;
    }

    private static void copy(Path source, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Processes.check(List.of("chmod", "-R", "a+rX", target.toString()));
    }
}
