package org.siren.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.siren.client.bus.BusConnection;
import org.siren.client.bus.Message;
import org.siren.client.bus.ObjectPath;
import org.siren.dbus.BusNames;

/**
 * Follows a job's signals. It subscribes before the job exists (so nothing is missed between the
 * Build reply and the first signal), keeps every job's signals in arrival order, and renders those of
 * the one job it is told to follow. It also watches the service's bus name and the connection, so
 * that a daemon or a bus that dies mid-job ends the wait with an error instead of a hang.
 */
final class JobFollower implements BusConnection.Listener {

    private static final String JOB_IFACE = "org.siren.Job1";
    private static final Duration SUBSCRIBE_TIMEOUT = Duration.ofSeconds(25);
    private static final String JOB_SIGNALS = "type='signal',sender='" + BusNames.SERVICE + "',interface='"
            + JOB_IFACE + "'";
    private static final String SERVICE_OWNER = "type='signal',sender='org.freedesktop.DBus',"
            + "interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='" + BusNames.SERVICE + "'";

    private final SirenBus bus;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    /** A signal heard, or the connection lost. */
    private record Event(Message signal, IOException lost) {
    }

    private JobFollower(SirenBus bus) {
        this.bus = bus;
    }

    static JobFollower subscribe(SirenBus bus) {
        JobFollower follower = new JobFollower(bus);
        BusConnection connection = bus.connection();
        connection.addListener(follower);
        try {
            connection.addMatch(JOB_SIGNALS, SUBSCRIBE_TIMEOUT);
            connection.addMatch(SERVICE_OWNER, SUBSCRIBE_TIMEOUT);
        } catch (IOException e) {
            throw new ClientException(ClientException.FAILED, "cannot subscribe to the job's signals: " + e.getMessage(), e);
        }
        return follower;
    }

    @Override
    public void signal(Message signal) {
        events.add(new Event(signal, null));
    }

    @Override
    public void disconnected(IOException why) {
        events.add(new Event(null, why));
    }

    /** How a followed job ended. */
    record Ending(String result, String message) {
        boolean succeeded() {
            return result.equals("done");
        }
    }

    /**
     * Prints the job's output (from line {@code skip} on) and steps until it finishes. With {@code quiet},
     * prints nothing.
     */
    Ending follow(ObjectPath job, long skip, boolean quiet, PrintWriter out) {
        while (true) {
            Event event = next();
            if (event.lost() != null) {
                throw new ClientException(ClientException.UNREACHABLE, "lost the system bus while job "
                        + job.lastElement() + " ran (" + event.lost().getMessage() + "); see 'sirenctl jobs'");
            }
            Message signal = event.signal();
            if (signal.isSignal("org.freedesktop.DBus", "NameOwnerChanged")) {
                if (serviceStopped(signal)) {
                    throw new ClientException(ClientException.UNREACHABLE, "the siren service stopped while job "
                            + job.lastElement() + " ran; its next start removes what the job left. See 'journalctl"
                            + " -u siren'");
                }
                continue;
            }
            if (!job.value().equals(signal.path())) {
                continue;
            }
            Ending ending = render(signal, skip, quiet, out);
            if (ending != null) {
                return ending;
            }
        }
    }

    private static boolean serviceStopped(Message owner) {
        return owner.body().size() == 3 && BusNames.SERVICE.equals(owner.body().get(0))
                && "".equals(owner.body().get(2));
    }

    /** Prints one of the job's signals; the ending when it is Finished. */
    private static Ending render(Message signal, long skip, boolean quiet, PrintWriter out) {
        var body = signal.body();
        if (signal.isSignal(JOB_IFACE, "Log") && signal.signature().equals("ts")) {
            if (!quiet && (Long) body.get(0) >= skip) {
                out.println(body.get(1));
            }
        } else if (signal.isSignal(JOB_IFACE, "StepStarted") && signal.signature().equals("uus")) {
            if (!quiet) {
                out.println("Step " + body.get(0) + "/" + body.get(1) + " : " + body.get(2));
            }
        } else if (signal.isSignal(JOB_IFACE, "Finished") && signal.signature().equals("ss")) {
            return new Ending((String) body.get(0), (String) body.get(1));
        }
        return null;
    }

    /** The job's state when it already finished before anything could be heard of it. */
    Ending endingIfFinished(ObjectPath job) {
        Map<String, Object> props = bus.jobProperties(job);
        String state = String.valueOf(props.get("State"));
        return state.equals("running") ? null : new Ending(String.valueOf(props.get("Result")),
                String.valueOf(props.get("Message")));
    }

    private Event next() {
        try {
            return events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException(ClientException.FAILED, "interrupted", e);
        }
    }
}
