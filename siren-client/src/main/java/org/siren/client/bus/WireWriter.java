package org.siren.client.bus;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Marshals values in the D-Bus wire format, little-endian. Offsets, and so alignment, count from
 * the start of what this writer holds, which is how a message's header and its body each align.
 * Java values by type code: y b n q i u x t d take a Number (b a Boolean); s g a String; o an
 * {@link ObjectPath} or a String; v a {@link Variant}; arrays a Collection (dicts a Map); structs a List.
 */
final class WireWriter {

    static final int MAX_ARRAY_BYTES = 64 << 20;

    private byte[] bytes = new byte[256];
    private int size;

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** Writes the values of a signature's complete types, one each. */
    void writeAll(String signature, List<?> values) {
        List<String> types = Signatures.split(signature);
        if (types.size() != values.size()) {
            throw new IllegalArgumentException("signature '" + signature + "' has " + types.size()
                    + " types for " + values.size() + " values");
        }
        for (int i = 0; i < types.size(); i++) {
            write(types.get(i), values.get(i));
        }
    }

    void write(String type, Object value) {
        char code = type.charAt(0);
        switch (code) {
            case 'y' -> writeByte(number(type, value).byteValue());
            case 'b' -> writeUInt32(bool(value) ? 1 : 0);
            case 'n', 'q' -> writeInt16(number(type, value).shortValue());
            case 'i', 'u' -> writeUInt32(number(type, value).longValue());
            case 'x', 't' -> writeInt64(number(type, value).longValue());
            case 'd' -> writeInt64(Double.doubleToRawLongBits(number(type, value).doubleValue()));
            case 's' -> writeString(text(type, value));
            case 'o' -> writeString(objectPath(value));
            case 'g' -> writeSignature(text(type, value));
            case 'v' -> writeVariant(value);
            case 'a' -> writeArray(Signatures.elementOf(type), value);
            case '(' -> writeStruct(type, value);
            default -> throw new IllegalArgumentException("cannot marshal D-Bus type '" + type + "'");
        }
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeUInt32(long value) {
        align(4);
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    void align(int boundary) {
        while (size % boundary != 0) {
            writeByte(0);
        }
    }

    /** Overwrites the 32-bit value at an offset written before. */
    void patchUInt32(int offset, long value) {
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    void writeSignature(String signature) {
        Signatures.split(signature);
        byte[] utf8 = signature.getBytes(StandardCharsets.US_ASCII);
        writeByte(utf8.length);
        writeBytes(utf8);
        writeByte(0);
    }

    private void writeInt16(short value) {
        align(2);
        writeByte(value);
        writeByte(value >>> 8);
    }

    private void writeInt64(long value) {
        align(8);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a D-Bus string cannot hold a NUL character");
        }
        writeUInt32(utf8.length);
        writeBytes(utf8);
        writeByte(0);
    }

    private void writeVariant(Object value) {
        if (!(value instanceof Variant variant)) {
            throw new IllegalArgumentException("a D-Bus variant needs a Variant, not " + describe(value));
        }
        writeSignature(variant.signature());
        write(variant.signature(), variant.value());
    }

    private void writeArray(String elementType, Object value) {
        Collection<?> elements;
        if (elementType.charAt(0) == '{') {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("a D-Bus dict needs a Map, not " + describe(value));
            }
            elements = map.entrySet();
        } else if (value instanceof Collection<?> collection) {
            elements = collection;
        } else {
            throw new IllegalArgumentException("a D-Bus array needs a Collection, not " + describe(value));
        }
        writeUInt32(0);
        int lengthAt = size - 4;
        align(Signatures.alignment(elementType.charAt(0)));
        int start = size;
        boolean dict = elementType.charAt(0) == '{';
        for (Object element : elements) {
            if (dict) {
                writeDictEntry(elementType, (Map.Entry<?, ?>) element);
            } else {
                write(elementType, element);
            }
        }
        if (size - start > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("a D-Bus array is limited to 64 MiB");
        }
        patchUInt32(lengthAt, size - start);
    }

    private void writeDictEntry(String entryType, Map.Entry<?, ?> entry) {
        List<String> fields = Signatures.fieldsOf(entryType);
        align(8);
        write(fields.get(0), entry.getKey());
        write(fields.get(1), entry.getValue());
    }

    private void writeStruct(String type, Object value) {
        if (!(value instanceof List<?> fields)) {
            throw new IllegalArgumentException("a D-Bus struct needs a List of its fields, not " + describe(value));
        }
        align(8);
        List<String> types = Signatures.fieldsOf(type);
        if (types.size() != fields.size()) {
            throw new IllegalArgumentException("struct " + type + " has " + types.size() + " fields, not "
                    + fields.size());
        }
        for (int i = 0; i < types.size(); i++) {
            write(types.get(i), fields.get(i));
        }
    }

    private void writeBytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private static Number number(String type, Object value) {
        return expect(Number.class, type, value);
    }

    private static boolean bool(Object value) {
        return expect(Boolean.class, "b", value);
    }

    private static String text(String type, Object value) {
        return expect(String.class, type, value);
    }

    private static <T> T expect(Class<T> kind, String type, Object value) {
        if (kind.isInstance(value)) {
            return kind.cast(value);
        }
        throw new IllegalArgumentException("D-Bus type '" + type + "' needs a " + kind.getSimpleName() + ", not "
                + describe(value));
    }

    private static String objectPath(Object value) {
        if (value instanceof ObjectPath path) {
            return path.value();
        }
        return new ObjectPath(text("o", value)).value();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
