package org.siren.daemon.build;

import java.util.concurrent.atomic.AtomicReference;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;

/** Lets a running build be cancelled: a flag, and the process to stop when it is raised. */
public final class CancelToken {

    private volatile boolean cancelled;
    private final AtomicReference<Process> running = new AtomicReference<>();

    public void cancel() {
        cancelled = true;
        Process process = running.get();
        if (process != null) {
            ProcessStopper.stop(process);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws if cancelled; steps call it between pieces of work. */
    public void check() {
        if (cancelled) {
            throw new SirenException(Reason.FAILED, "cancelled");
        }
    }

    void attach(Process process) {
        running.set(process);
        if (cancelled) {
            ProcessStopper.stop(process);
        }
    }

    void detach() {
        running.set(null);
    }
}
