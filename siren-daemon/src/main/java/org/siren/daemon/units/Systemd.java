package org.siren.daemon.units;

import java.util.List;

/** The part of systemd's manager that siren uses. */
public interface Systemd {

    /** Makes systemd read changed unit files (daemon-reload). */
    void reload();

    /**
     * Whether systemd must reload before it acts on a unit as its file now says: the unit is not
     * loaded from a file (no file, or a broken one) or its file changed since systemd read it. A unit
     * file new to systemd needs no reload: systemd loads a unit from disk when it is first named.
     */
    boolean needsReload(String unit);

    /** Enables unit files by name, like {@code systemctl enable}. */
    void enable(List<String> units);

    /** Disables unit files by name; units that are not enabled are fine. */
    void disable(List<String> units);

    /** Starts a unit and waits until it is active; throws with systemd's words when it fails. */
    void start(String unit);

    /** Stops a unit and waits until it is inactive; a unit that is not loaded is fine. */
    void stop(String unit);

    boolean isActive(String unit);
}
