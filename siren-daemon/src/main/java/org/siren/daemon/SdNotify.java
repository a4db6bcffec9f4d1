package org.siren.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jnr.unixsocket.UnixDatagramChannel;
import jnr.unixsocket.UnixSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sd_notify(3): tells the service manager READY and STATUS over the datagram socket named by
 * $NOTIFY_SOCKET. JDK 17 has no unix datagram sockets, so jnr-unixsocket provides one. Without the
 * variable (not started by systemd) it does nothing.
 */
public final class SdNotify {

    private static final Logger LOG = LoggerFactory.getLogger(SdNotify.class);

    private final String socket;

    public SdNotify(String socket) {
        this.socket = socket;
    }

    public static SdNotify fromEnvironment() {
        return new SdNotify(System.getenv("NOTIFY_SOCKET"));
    }

    public void ready(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    public void status(String status) {
        send("STATUS=" + status);
    }

    public void stopping() {
        send("STOPPING=1");
    }

    private void send(String message) {
        if (socket == null || socket.isEmpty()) {
            return;
        }
        String path = socket.startsWith("@") ? "\0" + socket.substring(1) : socket;
        try (UnixDatagramChannel channel = UnixDatagramChannel.open()) {
            channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), new UnixSocketAddress(path));
        } catch (IOException e) {
            LOG.warn("could not notify the service manager at {}: {}", socket, e.getMessage());
        }
    }
}
