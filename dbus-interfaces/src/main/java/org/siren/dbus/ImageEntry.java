package org.siren.dbus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;

/** One row of ListImages: {@code (sssso)} = name, version, base ("" for none), kind, object path. */
public final class ImageEntry extends Struct {

    @Position(0)
    private final String name;
    @Position(1)
    private final String version;
    @Position(2)
    private final String base;
    @Position(3)
    private final String kind;
    @Position(4)
    private final DBusPath objectPath;

    public ImageEntry(String name, String version, String base, String kind, DBusPath objectPath) {
        this.name = name;
        this.version = version;
        this.base = base;
        this.kind = kind;
        this.objectPath = objectPath;
    }

    public String getName() {
        return name;
    }

    public String getVersion() {
        return version;
    }

    public String getBase() {
        return base;
    }

    public String getKind() {
        return kind;
    }

    public DBusPath getObjectPath() {
        return objectPath;
    }
}
