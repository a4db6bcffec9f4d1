package org.siren.daemon.units;

import java.util.List;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.Variant;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.bus.BusCalls;
import org.siren.daemon.bus.BusCalls.Method;

/** systemd's manager, org.freedesktop.systemd1, over the system bus. */
public final class SystemdOverBus implements Systemd {

    private static final String DEST = "org.freedesktop.systemd1";
    private static final String PATH = "/org/freedesktop/systemd1";
    private static final String MANAGER = "org.freedesktop.systemd1.Manager";
    private static final Method RELOAD = new Method(DEST, PATH, MANAGER, "Reload", "");
    private static final Method ENABLE = new Method(DEST, PATH, MANAGER, "EnableUnitFiles", "asbb");
    private static final Method DISABLE = new Method(DEST, PATH, MANAGER, "DisableUnitFiles", "asb");
    private static final Method START = new Method(DEST, PATH, MANAGER, "StartUnit", "ss");
    private static final Method STOP = new Method(DEST, PATH, MANAGER, "StopUnit", "ss");
    private static final Method LOAD = new Method(DEST, PATH, MANAGER, "LoadUnit", "s");
    private static final long CALL_TIMEOUT_MS = 30_000;
    private static final long STATE_TIMEOUT_MS = 90_000;

    private final BusCalls bus;

    public SystemdOverBus(BusCalls bus) {
        this.bus = bus;
    }

    @Override
    public void reload() {
        call(RELOAD);
    }

    @Override
    public boolean needsReload(String unit) {
        String unitPath = unitPath(unit);
        return !property(unitPath, "LoadState").equals("loaded") || Boolean.TRUE.equals(property(unitPath,
                "NeedDaemonReload"));
    }

    @Override
    public void enable(List<String> units) {
        call(ENABLE, (Object) units.toArray(String[]::new), false, true);
    }

    @Override
    public void disable(List<String> units) {
        call(DISABLE, (Object) units.toArray(String[]::new), false);
    }

    @Override
    public void start(String unit) {
        call(START, unit, "replace");
        String state = waitWhile(unit, "activating", "inactive", "reloading");
        if (!state.equals("active")) {
            throw new SirenException(Reason.FAILED, "systemd could not start " + unit + " (state " + state
                    + "); see 'journalctl -u " + unit + "' and 'systemctl status " + unit + "'");
        }
    }

    @Override
    public void stop(String unit) {
        call(STOP, unit, "replace");
        String state = waitWhile(unit, "deactivating", "active", "reloading");
        if (state.equals("failed")) {
            throw new SirenException(Reason.FAILED, "systemd could not stop " + unit
                    + "; is something still using it? see 'systemctl status " + unit + "'");
        }
    }

    @Override
    public boolean isActive(String unit) {
        return activeState(unit).equals("active");
    }

    private String activeState(String unit) {
        return String.valueOf(property(unitPath(unit), "ActiveState"));
    }

    /** The object of a unit, loaded from disk if systemd has not loaded it yet. */
    private String unitPath(String unit) {
        return ((DBusPath) call(LOAD, unit)[0]).getPath();
    }

    private Object property(String unitPath, String name) {
        Object[] reply = call(new Method(DEST, unitPath, "org.freedesktop.DBus.Properties", "Get", "ss"),
                "org.freedesktop.systemd1.Unit", name);
        return ((Variant<?>) reply[0]).getValue();
    }

    /**
     * Polls a unit's state while it is one of the transient ones: a mount starts in milliseconds, so
     * the first polls come quickly, and later ones back off to every 50 ms.
     */
    private String waitWhile(String unit, String... transient_) {
        long deadline = System.currentTimeMillis() + STATE_TIMEOUT_MS;
        long pause = 1;
        String state = activeState(unit);
        while (List.of(transient_).contains(state) && System.currentTimeMillis() < deadline) {
            sleep(pause);
            pause = Math.min(pause * 2, 50);
            state = activeState(unit);
        }
        return state;
    }

    private Object[] call(Method method, Object... args) {
        try {
            return bus.call(method, CALL_TIMEOUT_MS, args);
        } catch (DBusExecutionException e) {
            throw new SirenException(Reason.FAILED, "systemd refused: " + e.getMessage()
                    + "; is systemd running as PID 1 on this system bus?", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SirenException(Reason.FAILED, "interrupted while waiting for systemd", e);
        }
    }
}
