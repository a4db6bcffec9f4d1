package org.siren.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One row of Prune: {@code (ss)} = path, why it may go. */
public final class PruneEntry extends Struct {

    @Position(0)
    private final String path;
    @Position(1)
    private final String reason;

    public PruneEntry(String path, String reason) {
        this.path = path;
        this.reason = reason;
    }

    public String getPath() {
        return path;
    }

    public String getReason() {
        return reason;
    }
}
