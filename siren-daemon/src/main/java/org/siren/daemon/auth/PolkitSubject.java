package org.siren.daemon.auth;

import java.util.Map;

import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.types.Variant;

/** polkit's Subject struct {@code (sa{sv})}: always of kind system-bus-name here. */
public final class PolkitSubject extends Struct {

    @Position(0)
    private final String kind;
    @Position(1)
    private final Map<String, Variant<?>> details;

    public PolkitSubject(String kind, Map<String, Variant<?>> details) {
        this.kind = kind;
        this.details = details;
    }

    public static PolkitSubject systemBusName(String uniqueName) {
        return new PolkitSubject("system-bus-name", Map.of("name", new Variant<>(uniqueName)));
    }

    public String getKind() {
        return kind;
    }

    public Map<String, Variant<?>> getDetails() {
        return details;
    }
}
