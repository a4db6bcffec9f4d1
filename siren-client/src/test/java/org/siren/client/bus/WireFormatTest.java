package org.siren.client.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

    private static List<Object> roundTrip(String signature, List<?> values) {
        WireWriter writer = new WireWriter();
        writer.writeAll(signature, values);
        byte[] bytes = writer.toByteArray();
        return new WireReader(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)).readAll(signature, bytes.length);
    }

    private static List<Object> read(String signature, byte[] bytes, ByteOrder order) {
        return new WireReader(ByteBuffer.wrap(bytes).order(order)).readAll(signature, bytes.length);
    }

    @Test
    void valuesAreLaidOutAsTheSpecificationSays() {
        WireWriter writer = new WireWriter();
        writer.writeAll("yusatt", List.of((byte) 7, 5L, "ab", List.of(), 1L));
        assertArrayEquals(new byte[] {
            7, 0, 0, 0,             // y, then padding to 4
            5, 0, 0, 0,             // u
            2, 0, 0, 0, 'a', 'b', 0, 0, // s: length, bytes, NUL, padding to 4
            0, 0, 0, 0,             // an empty array of t: length 0 ...
            0, 0, 0, 0,             // ... then padding to 8 even with no elements
            1, 0, 0, 0, 0, 0, 0, 0, // t
        }, writer.toByteArray());
    }

    @Test
    void everyTypeSirenUsesSurvivesARoundTrip() {
        Map<String, Variant> options = new LinkedHashMap<>();
        options.put("no-cache", Variant.of(true));
        options.put("version", Variant.of("12"));
        options.put("layers", new Variant("as", List.of("a", "b")));
        List<Object> values = List.of((byte) -1, true, (short) -2, 65535, -3, 4294967295L, Long.MIN_VALUE, 7L, 2.5,
                "grüße", new ObjectPath("/org/siren/Builder/job/7"), "a{sv}", new Variant("u", 9L), options,
                List.of(List.of("web", "1", "debian", "image", new ObjectPath("/org/siren/Builder/image/web"))));
        List<Object> back = roundTrip("ybnqiuxtdsogva{sv}a(sssso)", values);
        assertEquals(values, back);
    }

    @Test
    void bigEndianValuesAreRead() {
        byte[] bytes = {0, 0, 0, 5, 0, 0, 0, 2, 'h', 'i', 0};
        assertEquals(List.of(5L, "hi"), read("us", bytes, ByteOrder.BIG_ENDIAN));
    }

    @Test
    void aMessageRoundTripsThroughTheCodec() {
        Message call = Message.methodCall("org.siren.Builder", "/org/siren/Builder", "org.siren.Builder1", "Build",
                Message.ALLOW_INTERACTIVE_AUTHORIZATION, "ssa{sv}", List.of("/ctx", "build.sh",
                        Map.of("no-cache", Variant.of(true)))).withSerial(42);
        byte[] bytes = MessageCodec.encode(call);
        assertEquals('l', bytes[0]);
        Message back = MessageCodec.decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), headerLength(bytes));
        assertEquals(call, back);
    }

    private static int headerLength(byte[] message) {
        long fields = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(12) & 0xffffffffL;
        return (int) ((16 + fields + 7) / 8 * 8);
    }

    @Test
    void aStringThatRunsPastTheEndIsRefused() {
        byte[] bytes = {(byte) 0xff, (byte) 0xff, 0, 0, 'a', 0};
        assertTrue(assertThrows(MalformedMessageException.class, () -> read("s", bytes, ByteOrder.LITTLE_ENDIAN))
                .getMessage().contains("runs past the end"));
    }

    @Test
    void anArrayOverTheLimitIsRefusedBeforeItIsRead() {
        byte[] bytes = {0, 0, 0, 0x10, 0, 0, 0, 0};
        assertTrue(assertThrows(MalformedMessageException.class, () -> read("ay", bytes, ByteOrder.LITTLE_ENDIAN))
                .getMessage().contains("64 MiB"));
    }

    @Test
    void anArrayWhoseElementsOverrunItsLengthIsRefused() {
        // a length of 2 bytes for an array of u: the one element read takes 4.
        byte[] bytes = {2, 0, 0, 0, 1, 0, 0, 0};
        assertThrows(MalformedMessageException.class, () -> read("au", bytes, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void aBooleanOtherThanZeroOrOneIsRefused() {
        byte[] bytes = {2, 0, 0, 0};
        assertThrows(MalformedMessageException.class, () -> read("b", bytes, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void paddingThatIsNotZeroIsRefused() {
        byte[] bytes = {1, 9, 9, 9, 5, 0, 0, 0};
        assertThrows(MalformedMessageException.class, () -> read("yu", bytes, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void stringsMustBeUtf8WithoutNul() {
        assertThrows(MalformedMessageException.class,
                () -> read("s", new byte[] {1, 0, 0, 0, (byte) 0xc3, 0}, ByteOrder.LITTLE_ENDIAN));
        assertThrows(MalformedMessageException.class,
                () -> read("s", new byte[] {1, 0, 0, 0, 0, 0}, ByteOrder.LITTLE_ENDIAN));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().write("s", "a\0b"));
    }

    @Test
    void anObjectPathMustBeOne() {
        assertThrows(MalformedMessageException.class,
                () -> read("o", new byte[] {2, 0, 0, 0, 'a', 'b', 0}, ByteOrder.LITTLE_ENDIAN));
    }

    @Test
    void variantsNestedWithoutEndAreRefused() {
        WireWriter writer = new WireWriter();
        for (int i = 0; i < 100; i++) {
            writer.writeSignature("v");
        }
        writer.writeSignature("y");
        writer.writeByte(1);
        byte[] bytes = writer.toByteArray();
        assertTrue(assertThrows(MalformedMessageException.class, () -> read("v", bytes, ByteOrder.LITTLE_ENDIAN))
                .getMessage().contains("nest"));
    }

    @Test
    void valuesOfTheWrongJavaTypeAreRefusedWhenWritten() {
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().write("u", "five"));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().write("a{sv}", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().write("v", "not a variant"));
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().writeAll("ss", List.of("one")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s", "a{sv}", "a(sssso)", "aas", "(i(ii))", "sa{sv}ua(ss)", "v", "a{oa{sa{sv}}}"})
    void validSignaturesSplit(String signature) {
        assertEquals(signature, String.join("", Signatures.split(signature)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "(", "(s", "()", "{sv}", "a{vs}", "a{s}", "a{sss}", "z", "s)", "a{(s)v}"})
    void invalidSignaturesAreRefused(String signature) {
        assertThrows(IllegalArgumentException.class, () -> Signatures.split(signature));
    }

    @Test
    void signaturesNestedTooDeeplyAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Signatures.split("a".repeat(33) + "s"));
        assertThrows(IllegalArgumentException.class, () -> Signatures.split("(".repeat(33) + "s" + ")".repeat(33)));
        assertEquals(1, Signatures.split("a".repeat(32) + "s").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/org/siren/Builder", "/org/siren/Builder/job/7", "/a_b/C9"})
    void validObjectPaths(String path) {
        assertEquals(path, new ObjectPath(path).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "org", "/org/", "//", "/org//siren", "/org/si-ren", "/org/siren.Builder", "/ä"})
    void invalidObjectPathsAreRefused(String path) {
        assertThrows(IllegalArgumentException.class, () -> new ObjectPath(path));
    }
}
