package org.siren.daemon.bus;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.freedesktop.dbus.types.Variant;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;

/** An {@code a{sv}} options dictionary: unknown keys and wrong types are refused, never ignored. */
final class Options {

    private final String method;
    private final Map<String, Variant<?>> values;

    private Options(String method, Map<String, Variant<?>> values) {
        this.method = method;
        this.values = values == null ? Map.of() : values;
    }

    static Options of(String method, Map<String, Variant<?>> values, Set<String> known) {
        Options options = new Options(method, values);
        for (String key : options.values.keySet()) {
            if (!known.contains(key)) {
                throw new SirenException(Reason.INVALID_ARGS, "unknown option \"" + key + "\" for " + method
                        + (known.isEmpty() ? ", which takes none" : "; known options: " + new TreeSet<>(known)));
            }
        }
        return options;
    }

    String text(String key) {
        Variant<?> value = values.get(key);
        if (value == null) {
            return "";
        }
        if (value.getValue() instanceof String text) {
            return text;
        }
        throw new SirenException(Reason.INVALID_ARGS, "option \"" + key + "\" of " + method + " must be a string (s), got "
                + value.getSig());
    }

    boolean flag(String key) {
        Variant<?> value = values.get(key);
        if (value == null) {
            return false;
        }
        if (value.getValue() instanceof Boolean b) {
            return b;
        }
        throw new SirenException(Reason.INVALID_ARGS, "option \"" + key + "\" of " + method + " must be a boolean (b), got "
                + value.getSig());
    }
}
