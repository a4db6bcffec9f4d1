package org.siren.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's table and its machine-readable lines. */
final class Report {

    private record Row(String figure, String siren, String peer, String ratio, String target) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    /** A figure measured against a peer in the same run; {@code maxRatio} is the target (siren/peer). */
    void versus(String key, String figure, double siren, String peerName, double peer, String unit, double maxRatio) {
        double ratio = siren / peer;
        rows.add(new Row(figure, format(siren, unit), peerName + " " + format(peer, unit), String.format(Locale.ROOT,
                "%.3f", ratio), String.format(Locale.ROOT, "<= %.2f %s", maxRatio, ratio <= maxRatio ? "met" : "MISSED")));
        line(key, siren, unit);
        line(key + ".peer", peer, unit);
        line(key + ".ratio", ratio, "x");
    }

    /** A figure with an absolute target (or none, when {@code max} is NaN). */
    void absolute(String key, String figure, double value, String unit, double max) {
        String target = Double.isNaN(max) ? "-" : String.format(Locale.ROOT, "<= %s %s", format(max, unit),
                value <= max ? "met" : "MISSED");
        rows.add(new Row(figure, format(value, unit), "-", "-", target));
        line(key, value, unit);
    }

    private void line(String key, double value, String unit) {
        lines.add(String.format(Locale.ROOT, "BENCH %s %.3f %s", key, value, unit));
    }

    private static String format(double value, String unit) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.2f %s", value, unit);
    }

    void print() {
        int[] widths = {6, 5, 4, 5, 6};
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"figure", "siren", "peer", "ratio", "target"});
        for (Row row : rows) {
            cells.add(new String[] {row.figure(), row.siren(), row.peer(), row.ratio(), row.target()});
        }
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                widths[i] = Math.max(widths[i], c[i].length());
            }
        }
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < c.length; i++) {
                line.append(' ').append(c[i]).append(" ".repeat(widths[i] - c[i].length())).append(" |");
            }
            System.out.println(line);
            if (c == cells.get(0)) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : widths) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                System.out.println(rule);
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
    }
}
