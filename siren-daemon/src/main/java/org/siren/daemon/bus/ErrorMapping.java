package org.siren.daemon.bus;

import java.util.function.Supplier;

import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.siren.Error;
import org.siren.daemon.SirenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a method body and turns failures into org.siren.Error.* replies; unexpected ones are logged whole. */
final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    static <T> T reply(String method, Supplier<T> body) {
        try {
            return body.get();
        } catch (SirenException e) {
            LOG.info("{} refused: {}", method, e.getMessage());
            throw toDbus(e);
        } catch (DBusExecutionException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("{} failed", method, e);
            throw new Error.Failed(method + " failed: " + e.getMessage());
        }
    }

    static void run(String method, Runnable body) {
        reply(method, () -> {
            body.run();
            return null;
        });
    }

    static DBusExecutionException toDbus(SirenException e) {
        String message = e.getMessage();
        return switch (e.reason()) {
            case INVALID_NAME -> new Error.InvalidName(message);
            case INVALID_ARGS -> new Error.InvalidArgs(message);
            case NO_SUCH_IMAGE -> new Error.NoSuchImage(message);
            case NO_SUCH_JOB -> new Error.NoSuchJob(message);
            case IMAGE_EXISTS -> new Error.ImageExists(message);
            case IMAGE_BUSY -> new Error.ImageBusy(message);
            case NOT_AUTHORIZED -> new Error.NotAuthorized(message);
            case FAILED -> new Error.Failed(message);
        };
    }
}
