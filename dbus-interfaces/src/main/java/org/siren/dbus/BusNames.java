package org.siren.dbus;

/** Well-known names and paths of the siren service. */
public final class BusNames {

    public static final String SERVICE = "org.siren.Builder";
    public static final String MANAGER_PATH = "/org/siren/Builder";
    public static final String IMAGE_PATH_PREFIX = MANAGER_PATH + "/image/";
    public static final String JOB_PATH_PREFIX = MANAGER_PATH + "/job/";

    /** The ALLOW_INTERACTIVE_AUTHORIZATION header flag of the D-Bus specification. */
    public static final byte ALLOW_INTERACTIVE_AUTHORIZATION = 0x04;

    private BusNames() {
    }
}
