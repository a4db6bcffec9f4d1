package org.siren.daemon.auth;

import java.util.Objects;

/**
 * Who called: the unique bus name of the caller's connection (never a pid or a uid taken from the
 * message body) and whether it allowed interactive authorization.
 */
public record Caller(String busName, boolean allowInteractive) {

    public Caller {
        Objects.requireNonNull(busName, "busName");
        if (!busName.startsWith(":")) {
            throw new IllegalArgumentException("a caller is named by its unique bus name, got \"" + busName + "\"");
        }
    }
}
