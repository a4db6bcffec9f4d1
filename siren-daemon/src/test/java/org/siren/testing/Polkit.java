package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The real polkitd on a private system bus, with siren's actions (systemd/org.siren.policy) and the
 * example rules (systemd/50-siren.rules) installed where polkitd reads them. Needs root.
 */
public final class Polkit implements AutoCloseable {

    public static final Path ACTIONS = Path.of("/usr/share/polkit-1/actions/org.siren.policy");
    public static final Path RULES = Path.of("/etc/polkit-1/rules.d/50-siren.rules");

    private final Process polkitd;
    private final Path log;

    private Polkit(Process polkitd, Path log) {
        this.polkitd = polkitd;
        this.log = log;
    }

    public static Polkit start(PrivateSystemBus bus, Path systemdDir, Path logDir) {
        try {
            install(systemdDir.resolve("org.siren.policy"), ACTIONS);
            install(systemdDir.resolve("50-siren.rules"), RULES);
            Path log = logDir.resolve("polkitd.log");
            ProcessBuilder builder = new ProcessBuilder(polkitdBinary(), "--no-debug").redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", bus.address());
            Process polkitd = builder.start();
            Polkit polkit = new Polkit(polkitd, log);
            Waits.until("polkitd to own org.freedesktop.PolicyKit1", 20_000, () -> polkit.ownsName(bus) || !polkitd.isAlive());
            if (!polkitd.isAlive()) {
                throw new IllegalStateException("polkitd exited: " + Files.readString(log));
            }
            return polkit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean ownsName(PrivateSystemBus bus) {
        var r = Processes.run(List.of("busctl", "--address=" + bus.address(), "status", "org.freedesktop.PolicyKit1"));
        return r.exit() == 0;
    }

    private static String polkitdBinary() {
        for (String candidate : List.of("/usr/lib/polkit-1/polkitd", "/usr/libexec/polkitd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("polkitd not found: apt-get install polkitd");
    }

    private static void install(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        polkitd.destroy();
    }
}
