package org.siren.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.siren.client.bus.Variant;

/** Reads reply values as the client's bus connection decodes them. */
final class ReplyValues {

    private ReplyValues() {
    }

    /** The fields of each struct in an array of structs. */
    static List<List<?>> rows(Object value) {
        return asList(value).stream().<List<?>>map(row -> (List<?>) row).toList();
    }

    static List<String> strings(Object value) {
        return asList(value).stream().map(String::valueOf).toList();
    }

    /** An a{sv} with its variants unwrapped. */
    static Map<String, Object> properties(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> out.put((String) k, v instanceof Variant variant ? variant.value() : v));
        return out;
    }

    static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalStateException("unexpected reply value " + value);
    }
}
