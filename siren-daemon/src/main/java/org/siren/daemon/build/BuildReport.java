package org.siren.daemon.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the script left in its report directory: the ID it gave, and the line and status it failed
 * with. The directory is writable from inside the container, so files are read without following
 * links and only when they are small regular files.
 */
record BuildReport(Optional<List<String>> id, Optional<List<String>> failure) {

    private static final int MAX_BYTES = 4096;

    static BuildReport read(Path dir) {
        return new BuildReport(lines(dir.resolve("id")), lines(dir.resolve("failed")));
    }

    private static Optional<List<String>> lines(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            try (InputStream in = Channels.newInputStream(Files.newByteChannel(file,
                    Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))) {
                String text = new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
                return Optional.of(List.of(text.split("\n", -1)));
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build report " + file + ": " + e.getMessage(), e);
        }
    }
}
