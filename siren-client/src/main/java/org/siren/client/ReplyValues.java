package org.siren.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.siren.dbus.ImageEntry;
import org.siren.dbus.JobEntry;

/** Reads the values of raw replies as dbus-java decodes them. */
final class ReplyValues {

    private ReplyValues() {
    }

    static List<ImageEntry> imageEntries(Object value) {
        return rows(value).stream()
                .map(f -> new ImageEntry((String) f[0], (String) f[1], (String) f[2], (String) f[3], (DBusPath) f[4]))
                .toList();
    }

    static List<JobEntry> jobEntries(Object value) {
        return rows(value).stream()
                .map(f -> new JobEntry((UInt32) f[0], (String) f[1], (String) f[2], (String) f[3], (UInt32) f[4],
                        (DBusPath) f[5]))
                .toList();
    }

    /** The fields of each struct in an array of structs. */
    static List<Object[]> rows(Object value) {
        List<Object[]> rows = new ArrayList<>();
        for (Object row : asList(value)) {
            rows.add(row instanceof Struct s ? s.getParameters() : (Object[]) row);
        }
        return rows;
    }

    static List<String> strings(Object value) {
        return asList(value).stream().map(String::valueOf).toList();
    }

    static Map<String, Object> properties(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, unwrap(v)));
        return out;
    }

    private static Object unwrap(Object value) {
        Object plain = value instanceof Variant<?> v ? v.getValue() : value;
        if (plain instanceof Object[] array) {
            return List.of(array);
        }
        if (plain instanceof Number n && !(plain instanceof Integer) && !(plain instanceof Long)) {
            return n.longValue();
        }
        return plain;
    }

    static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Object[] array) {
            return List.of(array);
        }
        throw new IllegalStateException("unexpected reply value " + value);
    }
}
