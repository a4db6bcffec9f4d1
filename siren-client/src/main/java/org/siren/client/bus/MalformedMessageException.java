package org.siren.client.bus;

/** A message that breaks the D-Bus wire format; the connection that carried it cannot be trusted further. */
public final class MalformedMessageException extends RuntimeException {

    MalformedMessageException(String message) {
        super("malformed D-Bus message: " + message);
    }
}
