package org.siren.client;

/** A failure sirenctl reports as one line and an exit status. */
public final class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final int FAILED = 1;
    public static final int NO_SUCH_IMAGE = 3;
    public static final int NOT_AUTHORIZED = 4;
    public static final int UNREACHABLE = 5;
    public static final int INVALID_INPUT = 6;
    public static final int BUSY = 7;

    private final int exitCode;

    public ClientException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ClientException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
