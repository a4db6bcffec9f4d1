package org.siren.client.bus;

import java.util.ArrayList;
import java.util.List;

/** D-Bus type signatures: split into complete types, checked as the specification limits them. */
final class Signatures {

    static final int MAX_LENGTH = 255;
    private static final int MAX_NESTING = 32;
    private static final String BASIC = "ybnqiuxtdsogh";

    private Signatures() {
    }

    /** The complete types of a signature, in order ("sa{sv}" gives "s", "a{sv}"). */
    static List<String> split(String signature) {
        if (signature == null || signature.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("bad D-Bus signature: '" + signature + "'");
        }
        List<String> types = new ArrayList<>();
        int at = 0;
        while (at < signature.length()) {
            int end = endOfType(signature, at, 0, 0);
            types.add(signature.substring(at, end));
            at = end;
        }
        return types;
    }

    /** The element type of an array type ("a{sv}" gives "{sv}"). */
    static String elementOf(String arrayType) {
        return arrayType.substring(1);
    }

    /** The field types of a struct "(...)" or dict entry "{..}". */
    static List<String> fieldsOf(String containerType) {
        return split(containerType.substring(1, containerType.length() - 1));
    }

    private static int endOfType(String sig, int at, int arrays, int structs) {
        if (at >= sig.length()) {
            throw bad(sig, "ends inside a type");
        }
        char c = sig.charAt(at);
        if (BASIC.indexOf(c) >= 0 || c == 'v') {
            return at + 1;
        }
        if (c == 'a') {
            if (arrays + 1 > MAX_NESTING) {
                throw bad(sig, "nests arrays too deeply");
            }
            return endOfType(sig, at + 1, arrays + 1, structs);
        }
        if (c == '(') {
            return endOfFields(sig, at, ')', arrays, structs);
        }
        if (c == '{') {
            if (at == 0 || sig.charAt(at - 1) != 'a') {
                throw bad(sig, "has a dict entry outside an array");
            }
            int end = endOfFields(sig, at, '}', arrays, structs);
            List<String> fields = split(sig.substring(at + 1, end - 1));
            if (fields.size() != 2 || fields.get(0).length() != 1 || BASIC.indexOf(fields.get(0).charAt(0)) < 0) {
                throw bad(sig, "has a dict entry that is not {basic-type value-type}");
            }
            return end;
        }
        throw bad(sig, "has an unknown type code '" + c + "'");
    }

    private static int endOfFields(String sig, int at, char close, int arrays, int structs) {
        if (structs + 1 > MAX_NESTING) {
            throw bad(sig, "nests structs too deeply");
        }
        int i = at + 1;
        if (i < sig.length() && sig.charAt(i) == close) {
            throw bad(sig, "has an empty struct");
        }
        while (i < sig.length() && sig.charAt(i) != close) {
            i = endOfType(sig, i, arrays, structs + 1);
        }
        if (i >= sig.length()) {
            throw bad(sig, "has an unclosed '" + sig.charAt(at) + "'");
        }
        return i + 1;
    }

    /** Alignment in bytes of a type's first code, as the wire format defines it. */
    static int alignment(char code) {
        return switch (code) {
            case 'y', 'g', 'v' -> 1;
            case 'n', 'q' -> 2;
            case 'b', 'i', 'u', 's', 'o', 'a', 'h' -> 4;
            case 'x', 't', 'd', '(', '{' -> 8;
            default -> throw new IllegalArgumentException("unknown D-Bus type code '" + code + "'");
        };
    }

    private static IllegalArgumentException bad(String sig, String why) {
        return new IllegalArgumentException("bad D-Bus signature '" + sig + "': it " + why);
    }
}
