package org.siren.daemon;

/**
 * A failure the caller can act on. Its {@link Reason} decides the D-Bus error name; its message names
 * the image or path concerned and the fix.
 */
public class SirenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        INVALID_NAME,
        INVALID_ARGS,
        NO_SUCH_IMAGE,
        NO_SUCH_JOB,
        IMAGE_EXISTS,
        IMAGE_BUSY,
        NOT_AUTHORIZED,
        FAILED
    }

    private final Reason reason;

    public SirenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SirenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static SirenException failed(String message, Throwable cause) {
        return new SirenException(Reason.FAILED, message, cause);
    }

}
