package org.siren.client;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import org.siren.client.bus.ObjectPath;

/** Follows a job this sirenctl started, to its end; Ctrl-C cancels it meanwhile. */
final class JobRun {

    private JobRun() {
    }

    static JobFollower.Ending follow(SirenBus siren, JobFollower follower, ObjectPath job, boolean quiet, PrintWriter out,
            PrintWriter err, String what) {
        AtomicBoolean finished = new AtomicBoolean();
        Thread cancelOnInterrupt = new Thread(() -> cancel(siren, job, finished, err, what));
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        JobFollower.Ending ending = follower.follow(job, 0, quiet, out);
        finished.set(true);
        Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
        return ending;
    }

    /**
     * Follows a job to its end and returns its message; a job that did not succeed becomes an error
     * ("import failed: ...").
     */
    static String followToSuccess(SirenBus siren, JobFollower follower, ObjectPath job, boolean quiet, PrintWriter out,
            PrintWriter err, String what) {
        JobFollower.Ending ending = follow(siren, follower, job, quiet, out, err, what);
        if (!ending.succeeded()) {
            throw new ClientException(ClientException.FAILED, what + " " + ending.result() + ": " + ending.message());
        }
        return ending.message();
    }

    static String id(ObjectPath job) {
        return job.lastElement();
    }

    private static void cancel(SirenBus siren, ObjectPath job, AtomicBoolean finished, PrintWriter err, String what) {
        if (finished.get()) {
            return;
        }
        try {
            siren.cancelJob(job);
            err.println("sirenctl: cancelled the " + what + "; nothing of it was kept");
        } catch (ClientException e) {
            err.println("sirenctl: could not cancel the " + what + ": " + e.getMessage());
        }
    }
}
