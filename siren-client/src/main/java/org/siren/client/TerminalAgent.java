package org.siren.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A polkit agent for this terminal: pkttyagent registered for this very process. polkit looks up the
 * agent of the process behind a system-bus-name subject, so when sirend asks about this process's
 * connection, the password prompt comes here, where the command was typed. Not registered as a
 * fallback (as systemctl does): polkit drops fallback agents when the caller has no logind session
 * (su, runuser, containers). Started only when standard input is a terminal and interaction is
 * allowed.
 */
final class TerminalAgent implements AutoCloseable {

    private static final Path PKTTYAGENT = Path.of("/usr/bin/pkttyagent");
    private static final long REGISTRATION_TIMEOUT_MS = 5_000;

    private final Process agent;

    private TerminalAgent(Process agent) {
        this.agent = agent;
    }

    /** Starts the agent if it can prompt here; otherwise returns one that does nothing. */
    static TerminalAgent startIfUseful(boolean interactive) {
        if (!interactive || System.console() == null || !Files.isExecutable(PKTTYAGENT)) {
            return new TerminalAgent(null);
        }
        Path fifo = null;
        try {
            Path dir = Files.createTempDirectory("sirenctl-agent-");
            fifo = dir.resolve("ready");
            new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).start().waitFor();
            Process agent = new ProcessBuilder("sh", "-c",
                    "exec \"$1\" --process \"$2\" --notify-fd 3 3>\"$3\"", "sh", PKTTYAGENT.toString(),
                    Long.toString(ProcessHandle.current().pid()), fifo.toString()).inheritIO().start();
            awaitRegistration(fifo);
            return new TerminalAgent(agent);
        } catch (IOException e) {
            return new TerminalAgent(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TerminalAgent(null);
        } finally {
            if (fifo != null) {
                deleteQuietly(fifo);
                deleteQuietly(fifo.getParent());
            }
        }
    }

    /** pkttyagent closes its notify fd once it is registered; reading the FIFO to its end waits for that. */
    private static void awaitRegistration(Path fifo) {
        CompletableFuture<Void> registered = CompletableFuture.runAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // Without the agent, polkit answers as it would have anyway.
            }
        });
        try {
            registered.get(REGISTRATION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            registered.cancel(true);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover FIFO in the temporary directory harms nobody.
        }
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.destroy();
        }
    }
}
