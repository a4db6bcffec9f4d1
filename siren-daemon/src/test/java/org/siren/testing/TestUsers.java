package org.siren.testing;

import java.util.List;

/**
 * Two unprivileged users for integration tests: one in group siren (granted by the example polkit
 * rules), one not. Created with useradd when missing.
 */
public final class TestUsers {

    public static final String ALLOWED = "sirentest-ok";
    public static final String DENIED = "sirentest-no";

    private TestUsers() {
    }

    public static void ensure() {
        if (Processes.run(List.of("getent", "group", "siren")).exit() != 0) {
            Processes.check(List.of("groupadd", "--system", "siren"));
        }
        ensureUser(ALLOWED, true);
        ensureUser(DENIED, false);
    }

    private static void ensureUser(String name, boolean inSiren) {
        if (Processes.run(List.of("id", name)).exit() != 0) {
            Processes.check(inSiren
                    ? List.of("useradd", "--system", "--no-create-home", "--shell", "/bin/sh", "--groups", "siren", name)
                    : List.of("useradd", "--system", "--no-create-home", "--shell", "/bin/sh", name));
        }
    }
}
