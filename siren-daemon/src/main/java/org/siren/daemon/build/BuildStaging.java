package org.siren.daemon.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.system.AtomicFiles;
import org.siren.daemon.system.Command;
import org.siren.daemon.system.MountTable;

/**
 * The private directories of one build, under /var/lib/siren/.#build-ID (on the layers' filesystem,
 * so the finished layer is committed by a rename): the unpacked context, siren's shell library and
 * the script, the report the script leaves, and the new upper layer with its workdir and the merged
 * overlay the container runs on. Start-up recovery removes whatever a crash leaves of it.
 */
public final class BuildStaging {

    public static final String PREFIX = StoreLayout.STAGING_PREFIX + "build-";

    private final Path root;

    private BuildStaging(Path root) {
        this.root = root;
    }

    public static BuildStaging create(StoreLayout layout, long jobId) {
        Path root = layout.layers().resolve(PREFIX + jobId);
        try {
            AtomicFiles.deleteTree(root);
            Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String dir : List.of("context", "lib", "report", "upper", "work", "merged")) {
                Files.createDirectory(root.resolve(dir));
            }
            Files.setPosixFilePermissions(root.resolve("upper"), PosixFilePermissions.fromString("rwxr-xr-x"));
            return new BuildStaging(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the build directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    public Path context() {
        return root.resolve("context");
    }

    public Path lib() {
        return root.resolve("lib");
    }

    public Path report() {
        return root.resolve("report");
    }

    public Path upper() {
        return root.resolve("upper");
    }

    public Path work() {
        return root.resolve("work");
    }

    public Path merged() {
        return root.resolve("merged");
    }

    public void unmount() {
        for (Path mount : MountTable.mountsUnder(root)) {
            Command.check(List.of("umount", mount.toString()));
        }
    }

    /** Unmounts and deletes everything that is left. */
    public void remove() {
        try {
            unmount();
        } finally {
            for (Path mount : MountTable.mountsUnder(root)) {
                Command.run(List.of("umount", "--lazy", mount.toString()));
            }
            AtomicFiles.deleteTree(root);
        }
    }
}
