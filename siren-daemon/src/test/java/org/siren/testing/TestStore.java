package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.system.MountTable;

/** A store under a temporary directory on a real filesystem, with all of siren's roots inside it. */
public final class TestStore {

    private TestStore() {
    }

    public static StoreLayout under(Path dir) {
        try {
            StoreLayout layout = new StoreLayout(dir.resolve("lib/siren"), dir.resolve("lib/machines"),
                    dir.resolve("etc/systemd/system"), dir.resolve("etc/systemd/nspawn"), dir.resolve("run/machines"),
                    shortAliasDirectory(dir));
            Files.createDirectories(layout.layers());
            Files.createDirectories(layout.unitDir());
            Files.createDirectories(layout.machinedState());
            return layout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Layer aliases keep deep chains within a page of mount options only if their directory has a
     * short path, as /var/lib/siren has; a temporary directory's is too long. So they go to
     * /tmp/sXXXXX, named in the store's directory so that the same store finds them again.
     */
    private static Path shortAliasDirectory(Path dir) throws IOException {
        Path pointer = dir.resolve("aliases");
        if (Files.isSymbolicLink(pointer)) {
            return Files.readSymbolicLink(pointer);
        }
        String id = Long.toString(Math.abs(new java.security.SecureRandom().nextLong()) % 60_466_176L, 36);
        Path aliases = Files.createDirectories(Path.of("/tmp", "s" + id));
        Files.createSymbolicLink(pointer, aliases);
        return aliases;
    }

    /** Unmounts everything below the directory, deepest first, so that the test can delete it. */
    public static void unmountAll(Path dir) {
        for (Path mount : MountTable.mountsUnder(dir)) {
            Processes.run(List.of("umount", "--lazy", mount.toString()));
        }
    }
}
