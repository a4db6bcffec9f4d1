package org.siren.daemon.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this kernel can do, read from /proc. */
public final class KernelFeatures {

    private KernelFeatures() {
    }

    /** Whether autofs (and so .automount units) is available, built in or as a module. */
    public static boolean hasAutofs() {
        if (filesystems().contains("\tautofs")) {
            return true;
        }
        Path modules = Path.of("/lib/modules", release(), "kernel/fs/autofs");
        return Files.isDirectory(modules);
    }

    static String filesystems() {
        try {
            return Files.readString(Path.of("/proc/filesystems"));
        } catch (IOException e) {
            return "";
        }
    }

    static String release() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
