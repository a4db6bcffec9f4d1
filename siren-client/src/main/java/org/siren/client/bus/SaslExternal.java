package org.siren.client.bus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The D-Bus authentication handshake with the EXTERNAL mechanism: the bus checks the uid we claim
 * against the socket's peer credentials. Reads byte by byte, so nothing after "OK" is consumed.
 */
final class SaslExternal {

    private static final int MAX_LINE = 512;

    private SaslExternal() {
    }

    /** Authenticates, or fails when the bus has not answered within the timeout (the socket is then closed). */
    static void authenticate(SocketChannel channel, Duration timeout) throws IOException {
        Thread watchdog = new Thread(() -> closeAfter(channel, timeout), "bus-auth-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            handshake(channel);
        } catch (AsynchronousCloseException e) {
            throw new IOException("the bus did not answer authentication within " + timeout.toMillis() + " ms", e);
        } finally {
            watchdog.interrupt();
        }
    }

    private static void closeAfter(SocketChannel channel, Duration timeout) {
        try {
            Thread.sleep(timeout.toMillis());
            channel.close();
        } catch (InterruptedException e) {
            // The handshake ended in time.
        } catch (IOException e) {
            // Closing is how the handshake is stopped; the handshake reports the failure.
        }
    }

    private static void handshake(SocketChannel channel) throws IOException {
        String uid = Long.toString(effectiveUid());
        StringBuilder hex = new StringBuilder();
        for (char digit : uid.toCharArray()) {
            hex.append(Integer.toHexString(digit));
        }
        write(channel, "\0AUTH EXTERNAL " + hex + "\r\n");
        String answer = readLine(channel);
        if (!answer.startsWith("OK ")) {
            throw new IOException("the bus refused authentication as uid " + uid + " (it answered '" + answer + "')");
        }
        write(channel, "BEGIN\r\n");
    }

    /** The effective uid, from /proc/self/status ("Uid: real effective saved fs"). */
    static long effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\t");
                return Long.parseLong(ids[1].trim());
            }
        }
        throw new IOException("/proc/self/status has no Uid line");
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static String readLine(SocketChannel channel) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.length() < MAX_LINE) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("the bus closed the connection during authentication");
            }
            char c = (char) (one.get(0) & 0xff);
            if (c == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append(c);
        }
        throw new IOException("the bus sent an authentication line longer than " + MAX_LINE + " bytes");
    }
}
