package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real dbus-daemon of type system on a private socket, with the stock system bus's default policy
 * and policy directories plus siren's own bus policy (systemd/org.siren.Builder.conf), so that both
 * policies are exercised as on a host.
 */
public final class PrivateSystemBus implements AutoCloseable {

    private final Path dir;
    private final Process daemon;

    private PrivateSystemBus(Path dir, Process daemon) {
        this.dir = dir;
        this.daemon = daemon;
    }

    public static PrivateSystemBus start(Path dir, Path sirenPolicyDir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path config = dir.resolve("bus.conf");
            Files.writeString(config, config(dir.resolve("socket"), sirenPolicyDir));
            Process daemon = new ProcessBuilder("dbus-daemon", "--config-file=" + config, "--nofork", "--nopidfile")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("dbus-daemon.log").toFile()).start();
            PrivateSystemBus bus = new PrivateSystemBus(dir, daemon);
            Waits.until("the private bus socket " + dir.resolve("socket"), 10_000,
                    () -> Files.exists(dir.resolve("socket")) || !daemon.isAlive());
            if (!daemon.isAlive()) {
                throw new IllegalStateException("dbus-daemon exited: " + Files.readString(dir.resolve("dbus-daemon.log")));
            }
            return bus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String address() {
        return "unix:path=" + dir.resolve("socket");
    }

    private static String config(Path socket, Path sirenPolicyDir) {
        return """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <auth>EXTERNAL</auth>
              <listen>unix:path=%s</listen>
              <policy context="default">
                <allow user="*"/>
                <deny own="*"/>
                <deny send_type="method_call"/>
                <allow send_type="signal"/>
                <allow send_requested_reply="true" send_type="method_return"/>
                <allow send_requested_reply="true" send_type="error"/>
                <allow receive_type="method_call"/>
                <allow receive_type="method_return"/>
                <allow receive_type="error"/>
                <allow receive_type="signal"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
              </policy>
              <includedir>/usr/share/dbus-1/system.d</includedir>
              <includedir>%s</includedir>
            </busconfig>
            """.formatted(socket, sirenPolicyDir);
    }

    @Override
    public void close() {
        daemon.destroy();
        try {
            daemon.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<String> logLines() {
        try {
            return Files.readAllLines(dir.resolve("dbus-daemon.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
