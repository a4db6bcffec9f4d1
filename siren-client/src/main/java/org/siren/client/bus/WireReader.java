package org.siren.client.bus;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmarshals values of the D-Bus wire format from a buffer whose byte order is the message's.
 * Offsets, and so alignment, count from the buffer's start: the start of the message. Values come
 * back as y Byte, b Boolean, n Short, q i Integer, u x t Long, d Double, s g String, o
 * {@link ObjectPath}, v {@link Variant}, arrays an unmodifiable List (dicts a Map), structs a List.
 * Anything that breaks the format, a length past the end above all, is a {@link MalformedMessageException}.
 */
final class WireReader {

    private static final int MAX_DEPTH = 64;

    private final ByteBuffer buffer;
    private int depth;

    WireReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    int position() {
        return buffer.position();
    }

    void position(int offset) {
        if (offset > buffer.limit()) {
            throw new MalformedMessageException("an offset lies past the end of the message");
        }
        buffer.position(offset);
    }

    List<Object> readAll(String signature, int end) {
        List<Object> values = new ArrayList<>();
        for (String type : Signatures.split(signature)) {
            values.add(read(type));
        }
        if (buffer.position() > end) {
            throw new MalformedMessageException("the body is longer than its header says");
        }
        return values;
    }

    Object read(String type) {
        if (++depth > MAX_DEPTH) {
            throw new MalformedMessageException("values nest deeper than " + MAX_DEPTH);
        }
        try {
            return readOne(type);
        } finally {
            depth--;
        }
    }

    private Object readOne(String type) {
        char code = type.charAt(0);
        return switch (code) {
            case 'y' -> readByte();
            case 'b' -> readBoolean();
            case 'n' -> readInt16();
            case 'q' -> readInt16() & 0xffff;
            case 'i' -> (int) readUInt32();
            case 'u' -> readUInt32();
            case 'x', 't' -> readInt64();
            case 'd' -> Double.longBitsToDouble(readInt64());
            case 's' -> readString();
            case 'o' -> readObjectPath();
            case 'g' -> readSignature();
            case 'v' -> readVariant();
            case 'a' -> readArray(Signatures.elementOf(type));
            case '(' -> readStruct(type);
            default -> throw new MalformedMessageException("cannot unmarshal D-Bus type '" + type + "'");
        };
    }

    byte readByte() {
        need(1);
        return buffer.get();
    }

    long readUInt32() {
        align(4);
        need(4);
        return buffer.getInt() & 0xffffffffL;
    }

    void align(int boundary) {
        int padded = (buffer.position() + boundary - 1) / boundary * boundary;
        need(padded - buffer.position());
        while (buffer.position() < padded) {
            if (buffer.get() != 0) {
                throw new MalformedMessageException("alignment padding is not zero");
            }
        }
    }

    String readSignature() {
        int length = readByte() & 0xff;
        String signature = ascii(length);
        if (readByte() != 0) {
            throw new MalformedMessageException("a signature is not NUL-terminated");
        }
        try {
            Signatures.split(signature);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
        return signature;
    }

    private boolean readBoolean() {
        long value = readUInt32();
        if (value > 1) {
            throw new MalformedMessageException("a boolean is " + value + ", not 0 or 1");
        }
        return value == 1;
    }

    private short readInt16() {
        align(2);
        need(2);
        return buffer.getShort();
    }

    private long readInt64() {
        align(8);
        need(8);
        return buffer.getLong();
    }

    private String readString() {
        long length = readUInt32();
        if (length > buffer.remaining()) {
            throw new MalformedMessageException("a string of " + length + " bytes runs past the end of the message");
        }
        byte[] utf8 = new byte[(int) length];
        buffer.get(utf8);
        if (readByte() != 0) {
            throw new MalformedMessageException("a string is not NUL-terminated");
        }
        try {
            String value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
            if (value.indexOf('\0') >= 0) {
                throw new MalformedMessageException("a string holds a NUL character");
            }
            return value;
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("a string is not valid UTF-8");
        }
    }

    private ObjectPath readObjectPath() {
        String value = readString();
        if (!ObjectPath.isValid(value)) {
            throw new MalformedMessageException("'" + value + "' is not an object path");
        }
        return new ObjectPath(value);
    }

    private Variant readVariant() {
        String signature = readSignature();
        if (Signatures.split(signature).size() != 1) {
            throw new MalformedMessageException("a variant's signature '" + signature + "' is not one complete type");
        }
        return new Variant(signature, read(signature));
    }

    private Object readArray(String elementType) {
        long length = readUInt32();
        if (length > WireWriter.MAX_ARRAY_BYTES) {
            throw new MalformedMessageException("an array of " + length + " bytes is over the 64 MiB limit");
        }
        align(Signatures.alignment(elementType.charAt(0)));
        if (length > buffer.remaining()) {
            throw new MalformedMessageException("an array of " + length + " bytes runs past the end of the message");
        }
        int end = buffer.position() + (int) length;
        if (elementType.charAt(0) == '{') {
            return readDict(elementType, end);
        }
        List<Object> elements = new ArrayList<>();
        while (buffer.position() < end) {
            elements.add(read(elementType));
        }
        checkEnd(end);
        return Collections.unmodifiableList(elements);
    }

    private Map<Object, Object> readDict(String entryType, int end) {
        List<String> fields = Signatures.fieldsOf(entryType);
        Map<Object, Object> map = new LinkedHashMap<>();
        while (buffer.position() < end) {
            align(8);
            Object key = read(fields.get(0));
            map.put(key, read(fields.get(1)));
        }
        checkEnd(end);
        return Collections.unmodifiableMap(map);
    }

    private List<Object> readStruct(String type) {
        align(8);
        List<Object> fields = new ArrayList<>();
        for (String field : Signatures.fieldsOf(type)) {
            fields.add(read(field));
        }
        return Collections.unmodifiableList(fields);
    }

    private void checkEnd(int end) {
        if (buffer.position() != end) {
            throw new MalformedMessageException("an array's elements overrun its length");
        }
    }

    private String ascii(int length) {
        need(length);
        byte[] data = new byte[length];
        buffer.get(data);
        return new String(data, StandardCharsets.US_ASCII);
    }

    private void need(int bytes) {
        if (buffer.remaining() < bytes) {
            throw new MalformedMessageException("the message ends in the middle of a value");
        }
    }
}
