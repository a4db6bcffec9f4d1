package org.siren.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.UInt32;

/** One row of ListJobs: {@code (usssuo)} = id, kind, image, state, uid of the starter, object path. */
public final class JobEntry extends Struct {

    @Position(0)
    private final UInt32 id;
    @Position(1)
    private final String kind;
    @Position(2)
    private final String image;
    @Position(3)
    private final String state;
    @Position(4)
    private final UInt32 startedByUid;
    @Position(5)
    private final DBusPath objectPath;

    public JobEntry(UInt32 id, String kind, String image, String state, UInt32 startedByUid, DBusPath objectPath) {
        this.id = id;
        this.kind = kind;
        this.image = image;
        this.state = state;
        this.startedByUid = startedByUid;
        this.objectPath = objectPath;
    }

    public UInt32 getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getImage() {
        return image;
    }

    public String getState() {
        return state;
    }

    public UInt32 getStartedByUid() {
        return startedByUid;
    }

    public DBusPath getObjectPath() {
        return objectPath;
    }
}
