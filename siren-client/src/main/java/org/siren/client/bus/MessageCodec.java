package org.siren.client.bus;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The D-Bus message format: a fixed 12-byte start, the header fields a(yv), padding to 8, the body.
 * Writes little-endian; reads either byte order, as the sender chose. Limits are the specification's
 * (a message at most 128 MiB), checked before anything is allocated for it.
 */
final class MessageCodec {

    static final int MAX_MESSAGE_BYTES = 128 << 20;
    private static final int PATH = 1;
    private static final int INTERFACE = 2;
    private static final int MEMBER = 3;
    private static final int ERROR_NAME = 4;
    private static final int REPLY_SERIAL = 5;
    private static final int DESTINATION = 6;
    private static final int SENDER = 7;
    private static final int SIGNATURE = 8;
    private static final int UNIX_FDS = 9;

    private MessageCodec() {
    }

    static byte[] encode(Message message) {
        WireWriter body = new WireWriter();
        body.writeAll(message.signature(), message.body());
        WireWriter out = new WireWriter();
        out.writeByte('l');
        out.writeByte(message.type().code);
        out.writeByte(message.flags());
        out.writeByte(1);
        out.writeUInt32(body.size());
        out.writeUInt32(message.serial());
        List<List<Object>> fields = new ArrayList<>();
        field(fields, PATH, "o", message.path());
        field(fields, INTERFACE, "s", message.iface());
        field(fields, MEMBER, "s", message.member());
        field(fields, ERROR_NAME, "s", message.errorName());
        if (message.replySerial() != 0) {
            field(fields, REPLY_SERIAL, "u", message.replySerial());
        }
        field(fields, DESTINATION, "s", message.destination());
        field(fields, SENDER, "s", message.sender());
        if (!message.signature().isEmpty()) {
            field(fields, SIGNATURE, "g", message.signature());
        }
        out.write("a(yv)", fields);
        out.align(8);
        byte[] header = out.toByteArray();
        byte[] whole = new byte[header.length + body.size()];
        System.arraycopy(header, 0, whole, 0, header.length);
        System.arraycopy(body.toByteArray(), 0, whole, header.length, body.size());
        return whole;
    }

    private static void field(List<List<Object>> fields, int code, String type, Object value) {
        if (value != null) {
            fields.add(List.of((byte) code, new Variant(type, value)));
        }
    }

    /** Reads one whole message; EOFException when the peer closed the connection between messages. */
    static Message read(ReadableByteChannel channel) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(16);
        if (!readFully(channel, start, true)) {
            throw new EOFException("the bus closed the connection");
        }
        ByteOrder order = switch (start.get(0)) {
            case 'l' -> ByteOrder.LITTLE_ENDIAN;
            case 'B' -> ByteOrder.BIG_ENDIAN;
            default -> throw new MalformedMessageException("unknown byte order '" + (char) start.get(0) + "'");
        };
        start.order(order);
        if (start.get(3) != 1) {
            throw new MalformedMessageException("protocol version " + start.get(3) + ", not 1");
        }
        long bodyLength = start.getInt(4) & 0xffffffffL;
        long fieldsLength = start.getInt(12) & 0xffffffffL;
        long headerLength = (16 + fieldsLength + 7) / 8 * 8;
        if (headerLength + bodyLength > MAX_MESSAGE_BYTES) {
            throw new MalformedMessageException("a message of " + (headerLength + bodyLength)
                    + " bytes is over the 128 MiB limit");
        }
        ByteBuffer whole = ByteBuffer.allocate((int) (headerLength + bodyLength)).order(order);
        whole.put(start.flip());
        readFully(channel, whole, false);
        whole.flip();
        return decode(whole, (int) headerLength);
    }

    static Message decode(ByteBuffer whole, int headerLength) {
        Message.Type type = Message.Type.of(whole.get(1));
        int flags = whole.get(2) & 0xff;
        long serial = whole.getInt(8) & 0xffffffffL;
        if (serial == 0) {
            throw new MalformedMessageException("serial 0");
        }
        WireReader reader = new WireReader(whole);
        reader.position(12);
        Map<Integer, Object> fields = headerFields(reader.read("a(yv)"));
        reader.align(8);
        if (reader.position() != headerLength) {
            throw new MalformedMessageException("the header fields do not end where their length says");
        }
        String signature = (String) fields.getOrDefault(SIGNATURE, "");
        if (fields.containsKey(UNIX_FDS)) {
            throw new MalformedMessageException("a message carries file descriptors, which this client never asked for");
        }
        List<Object> body = reader.readAll(signature, whole.limit());
        if (reader.position() != whole.limit()) {
            throw new MalformedMessageException("the body does not match its signature '" + signature + "'");
        }
        if (type == null) {
            return null;
        }
        Object path = fields.get(PATH);
        Object replySerial = fields.get(REPLY_SERIAL);
        return new Message(type, flags, serial, path == null ? null : path.toString(), (String) fields.get(INTERFACE),
                (String) fields.get(MEMBER), (String) fields.get(ERROR_NAME),
                replySerial == null ? 0 : (Long) replySerial, (String) fields.get(DESTINATION),
                (String) fields.get(SENDER), signature, body);
    }

    private static Map<Integer, Object> headerFields(Object array) {
        Map<Integer, Object> fields = new java.util.HashMap<>();
        for (Object entry : (List<?>) array) {
            List<?> field = (List<?>) entry;
            int code = (Byte) field.get(0);
            Variant value = (Variant) field.get(1);
            String expected = switch (code) {
                case PATH -> "o";
                case INTERFACE, MEMBER, ERROR_NAME, DESTINATION, SENDER -> "s";
                case REPLY_SERIAL, UNIX_FDS -> "u";
                case SIGNATURE -> "g";
                default -> null;
            };
            if (expected != null && !expected.equals(value.signature())) {
                throw new MalformedMessageException("header field " + code + " has type '" + value.signature() + "'");
            }
            if (expected != null) {
                fields.put(code, value.value());
            }
        }
        return fields;
    }

    /** Fills the buffer; false if the channel ended before the first byte and {@code mayEnd}. */
    private static boolean readFully(ReadableByteChannel channel, ByteBuffer buffer, boolean mayEnd) throws IOException {
        boolean first = true;
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (first && mayEnd) {
                    return false;
                }
                throw new EOFException("the bus closed the connection in the middle of a message");
            }
            first = first && buffer.position() == 0;
        }
        return true;
    }
}
