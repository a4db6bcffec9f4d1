package org.siren.daemon.build;

import java.util.concurrent.TimeUnit;

/** Stops a process and its children: SIGTERM, then SIGKILL for whatever is left after a grace period. */
final class ProcessStopper {

    private static final long GRACE_SECONDS = 10;

    private ProcessStopper() {
    }

    static void stop(Process process) {
        Thread stopper = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }, "stop-" + process.pid());
        stopper.setDaemon(true);
        stopper.start();
    }
}
