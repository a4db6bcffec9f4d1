package org.siren.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Integration tests need root (mounts, nspawn, other users). Off CI they are skipped, with the reason,
 * when not root; on CI (CI=true) a missing privilege fails them.
 */
public final class Root {

    private Root() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static void require() {
        if (System.getenv("CI") != null) {
            Assertions.assertTrue(isRoot(), "integration tests must run as root on CI");
        } else {
            Assumptions.assumeTrue(isRoot(), "integration tests need root: run them with sudo, as .ci/run does");
        }
    }

    public static void requireTool(String tool) {
        boolean found = new java.io.File("/usr/bin/" + tool).canExecute() || new java.io.File("/bin/" + tool).canExecute()
                || new java.io.File("/usr/sbin/" + tool).canExecute() || new java.io.File(tool).canExecute();
        if (System.getenv("CI") != null) {
            Assertions.assertTrue(found, tool + " is missing: .ci/run must install it");
        } else {
            Assumptions.assumeTrue(found, tool + " is missing; install it (see .ci/run) to run this test");
        }
    }
}
