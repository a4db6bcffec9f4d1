package org.siren.client.bus;

/** A D-Bus object path ("/org/siren/Builder/job/7"), validated as the specification defines it. */
public record ObjectPath(String value) {

    public ObjectPath {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a D-Bus object path: '" + value + "'");
        }
    }

    /** "/" alone, or "/"-separated non-empty elements of [A-Za-z0-9_]. */
    static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.charAt(0) != '/') {
            return false;
        }
        if (value.length() == 1) {
            return true;
        }
        if (value.endsWith("/") || value.contains("//")) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c == '/' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The last element: "7" of "/org/siren/Builder/job/7". */
    public String lastElement() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
