package org.siren.daemon.auth;

import java.util.Map;

import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.bus.BusCalls;
import org.siren.daemon.bus.BusCalls.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks polkitd, with the caller's unique bus name as subject. Any error, a vanished caller, or an
 * answer that cannot be read denies.
 */
public final class PolkitAuthorizer implements Authorizer {

    private static final Logger LOG = LoggerFactory.getLogger(PolkitAuthorizer.class);
    private static final Method CHECK = new Method("org.freedesktop.PolicyKit1", "/org/freedesktop/PolicyKit1/Authority",
            "org.freedesktop.PolicyKit1.Authority", "CheckAuthorization", "(sa{sv})sa{ss}us");
    private static final int ALLOW_USER_INTERACTION = 1;
    private static final long QUICK_TIMEOUT_MS = 25_000;
    private static final long INTERACTIVE_TIMEOUT_MS = 300_000;

    private final BusCalls bus;

    public PolkitAuthorizer(BusCalls bus) {
        this.bus = bus;
    }

    @Override
    public void authorize(Caller caller, Action action) {
        Object[] reply;
        try {
            reply = bus.call(CHECK, caller.allowInteractive() ? INTERACTIVE_TIMEOUT_MS : QUICK_TIMEOUT_MS,
                    PolkitSubject.systemBusName(caller.busName()), action.id(), Map.<String, String>of(),
                    new UInt32(caller.allowInteractive() ? ALLOW_USER_INTERACTION : 0), "");
        } catch (DBusExecutionException e) {
            LOG.warn("polkit check of {} for {} failed: {}", action.id(), caller.busName(), e.getMessage());
            throw new SirenException(Reason.NOT_AUTHORIZED, "not authorized for " + action.id()
                    + ": polkit could not be asked (" + e.getMessage() + "); is polkitd running?", e);
        }
        AuthorizationResult result = AuthorizationResult.parse(reply);
        if (!result.authorized()) {
            throw new SirenException(Reason.NOT_AUTHORIZED, "not authorized for " + action.id()
                    + (result.challenge() ? ": authentication is required; run from a terminal so polkit can ask"
                            + " for a password, or ask an administrator to add you to group 'siren'"
                            : ": polkit denied it; ask an administrator to add you to group 'siren'"
                                    + " (see /usr/share/doc/siren/50-siren.rules)"));
        }
    }

    /** polkit's {@code (bba{ss})} reply. */
    record AuthorizationResult(boolean authorized, boolean challenge) {

        static AuthorizationResult parse(Object[] reply) {
            Object[] fields = reply.length == 1 && reply[0] instanceof Object[] inner ? inner : reply;
            if (fields.length == 1 && fields[0] instanceof org.freedesktop.dbus.Struct struct) {
                fields = struct.getParameters();
            }
            if (fields.length < 2 || !(fields[0] instanceof Boolean a) || !(fields[1] instanceof Boolean c)) {
                throw new SirenException(Reason.NOT_AUTHORIZED, "not authorized: polkit's answer could not be read ("
                        + java.util.Arrays.deepToString(reply) + ")");
            }
            return new AuthorizationResult(a, c);
        }
    }
}
