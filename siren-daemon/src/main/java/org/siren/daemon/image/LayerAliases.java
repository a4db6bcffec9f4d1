package org.siren.daemon.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;


/**
 * Short names for layers, so that the overlay options of a deep chain fit in the one page the kernel
 * takes: {@code /var/lib/siren/~ab} is a symbolic link to {@code /var/lib/siren/NAME}. Overlayfs
 * follows it when it mounts. The links live beside the layers, so mount units find them at boot;
 * {@code ~} is never part of an image name, so no image is ever mistaken for one.
 */
public final class LayerAliases {

    static final String PREFIX = "~";
    private static final int RADIX = 36;

    private final StoreLayout layout;

    public LayerAliases(StoreLayout layout) {
        this.layout = layout;
    }

    /** The alias of an image's layer, made if it has none yet. */
    public synchronized Path of(ImageName name) {
        Path layer = layout.layer(name);
        for (Path alias : aliases()) {
            if (target(alias).equals(layer)) {
                return alias;
            }
        }
        for (int id = 0; ; id++) {
            Path alias = layout.aliases().resolve(PREFIX + Integer.toString(id, RADIX));
            if (Files.exists(alias, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createSymbolicLink(alias, layer);
                return alias;
            } catch (FileAlreadyExistsException e) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the layer alias " + alias + ": " + e.getMessage(), e);
            }
        }
    }

    /** Removes the aliases of layers that are gone. */
    public synchronized void removeDangling() {
        for (Path alias : aliases()) {
            if (!Files.isDirectory(target(alias), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.deleteIfExists(alias);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove " + alias + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private java.util.List<Path> aliases() {
        java.util.List<Path> found = new java.util.ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.aliases(), PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isSymbolicLink(entry)) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layout.aliases() + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static Path target(Path alias) {
        try {
            return Files.readSymbolicLink(alias);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + alias + ": " + e.getMessage(), e);
        }
    }
}
