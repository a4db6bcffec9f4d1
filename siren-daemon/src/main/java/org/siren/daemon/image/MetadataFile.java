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
public final class MetadataFile {

    private MetadataFile() {
    }

    public static void write(Path file, ImageMetadata meta) {
        Properties p = new Properties();
        p.setProperty("name", meta.name().value());
        p.setProperty("kind", meta.kind().wireName());
        p.setProperty("version", meta.version());
        meta.base().ifPresent(b -> p.setProperty("base", b.value()));
        p.setProperty("created", Long.toString(meta.created().getEpochSecond()));
        meta.inputs().ifPresent(inputs -> {
            p.setProperty("inputs.base", inputs.base());
            p.setProperty("inputs.script", inputs.script());
            p.setProperty("inputs.context", inputs.context());
        });
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
            Optional<BuildInputs> inputs = p.getProperty("inputs.base") == null ? Optional.empty()
                    : Optional.of(new BuildInputs(p.getProperty("inputs.base"), required(p, "inputs.script", file),
                            required(p, "inputs.context", file)));
            return new ImageMetadata(name, ImageKind.fromWireName(required(p, "kind", file)),
                    p.getProperty("version", ""), base,
                    Instant.ofEpochSecond(Long.parseLong(required(p, "created", file))), inputs);
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
