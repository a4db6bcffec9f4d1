package org.siren.daemon.bus;

import java.util.Map;

import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.siren.Error;

/**
 * org.freedesktop.DBus.Properties for objects whose properties are all read-only and computed on
 * each call. Get answers with a variant, as the specification wants (busctl get-property needs it;
 * dbus-java's bound properties answer with the bare value).
 */
abstract class ReadOnlyProperties implements Properties {

    /** The interface the properties belong to. */
    protected abstract String propertiesInterface();

    /** What the object is, for error messages ("image web", "job 3"). */
    protected abstract String describe();

    protected abstract Map<String, Variant<?>> properties();

    @Override
    @SuppressWarnings("unchecked")
    public <A> A Get(String iface, String property) {
        return ErrorMapping.reply("Get", () -> {
            Variant<?> value = checked(iface).get(property);
            if (value == null) {
                throw new Error.InvalidArgs(describe() + " has no property \"" + property + "\" on " + propertiesInterface());
            }
            return (A) value;
        });
    }

    @Override
    public <A> void Set(String iface, String property, A value) {
        throw new Error.InvalidArgs("the properties of " + describe() + " are read-only");
    }

    @Override
    public Map<String, Variant<?>> GetAll(String iface) {
        return ErrorMapping.reply("GetAll", () -> checked(iface));
    }

    private Map<String, Variant<?>> checked(String iface) {
        if (!propertiesInterface().equals(iface) && !iface.isEmpty()) {
            throw new Error.InvalidArgs(describe() + " has properties on " + propertiesInterface() + ", not on \""
                    + iface + "\"");
        }
        return properties();
    }
}
