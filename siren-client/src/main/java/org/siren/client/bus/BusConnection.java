package org.siren.client.bus;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's connection to a message bus, made for a command-line tool that lives for one command:
 * it connects, authenticates, says Hello, and then sends method calls and hears signals, with one
 * reader thread and no other set-up. Replies find their caller by serial; signals go to listeners in
 * arrival order. When the bus goes away, every pending call fails and listeners hear of it.
 */
public final class BusConnection implements AutoCloseable {

    /** How long the bus may take to authenticate us and answer Hello. */
    public static final Duration SETUP_TIMEOUT = Duration.ofSeconds(25);

    private final SocketChannel channel;
    private final Path socket;
    private final AtomicLong serials = new AtomicLong();
    private final Map<Long, PendingReply> pending = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();
    private volatile IOException lost;
    private volatile boolean closing;
    private String uniqueName;

    /** What hears a connection's signals, and its end. */
    public interface Listener {
        void signal(Message signal);

        void disconnected(IOException why);
    }

    private BusConnection(SocketChannel channel, Path socket) {
        this.channel = channel;
        this.socket = socket;
    }

    /** Connects to the bus at a D-Bus address (its first unix:path= entry). */
    public static BusConnection open(String address) throws IOException {
        return open(address, SETUP_TIMEOUT);
    }

    /** Connects, failing if authentication or Hello take longer than {@code setupTimeout} each. */
    public static BusConnection open(String address, Duration setupTimeout) throws IOException {
        Path socket = BusAddress.socketOf(address);
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            SaslExternal.authenticate(channel, setupTimeout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        BusConnection connection = new BusConnection(channel, socket);
        connection.startReader();
        try {
            connection.uniqueName = connection.hello(setupTimeout);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private String hello(Duration timeout) throws IOException {
        Message reply = call(Message.methodCall("org.freedesktop.DBus", "/org/freedesktop/DBus",
                "org.freedesktop.DBus", "Hello", 0, "", List.of()), timeout);
        if (reply.type() != Message.Type.METHOD_RETURN || !reply.signature().equals("s")) {
            throw new IOException("the bus at " + socket + " refused Hello: " + reply.errorName() + " "
                    + reply.errorMessage());
        }
        return (String) reply.body().get(0);
    }

    /** Our unique name on the bus (":1.42"). */
    public String uniqueName() {
        return uniqueName;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
        IOException why = lost;
        if (why != null) {
            listener.disconnected(why);
        }
    }

    /** Asks the bus to route signals that match a rule to us (org.freedesktop.DBus.AddMatch). */
    public void addMatch(String rule, Duration timeout) throws IOException {
        Message reply = call(Message.methodCall("org.freedesktop.DBus", "/org/freedesktop/DBus",
                "org.freedesktop.DBus", "AddMatch", 0, "s", List.of(rule)), timeout);
        if (reply.type() == Message.Type.ERROR) {
            throw new IOException("the bus refused the match rule " + rule + ": " + reply.errorMessage());
        }
    }

    /**
     * Sends a method call and waits for its reply, which may be an error reply (type ERROR): that is
     * the caller's to read. Fails with an IOException when the bus goes away or no reply comes in time.
     */
    public Message call(Message methodCall, Duration timeout) throws IOException {
        long serial = serials.incrementAndGet();
        PendingReply reply = new PendingReply();
        pending.put(serial, reply);
        try {
            send(methodCall.withSerial(serial));
            Message answer = reply.await(timeout.toMillis());
            if (answer == null) {
                throw new IOException("no reply to " + methodCall.member() + " from " + methodCall.destination()
                        + " within " + timeout.toSeconds() + " s");
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + methodCall.member(), e);
        } finally {
            pending.remove(serial);
        }
    }

    private void send(Message message) throws IOException {
        IOException why = lost;
        if (why != null) {
            throw new IOException("the connection to the bus at " + socket + " is lost: " + why.getMessage(), why);
        }
        ByteBuffer bytes = ByteBuffer.wrap(MessageCodec.encode(message));
        try {
            synchronized (writeLock) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new IOException("the connection to the bus at " + socket + " is lost: " + e.getMessage(), e);
        }
    }

    private void startReader() {
        Thread reader = new Thread(this::readLoop, "bus-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            while (true) {
                Message message = MessageCodec.read(channel);
                if (message != null) {
                    dispatch(message);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A malformed message, or a listener that failed, ends the connection like a hang-up:
            // nothing read after it could be trusted, and no caller is left waiting.
            IOException why = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            lose(closing ? new IOException("the connection was closed", why) : why);
        }
    }

    private void dispatch(Message message) throws IOException {
        switch (message.type()) {
            case METHOD_RETURN, ERROR -> {
                PendingReply waiting = pending.get(message.replySerial());
                if (waiting != null) {
                    waiting.complete(message);
                }
            }
            case SIGNAL -> {
                for (Listener listener : listeners) {
                    listener.signal(message);
                }
            }
            case METHOD_CALL -> refuse(message);
        }
    }

    /** This client exports no objects: a call to it gets UnknownMethod, as sd-bus answers. */
    private void refuse(Message call) throws IOException {
        if ((call.flags() & Message.NO_REPLY_EXPECTED) != 0 || call.sender() == null) {
            return;
        }
        send(new Message(Message.Type.ERROR, Message.NO_REPLY_EXPECTED, 0, null, null, null,
                "org.freedesktop.DBus.Error.UnknownMethod", call.serial(), call.sender(), null, "s",
                List.of("this client exports no objects")).withSerial(serials.incrementAndGet()));
    }

    private void lose(IOException why) {
        lost = why;
        pending.values().forEach(call -> call.fail(why));
        for (Listener listener : listeners) {
            listener.disconnected(why);
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        channel.close();
    }
}
