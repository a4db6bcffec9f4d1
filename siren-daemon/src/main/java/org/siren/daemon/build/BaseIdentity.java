package org.siren.daemon.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageStore;

/**
 * What identifies the layers a build starts from, for the cache. A built image is identified by the
 * digest of its own inputs; anything else (a base unpacked by hand, a container) by its layer
 * directory's inode and times, so unpacking it anew or changing it invalidates the cache.
 */
final class BaseIdentity {

    private BaseIdentity() {
    }

    static String of(Optional<ImageMetadata> base, ImageStore store) {
        if (base.isEmpty()) {
            return "none";
        }
        ImageMetadata meta = base.get();
        if (meta.inputs().isPresent()) {
            return "image:" + meta.name() + ":" + meta.inputs().get().digest();
        }
        Path layer = store.layout().layer(meta.name());
        try {
            Object inode = Files.getAttribute(layer, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            Object changed = Files.getAttribute(layer, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
            Object modified = Files.getAttribute(layer, "unix:lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            return "directory:" + meta.name() + ":" + inode + ":" + changed + ":" + modified;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + layer + ": " + e.getMessage(), e);
        }
    }
}
