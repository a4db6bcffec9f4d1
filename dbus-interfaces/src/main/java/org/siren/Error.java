package org.siren;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * The D-Bus errors of org.siren.Builder. dbus-java names an error after its class, so
 * {@code Error.InvalidName} travels as {@code org.siren.Error.InvalidName}. Every message names the
 * image or path concerned and how to fix the problem.
 */
public final class Error {

    private Error() {
    }

    /** A name that machinectl would not accept, or that could inject into overlay options. */
    public static class InvalidName extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public InvalidName(String message) {
            super(message);
        }
    }

    /** An unknown or ill-typed key in an options dictionary, or an otherwise bad argument. */
    public static class InvalidArgs extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public InvalidArgs(String message) {
            super(message);
        }
    }

    public static class NoSuchImage extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NoSuchImage(String message) {
            super(message);
        }
    }

    public static class NoSuchJob extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NoSuchJob(String message) {
            super(message);
        }
    }

    public static class ImageExists extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public ImageExists(String message) {
            super(message);
        }
    }

    /** The image is in use: other images are built on it, a machine of that name runs, or a job holds it. */
    public static class ImageBusy extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public ImageBusy(String message) {
            super(message);
        }
    }

    /** polkit did not authorize the caller, or could not be asked. */
    public static class NotAuthorized extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public NotAuthorized(String message) {
            super(message);
        }
    }

    /** The operation was attempted and failed; the message says where and why. */
    public static class Failed extends DBusExecutionException {
        private static final long serialVersionUID = 1L;

        public Failed(String message) {
            super(message);
        }
    }
}
