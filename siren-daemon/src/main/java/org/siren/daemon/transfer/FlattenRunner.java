package org.siren.daemon.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.ImageLocks;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.job.Job;
import org.siren.daemon.system.AtomicFiles;
import org.siren.daemon.system.Command;

/**
 * Copies an image's merged view into a standalone directory image at /var/lib/machines/NEW: no
 * overlay, no chain, so it runs where overlayfs does not, and machinectl manages it as its own
 * (start, clone, export, remove). Copied beside its target and renamed into place.
 */
public final class FlattenRunner {

    private final ImageStore store;
    private final ImageLocks locks;

    public FlattenRunner(ImageStore store, ImageLocks locks) {
        this.store = store;
        this.locks = locks;
    }

    public static Path target(StoreLayout layout, ImageName name) {
        return layout.mountPoint(name);
    }

    public String run(long jobId, ImageName source, ImageName name, Job job) {
        StoreLayout layout = store.layout();
        Path target = target(layout, name);
        Path copy = layout.machines().resolve(StoreLayout.STAGING_PREFIX + "flatten-" + jobId);
        Path view = layout.layers().resolve(StoreLayout.STAGING_PREFIX + "flatten-" + jobId);
        try (ImageLocks.Held inUse = locks.use(source);
                ReadOnlyView merged = ReadOnlyView.mount(store.chainOf(source), store.aliases(), view)) {
            job.log("Copying the " + store.chainOf(source).depth() + " layers of " + source + " into " + target + "...");
            AtomicFiles.deleteTree(copy);
            Command.check(List.of("cp", "--archive", "--reflink=auto", "--one-file-system", "--no-target-directory",
                    merged.root().toString(), copy.toString()));
            job.cancelToken().check();
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new SirenException(Reason.IMAGE_EXISTS, target + " appeared while " + source + " was copied");
            }
            Files.move(copy, target, StandardCopyOption.ATOMIC_MOVE);
            return "Flattened " + source + " into " + target + "; start it with: machinectl start " + name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the flattened image at " + target + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTree(copy);
        }
    }
}
