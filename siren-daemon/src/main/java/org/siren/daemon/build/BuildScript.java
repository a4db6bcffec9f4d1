package org.siren.daemon.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.ImageName;

/**
 * A build.sh, read before it runs: its FROM (a literal image name, like a Dockerfile's), the name
 * its ID gives when that is literal (for the cache), and the lines that start a command (its steps).
 * Everything else is left to the shell.
 */
public final class BuildScript {

    /** Larger scripts are refused: a build.sh is a recipe, not a payload. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Pattern FROM = Pattern.compile("^\\s*FROM(?:\\s+(.*?))?\\s*(?:#.*)?$");
    private static final Pattern ID = Pattern.compile("^\\s*ID\\s+([A-Za-z0-9.-]+)(?:\\s.*)?$");

    private final String fileName;
    private final byte[] bytes;
    private final List<String> lines;
    private final Optional<ImageName> from;
    private final Optional<ImageName> literalId;
    private final SortedSet<Integer> stepLines;

    private BuildScript(String fileName, byte[] bytes, List<String> lines, Optional<ImageName> from,
            Optional<ImageName> literalId, SortedSet<Integer> stepLines) {
        this.fileName = fileName;
        this.bytes = bytes;
        this.lines = lines;
        this.from = from;
        this.literalId = literalId;
        this.stepLines = stepLines;
    }

    public static BuildScript parse(String fileName, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw invalid(fileName, 0, "it has " + bytes.length + " bytes; a build script may have " + MAX_BYTES);
        }
        if (bytes.length == 0) {
            throw invalid(fileName, 0, "it is empty; start it with FROM (or a bootstrap command) and ID");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw invalid(fileName, 0, "it contains a NUL byte; is it a binary file?");
            }
        }
        List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1));
        Optional<ImageName> from = Optional.empty();
        Optional<ImageName> id = Optional.empty();
        SortedSet<Integer> steps = new TreeSet<>();
        boolean continued = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            boolean startsCommand = !continued && !trimmed.isEmpty() && !trimmed.startsWith("#");
            continued = line.endsWith("\\");
            if (!startsCommand) {
                continue;
            }
            steps.add(i + 1);
            Matcher f = FROM.matcher(line);
            if (f.matches()) {
                if (from.isPresent()) {
                    throw invalid(fileName, i + 1, "a second FROM; a build has one base");
                }
                from = Optional.of(fromName(fileName, i + 1, f.group(1)));
            }
            Matcher m = ID.matcher(line);
            if (m.matches() && ImageName.isValid(m.group(1)) && id.isEmpty()) {
                id = Optional.of(ImageName.parse(m.group(1)));
            }
        }
        return new BuildScript(fileName, bytes.clone(), lines, from, id, Collections.unmodifiableSortedSet(steps));
    }

    private static ImageName fromName(String fileName, int line, String argument) {
        if (argument == null || argument.isEmpty()) {
            throw invalid(fileName, line, "FROM needs an image name: FROM debian");
        }
        if (!ImageName.isValid(argument)) {
            throw invalid(fileName, line, "FROM " + argument + " is not a literal image name; FROM is read before"
                    + " the script runs, so it cannot use variables or command substitution");
        }
        return ImageName.parse(argument);
    }

    private static SirenException invalid(String fileName, int line, String problem) {
        return new SirenException(Reason.INVALID_ARGS, fileName + (line > 0 ? ":" + line : "") + ": " + problem);
    }

    public String fileName() {
        return fileName;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The image to build on; empty for a base built with host tools. */
    public Optional<ImageName> from() {
        return from;
    }

    /** The image name of the first ID line, when it is written literally. */
    public Optional<ImageName> literalId() {
        return literalId;
    }

    /** Line numbers (1-based) of the lines that start a command. */
    public SortedSet<Integer> stepLines() {
        return stepLines;
    }

    /** The 1-based step number of a line, or 0 if the line starts no command. */
    public int stepNumber(int line) {
        return stepLines.contains(line) ? stepLines.headSet(line).size() + 1 : 0;
    }

    public String line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1).trim() : "";
    }

    public List<String> lines() {
        return new ArrayList<>(lines);
    }
}
