package org.siren.client.bus;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A bus that misbehaves on purpose, in ways a real dbus-daemon cannot be made to: it refuses
 * authentication, hangs up, sends a malformed reply, or never answers. One connection, then done.
 */
final class FakeBrokenBus implements AutoCloseable {

    enum Fault { SILENT_AUTH, REFUSE_AUTH, HANG_UP_AFTER_AUTH, HUGE_REPLY, GARBAGE_REPLY, SILENT_AFTER_HELLO, CALLS_THE_CLIENT }

    private final ServerSocketChannel server;
    private final Path socket;
    private final Thread thread;
    /** For CALLS_THE_CLIENT: the client's answer to the call made to it. */
    final java.util.concurrent.CompletableFuture<Message> answer = new java.util.concurrent.CompletableFuture<>();

    FakeBrokenBus(Path dir, Fault fault) throws IOException {
        socket = dir.resolve("broken-bus");
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> serve(fault), "fake-broken-bus");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "unix:path=" + socket;
    }

    private void serve(Fault fault) {
        try (SocketChannel client = server.accept()) {
            readLine(client);
            if (fault == Fault.SILENT_AUTH) {
                client.read(ByteBuffer.allocate(1));
                return;
            }
            if (fault == Fault.REFUSE_AUTH) {
                write(client, "REJECTED EXTERNAL\r\n".getBytes(StandardCharsets.US_ASCII));
                readLine(client);
                return;
            }
            write(client, "OK 0123456789abcdef0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII));
            readLine(client);
            if (fault == Fault.HANG_UP_AFTER_AUTH) {
                return;
            }
            Message hello = MessageCodec.read(client);
            switch (fault) {
                case HUGE_REPLY -> write(client, new byte[] {'l', 2, 0, 1, 0, 0, 0, 0x40, 1, 0, 0, 0, 0, 0, 0, 0});
                case GARBAGE_REPLY -> write(client, new byte[] {'l', 2, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 8, 0, 0, 0,
                    5, 1, 'z', 0, 0, 0, 0, 0});
                case SILENT_AFTER_HELLO -> {
                    write(client, MessageCodec.encode(new Message(Message.Type.METHOD_RETURN, 0, 1, null, null, null,
                            null, hello.serial(), null, null, "s", List.of(":1.1"))));
                    while (client.read(ByteBuffer.allocate(4096)) >= 0) {
                        // Hears every call and answers none.
                    }
                }
                case CALLS_THE_CLIENT -> {
                    write(client, MessageCodec.encode(new Message(Message.Type.METHOD_RETURN, 0, 1, null, null, null,
                            null, hello.serial(), null, null, "s", List.of(":1.1"))));
                    write(client, MessageCodec.encode(new Message(Message.Type.METHOD_CALL, 0, 2, "/", "org.example.Probe",
                            "Poke", null, 0, ":1.1", ":1.0", "", List.of())));
                    answer.complete(MessageCodec.read(client));
                }
                default -> throw new IllegalStateException(fault.name());
            }
        } catch (IOException e) {
            answer.completeExceptionally(e);
        }
    }

    private static void readLine(SocketChannel client) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (client.read(one) < 0 || one.get(0) == '\n') {
                return;
            }
        }
    }

    private static void write(SocketChannel client, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            client.write(buffer);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
