package org.siren.daemon.image;

import java.util.Locale;

/** What an image is: a base (an OS tree with no base of its own), a built image, or a container. */
public enum ImageKind {
    BASE,
    IMAGE,
    CONTAINER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageKind fromWireName(String wire) {
        for (ImageKind kind : values()) {
            if (kind.wireName().equals(wire)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown image kind \"" + wire + "\"; expected base, image or container");
    }
}
