package org.siren.daemon.image;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;

/**
 * The name of an image or container, as machinectl accepts it: 1 to 64 characters of
 * {@code A-Z a-z 0-9 . -}, not starting or ending with {@code .} or {@code -}, without {@code ..}.
 * This also keeps names out of overlay option syntax ({@code : , \ =}) and path traversal.
 */
public record ImageName(String value) implements Comparable<ImageName> {

    public static final int MAX_LENGTH = 64;

    public ImageName {
        String problem = problemWith(value);
        if (problem != null) {
            throw new SirenException(Reason.INVALID_NAME, "invalid image name " + quote(value) + ": " + problem
                    + "; names are 1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 '.' '-', not starting or ending"
                    + " with '.' or '-', without '..' (the names machinectl accepts)");
        }
    }

    public static ImageName parse(String raw) {
        return new ImageName(raw);
    }

    public static boolean isValid(String raw) {
        return problemWith(raw) == null;
    }

    private static String problemWith(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "it is empty";
        }
        if (raw.length() > MAX_LENGTH) {
            return "it has " + raw.length() + " characters";
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-';
            if (!allowed) {
                return "character " + quote(String.valueOf(c)) + " at position " + (i + 1) + " is not allowed";
            }
        }
        char first = raw.charAt(0);
        char last = raw.charAt(raw.length() - 1);
        if (first == '.' || first == '-' || last == '.' || last == '-') {
            return "it starts or ends with '.' or '-'";
        }
        if (raw.contains("..")) {
            return "it contains '..'";
        }
        return null;
    }

    /** Quotes user input for an error message, with control and non-ASCII characters escaped. */
    static String quote(String raw) {
        if (raw == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("\"");
        raw.codePoints().limit(80).forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp < 0x20 || cp >= 0x7f) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        if (raw.codePointCount(0, raw.length()) > 80) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    @Override
    public int compareTo(ImageName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
