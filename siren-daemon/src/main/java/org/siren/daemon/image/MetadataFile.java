package org.siren.daemon.image;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.siren.daemon.system.AtomicFiles;

/** Reads and writes an image's metadata as a small key=value file. */
final class MetadataFile {

    private MetadataFile() {
    }

    static void write(Path file, ImageMetadata meta) {
        Properties p = new Properties();
        p.setProperty("name", meta.name().value());
        p.setProperty("kind", meta.kind().wireName());
        p.setProperty("version", meta.version());
        meta.base().ifPresent(b -> p.setProperty("base", b.value()));
        p.setProperty("created", Long.toString(meta.created().getEpochSecond()));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "siren image metadata; written by sirend, do not edit while it runs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicFiles.write(file, text.toString());
    }

    static ImageMetadata read(Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(file)));
            ImageName name = ImageName.parse(required(p, "name", file));
            Optional<ImageName> base = Optional.ofNullable(p.getProperty("base")).map(ImageName::parse);
            return new ImageMetadata(name, ImageKind.fromWireName(required(p, "kind", file)),
                    p.getProperty("version", ""), base,
                    Instant.ofEpochSecond(Long.parseLong(required(p, "created", file))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image metadata " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("image metadata " + file + " is damaged (" + e.getMessage()
                    + "); move it away and restart sirend to treat the layer as a plain base", e);
        }
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("key \"" + key + "\" missing in " + file);
        }
        return value;
    }
}
