package org.siren.client.bus;

import java.io.IOException;

/** The reply a method call waits for: a message, or the reason none will come. */
final class PendingReply {

    private Message reply;
    private IOException failure;

    synchronized void complete(Message message) {
        reply = message;
        notifyAll();
    }

    synchronized void fail(IOException why) {
        failure = why;
        notifyAll();
    }

    /** The reply, or null when none came within the time; throws what failed the connection. */
    synchronized Message await(long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (reply == null && failure == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        if (reply != null) {
            return reply;
        }
        throw new IOException(failure.getMessage(), failure);
    }
}
