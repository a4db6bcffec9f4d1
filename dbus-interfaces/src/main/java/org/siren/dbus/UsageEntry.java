package org.siren.dbus;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.UInt64;

/**
 * One row of DiskUsage: {@code (sstt)} = name, kind, bytes of its own layer on disk, bytes of its
 * whole chain (its layer and every layer under it).
 */
public final class UsageEntry extends Struct {

    @Position(0)
    private final String name;
    @Position(1)
    private final String kind;
    @Position(2)
    private final UInt64 ownBytes;
    @Position(3)
    private final UInt64 chainBytes;

    public UsageEntry(String name, String kind, UInt64 ownBytes, UInt64 chainBytes) {
        this.name = name;
        this.kind = kind;
        this.ownBytes = ownBytes;
        this.chainBytes = chainBytes;
    }

    public String getName() {
        return name;
    }

    public String getKind() {
        return kind;
    }

    public UInt64 getOwnBytes() {
        return ownBytes;
    }

    public UInt64 getChainBytes() {
        return chainBytes;
    }
}
