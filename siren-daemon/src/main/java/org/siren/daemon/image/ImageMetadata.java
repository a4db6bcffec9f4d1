package org.siren.daemon.image;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What siren records of an image, kept outside every layer. A hand-made base (a directory unpacked
 * at /var/lib/siren/NAME with no metadata) is described by {@link #handMadeBase}.
 */
public record ImageMetadata(ImageName name, ImageKind kind, String version, Optional<ImageName> base,
        Instant created, Optional<BuildInputs> inputs) {

    public ImageMetadata(ImageName name, ImageKind kind, String version, Optional<ImageName> base, Instant created) {
        this(name, kind, version, base, created, Optional.empty());
    }


    public ImageMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(inputs, "inputs");
        if (kind == ImageKind.BASE && base.isPresent()) {
            throw new IllegalArgumentException("base image " + name + " cannot itself have a base (" + base.get() + ")");
        }
        if (kind != ImageKind.BASE && base.isEmpty()) {
            throw new IllegalArgumentException(kind.wireName() + " " + name + " needs a base image");
        }
        if (base.isPresent() && base.get().equals(name)) {
            throw new IllegalArgumentException("image " + name + " cannot be built on itself");
        }
        if (version.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("version of " + name + " contains a control character");
        }
    }

    public static ImageMetadata container(ImageName name, ImageName base, Instant created) {
        return new ImageMetadata(name, ImageKind.CONTAINER, "", Optional.of(base), created);
    }

    public static ImageMetadata handMadeBase(ImageName name, Instant created) {
        return new ImageMetadata(name, ImageKind.BASE, "", Optional.empty(), created);
    }

    /** A built image: from a base with FROM, or a base of its own when {@code base} is empty. */
    public static ImageMetadata built(ImageName name, String version, Optional<ImageName> base, Instant created,
            BuildInputs inputs) {
        return new ImageMetadata(name, base.isPresent() ? ImageKind.IMAGE : ImageKind.BASE, version, base, created,
                Optional.of(inputs));
    }

    /** Whether siren mounts this image at /var/lib/machines/NAME (bases are plain directories). */
    public boolean isMounted() {
        return base.isPresent();
    }
}
