package org.siren.daemon.units;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** systemd's unit name escaping of paths ({@code systemd-escape --path}). */
public final class SystemdEscape {

    private SystemdEscape() {
    }

    /** {@code /var/lib/machines/my-app} becomes {@code var-lib-machines-my\x2dapp}. */
    public static String path(Path path) {
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("only absolute paths name units, got \"" + path + "\"");
        }
        String normalized = path.normalize().toString();
        String trimmed = normalized.replaceAll("^/+", "").replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        byte[] bytes = trimmed.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '/') {
                out.append('-');
            } else if (isPlain(b) && !(i == 0 && b == '.')) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        return out.toString();
    }

    private static boolean isPlain(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == ':' || b == '_' || b == '.';
    }
}
