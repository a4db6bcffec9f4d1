package org.siren.client.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.siren.testing.PrivateSystemBus;
import org.siren.testing.SirenEnvironment;

/** sirenctl's own bus connection against a real dbus-daemon, and against a bus that misbehaves. */
class BusConnectionIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String DBUS = "org.freedesktop.DBus";

    @TempDir
    Path dir;

    private static Message busCall(String member, String signature, Object... args) {
        return Message.methodCall(DBUS, "/org/freedesktop/DBus", DBUS, member, 0, signature, List.of(args));
    }

    /** Listens, keeping what it hears. */
    private static final class Recorder implements BusConnection.Listener {
        final BlockingQueue<Message> signals = new ArrayBlockingQueue<>(100);
        final BlockingQueue<IOException> losses = new ArrayBlockingQueue<>(10);

        @Override
        public void signal(Message signal) {
            signals.add(signal);
        }

        @Override
        public void disconnected(IOException why) {
            losses.add(why);
        }
    }

    @Test
    void callsGetTheirRepliesFromTheRealBus() throws Exception {
        try (BusConnection bus = BusConnection.open(SirenEnvironment.shared().bus.address())) {
            assertTrue(bus.uniqueName().startsWith(":"), bus.uniqueName());
            Message reply = bus.call(busCall("ListNames", ""), TIMEOUT);
            assertEquals(Message.Type.METHOD_RETURN, reply.type());
            List<?> names = (List<?>) reply.body().get(0);
            assertTrue(names.contains(DBUS) && names.contains(bus.uniqueName()), names.toString());
            Message owner = bus.call(busCall("GetNameOwner", "s", bus.uniqueName()), TIMEOUT);
            assertEquals(List.of(bus.uniqueName()), owner.body());
        }
    }

    @Test
    void errorRepliesArriveWithTheirNameAndMessage() throws Exception {
        try (BusConnection bus = BusConnection.open(SirenEnvironment.shared().bus.address())) {
            Message reply = bus.call(busCall("GetNameOwner", "s", "org.example.Nobody"), TIMEOUT);
            assertEquals(Message.Type.ERROR, reply.type());
            assertEquals("org.freedesktop.DBus.Error.NameHasNoOwner", reply.errorName());
            assertTrue(reply.errorMessage().contains("org.example.Nobody"), reply.errorMessage());
        }
    }

    @Test
    void matchingSignalsAreHeardInOrder() throws Exception {
        String address = SirenEnvironment.shared().bus.address();
        try (BusConnection bus = BusConnection.open(address)) {
            Recorder recorder = new Recorder();
            bus.addListener(recorder);
            bus.addMatch("type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged'", TIMEOUT);
            String other;
            try (BusConnection second = BusConnection.open(address)) {
                other = second.uniqueName();
            }
            Message appeared = nextAbout(recorder, other);
            assertEquals(List.of(other, "", other), appeared.body());
            Message vanished = nextAbout(recorder, other);
            assertEquals(List.of(other, other, ""), vanished.body());
        }
    }

    private static Message nextAbout(Recorder recorder, String name) throws InterruptedException {
        while (true) {
            Message signal = recorder.signals.poll(10, TimeUnit.SECONDS);
            assertNotNull(signal, "no NameOwnerChanged for " + name);
            if (signal.isSignal(DBUS, "NameOwnerChanged") && name.equals(signal.body().get(0))) {
                return signal;
            }
        }
    }

    @Test
    void aCallToTheClientIsAnsweredWithUnknownMethod() throws Exception {
        // A system bus's policy keeps such calls from reaching the client at all, so a bus of our own makes one.
        try (FakeBrokenBus caller = new FakeBrokenBus(dir, FakeBrokenBus.Fault.CALLS_THE_CLIENT);
                BusConnection client = BusConnection.open(caller.address())) {
            Message reply = caller.answer.get(10, TimeUnit.SECONDS);
            assertEquals(Message.Type.ERROR, reply.type());
            assertEquals("org.freedesktop.DBus.Error.UnknownMethod", reply.errorName());
            assertEquals(2, reply.replySerial());
            assertEquals(":1.1", client.uniqueName());
        }
    }

    @Test
    void aBusThatGoesAwayFailsCallsAndTellsListeners() throws Exception {
        PrivateSystemBus own = PrivateSystemBus.start(Files.createDirectories(dir.resolve("bus")),
                SirenEnvironment.projectRoot().resolve("systemd"));
        BusConnection bus = BusConnection.open(own.address());
        Recorder recorder = new Recorder();
        bus.addListener(recorder);
        own.close();
        assertNotNull(recorder.losses.poll(10, TimeUnit.SECONDS), "the listener did not hear of the lost bus");
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> bus.call(busCall("ListNames", ""), TIMEOUT));
        assertTrue(e.getMessage().contains("lost"), e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "a call on a lost bus waited");
        bus.close();
    }

    @ParameterizedTest
    @CsvSource({
        "REFUSE_AUTH, refused authentication",
        "HUGE_REPLY, 128 MiB",
        "GARBAGE_REPLY, malformed D-Bus message",
    })
    void aBusThatBreaksTheProtocolIsRefusedWithTheReason(FakeBrokenBus.Fault fault, String reason) throws Exception {
        try (FakeBrokenBus broken = new FakeBrokenBus(dir, fault)) {
            IOException e = assertThrows(IOException.class, () -> BusConnection.open(broken.address()));
            assertTrue(e.getMessage().contains(reason), e.getMessage());
        }
    }

    @Test
    void aBusThatHangsUpIsReportedAtOnce() throws Exception {
        try (FakeBrokenBus broken = new FakeBrokenBus(dir, FakeBrokenBus.Fault.HANG_UP_AFTER_AUTH)) {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> BusConnection.open(broken.address()));
            assertTrue(e.getMessage().contains("closed the connection") || e.getMessage().contains("is lost"),
                    e.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "waited for Hello's timeout");
        }
    }

    @Test
    void aBusThatNeverAnswersAuthenticationIsGivenUpOn() throws Exception {
        try (FakeBrokenBus silent = new FakeBrokenBus(dir, FakeBrokenBus.Fault.SILENT_AUTH)) {
            IOException e = assertThrows(IOException.class,
                    () -> BusConnection.open(silent.address(), Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("did not answer authentication"), e.getMessage());
        }
    }

    @Test
    void aCallWithoutReplyTimesOut() throws Exception {
        try (FakeBrokenBus broken = new FakeBrokenBus(dir, FakeBrokenBus.Fault.SILENT_AFTER_HELLO);
                BusConnection bus = BusConnection.open(broken.address())) {
            IOException e = assertThrows(IOException.class,
                    () -> bus.call(busCall("ListNames", ""), Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("no reply to ListNames"), e.getMessage());
        }
    }
}
