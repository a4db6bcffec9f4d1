package org.siren.daemon.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** This process's view of the mount table ({@code /proc/self/mountinfo}). */
public final class MountTable {

    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    private MountTable() {
    }

    public static boolean isMountPoint(Path path) {
        return mountPoints().contains(path.toAbsolutePath().normalize());
    }

    /** Mount points at or below {@code root}, deepest first, so they can be unmounted in that order. */
    public static List<Path> mountsUnder(Path root) {
        Path normalized = root.toAbsolutePath().normalize();
        List<Path> found = new ArrayList<>();
        for (Path mountPoint : mountPoints()) {
            if (mountPoint.startsWith(normalized)) {
                found.add(mountPoint);
            }
        }
        found.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        return found;
    }

    static List<Path> mountPoints() {
        try {
            return parse(Files.readAllLines(MOUNTINFO));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MOUNTINFO + ": " + e.getMessage(), e);
        }
    }

    static List<Path> parse(List<String> lines) {
        List<Path> mountPoints = new ArrayList<>();
        for (String line : lines) {
            String[] fields = line.split(" ");
            if (fields.length > 4) {
                mountPoints.add(Path.of(unescape(fields[4])));
            }
        }
        return mountPoints;
    }

    /** mountinfo writes space, tab, newline and backslash as three-digit octal escapes. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
