package org.siren.client;

/** Turns a D-Bus error reply into the one line and exit status sirenctl shows. */
final class ErrorReplies {

    private ErrorReplies() {
    }

    static ClientException toClientException(String errorName, String message) {
        String text = message == null || message.isBlank() ? errorName : message;
        return switch (errorName) {
            case "org.siren.Error.NoSuchImage" -> new ClientException(ClientException.NO_SUCH_IMAGE, text);
            case "org.siren.Error.NotAuthorized", "org.freedesktop.DBus.Error.AccessDenied" ->
                    new ClientException(ClientException.NOT_AUTHORIZED, text);
            case "org.siren.Error.InvalidName", "org.siren.Error.InvalidArgs", "org.siren.Error.ImageExists" ->
                    new ClientException(ClientException.INVALID_INPUT, text);
            case "org.siren.Error.ImageBusy" -> new ClientException(ClientException.BUSY, text);
            case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner" ->
                    new ClientException(ClientException.UNREACHABLE, "the siren service is not running and could not"
                            + " be started: 'systemctl start siren', then see 'journalctl -u siren' (" + text + ")");
            default -> new ClientException(ClientException.FAILED, text);
        };
    }
}
