package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The real system parts the bus tests share, started once per test JVM: a private system-type
 * dbus-daemon carrying siren's bus policy, the real polkitd with siren's actions and example rules,
 * and the two test users.
 */
public final class SirenEnvironment {

    private static SirenEnvironment shared;

    public final Path dir;
    public final PrivateSystemBus bus;
    public final Polkit polkit;

    private SirenEnvironment(Path dir, PrivateSystemBus bus, Polkit polkit) {
        this.dir = dir;
        this.bus = bus;
        this.polkit = polkit;
    }

    public static synchronized SirenEnvironment shared() {
        if (shared == null) {
            Root.require();
            Root.requireTool("dbus-daemon");
            Root.requireTool("busctl");
            Root.requireTool("setpriv");
            TestUsers.ensure();
            try {
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "siren-env-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                Path systemd = projectRoot().resolve("systemd");
                PrivateSystemBus bus = PrivateSystemBus.start(dir.resolve("bus"), systemd);
                Polkit polkit = Polkit.start(bus, systemd, dir);
                shared = new SirenEnvironment(dir, bus, polkit);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    polkit.close();
                    bus.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** The repository's root: the first parent of the working directory with a systemd/ folder. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("systemd"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (with systemd/) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
