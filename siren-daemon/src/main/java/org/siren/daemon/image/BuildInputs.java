package org.siren.daemon.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a built image was made from: the identity of its base layer, and digests of its build script
 * and build context. Equal inputs make an equal image, so the build can be skipped.
 */
public record BuildInputs(String base, String script, String context) {

    public BuildInputs {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(context, "context");
    }

    /** One digest of all three: the identity of an image built from them. */
    public String digest() {
        return sha256(base + "\n" + script + "\n" + context);
    }

    /** What differs from {@code earlier}, in words; empty when nothing does. */
    public List<String> changesSince(BuildInputs earlier) {
        List<String> changes = new ArrayList<>();
        if (!base.equals(earlier.base)) {
            changes.add("the base image changed");
        }
        if (!script.equals(earlier.script)) {
            changes.add("the build script changed");
        }
        if (!context.equals(earlier.context)) {
            changes.add("the build context changed");
        }
        return changes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
