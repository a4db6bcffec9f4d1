package org.siren.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.DBusSignal;
import org.siren.dbus.BusNames;
import org.siren.dbus.Job1;

/**
 * Follows a job's signals. It subscribes before the job exists (so nothing is missed between the
 * Build reply and the first signal), keeps every job's signals in arrival order, and renders those of
 * the one job it is told to follow. It also watches the service's bus name, so that a daemon that
 * dies mid-job ends the wait with an error instead of a hang.
 */
final class JobFollower implements AutoCloseable {

    private final SirenBus bus;
    private final BlockingQueue<DBusSignal> events = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    private JobFollower(SirenBus bus) {
        this.bus = bus;
    }

    static JobFollower subscribe(SirenBus bus) {
        JobFollower follower = new JobFollower(bus);
        follower.listen();
        return follower;
    }

    private void listen() {
        var connection = bus.connection();
        try {
            subscriptions.add(connection.addSigHandler(Job1.Log.class, events::add));
            subscriptions.add(connection.addSigHandler(Job1.StepStarted.class, events::add));
            subscriptions.add(connection.addSigHandler(Job1.Finished.class, events::add));
            subscriptions.add(connection.addSigHandler(DBus.NameOwnerChanged.class, events::add));
        } catch (DBusException e) {
            close();
            throw new ClientException(ClientException.FAILED, "cannot subscribe to the job's signals: " + e.getMessage(), e);
        }
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
    Ending follow(DBusPath job, long skip, boolean quiet, PrintWriter out) {
        String path = job.getPath();
        while (true) {
            DBusSignal signal;
            try {
                signal = next();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException(ClientException.FAILED, "interrupted", e);
            }
            if (signal instanceof DBus.NameOwnerChanged owner) {
                if (owner.name.equals(BusNames.SERVICE) && owner.newOwner.isEmpty()) {
                    throw new ClientException(ClientException.UNREACHABLE, "the siren service stopped while job "
                            + path.substring(path.lastIndexOf('/') + 1) + " ran; its next start removes what the job"
                            + " left. See 'journalctl -u siren'");
                }
                continue;
            }
            if (!path.equals(signal.getPath())) {
                continue;
            }
            if (signal instanceof Job1.Log log) {
                if (!quiet && log.getIndex().longValue() >= skip) {
                    out.println(log.getLine());
                }
            } else if (signal instanceof Job1.StepStarted step) {
                if (!quiet) {
                    out.println("Step " + step.getNumber() + "/" + step.getTotal() + " : " + step.getText());
                }
            } else if (signal instanceof Job1.Finished finished) {
                return new Ending(finished.getResult(), finished.getMessage());
            }
        }
    }

    /** The job's state when it already finished before anything could be heard of it. */
    Ending endingIfFinished(DBusPath job) {
        Map<String, Object> props = bus.jobProperties(job);
        String state = String.valueOf(props.get("State"));
        return state.equals("running") ? null : new Ending(String.valueOf(props.get("Result")),
                String.valueOf(props.get("Message")));
    }

    private DBusSignal next() throws InterruptedException {
        return events.take();
    }

    @Override
    public void close() {
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                // The connection is closed right after; nothing more to release.
            }
        }
    }
}
