package org.siren.client.bus;

/** A D-Bus variant: a value together with the signature of its one complete type. */
public record Variant(String signature, Object value) {

    public Variant {
        if (Signatures.split(signature).size() != 1) {
            throw new IllegalArgumentException("a variant holds one complete type, not '" + signature + "'");
        }
    }

    public static Variant of(boolean value) {
        return new Variant("b", value);
    }

    public static Variant of(String value) {
        return new Variant("s", value);
    }
}
