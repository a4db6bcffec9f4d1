package org.siren.client.bus;

import java.util.List;

/**
 * One D-Bus message as the client sees it: its type, flags, serial, header fields (null where
 * absent) and its body's values. {@link MessageCodec} puts it on and takes it off the wire.
 */
public record Message(Type type, int flags, long serial, String path, String iface, String member,
        String errorName, long replySerial, String destination, String sender, String signature, List<Object> body) {

    /** The header flag that asks the bus not to send a reply. */
    public static final int NO_REPLY_EXPECTED = 0x1;
    /** The header flag that lets the callee ask the user for authorization (polkit may prompt). */
    public static final int ALLOW_INTERACTIVE_AUTHORIZATION = 0x4;

    /** The message types of the specification, with their codes on the wire. */
    public enum Type {
        METHOD_CALL(1), METHOD_RETURN(2), ERROR(3), SIGNAL(4);

        final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            return null;
        }
    }

    public Message {
        body = List.copyOf(body);
        signature = signature == null ? "" : signature;
    }

    /** A method call, not yet numbered: the connection gives it its serial when it sends it. */
    public static Message methodCall(String destination, String path, String iface, String member, int flags,
            String signature, List<?> args) {
        return new Message(Type.METHOD_CALL, flags, 0, new ObjectPath(path).value(), iface, member, null, 0,
                destination, null, signature, List.copyOf(args));
    }

    Message withSerial(long newSerial) {
        return new Message(type, flags, newSerial, path, iface, member, errorName, replySerial, destination, sender,
                signature, body);
    }

    /** The first body value of an error reply when it is a string: the error's message. */
    public String errorMessage() {
        return !body.isEmpty() && body.get(0) instanceof String text ? text : "";
    }

    public boolean isSignal(String signalIface, String signalMember) {
        return type == Type.SIGNAL && signalIface.equals(iface) && signalMember.equals(member);
    }
}
