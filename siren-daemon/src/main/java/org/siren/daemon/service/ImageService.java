package org.siren.daemon.service;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Clock;
import java.util.List;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.ImageLocks;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.units.ImageUnits;
import org.siren.daemon.units.MountUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating and removing images and containers. Callers are already authorized. */
public final class ImageService {

    private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);

    private final ImageStore store;
    private final MountUnits units;
    private final ImageLocks locks;
    private final Clock clock;
    private volatile ImageEvents events = ImageEvents.NONE;

    public ImageService(ImageStore store, MountUnits units, ImageLocks locks, Clock clock) {
        this.store = store;
        this.units = units;
        this.locks = locks;
        this.clock = clock;
    }

    public void setEvents(ImageEvents events) {
        this.events = events;
    }

    public ImageStore store() {
        return store;
    }

    public MountUnits units() {
        return units;
    }

    /**
     * Creates container {@code name} as an empty layer over {@code base}'s whole chain and mounts it at
     * /var/lib/machines/NAME through its units. Costs the same whatever the base's size: nothing is copied.
     */
    public ImageMetadata newContainer(ImageName name, ImageName base) {
        try (ImageLocks.Held held = locks.lock(name, base)) {
            refuseTaken(name);
            store.get(base);
            store.chainOf(base);
            ImageMetadata meta = ImageMetadata.container(name, base, clock.instant());
            store.create(meta);
            try {
                units.install(meta);
            } catch (RuntimeException e) {
                rollBack(name, e);
                throw e;
            }
            LOG.info("created container {} on {}", name, base);
            events.added(name);
            return meta;
        }
    }

    /**
     * Removes an image: its units are stopped, disabled and deleted, then its layer. Refused, with
     * nothing changed, while other images are built on it or a machine of that name runs.
     */
    public void remove(ImageName name) {
        try (ImageLocks.Held held = locks.lock(name)) {
            ImageMetadata meta = store.get(name);
            store.requireNoDependents(name, "remove {them} first");
            store.requireNotRunning(name, "");
            refuseInUse(name);
            if (meta.isMounted() || Files.exists(units.unitsOf(name).mountUnitFile())) {
                units.uninstall(name);
            }
            store.delete(name);
            LOG.info("removed {} {}", meta.kind().wireName(), name);
            events.removed(name);
        }
    }

    /**
     * Renames an image. Refused while other images are built on it (their overlays name its layer) or
     * a machine of that name runs; its units are taken down and made again under the new name.
     */
    public ImageMetadata rename(ImageName from, ImageName to) {
        try (ImageLocks.Held held = locks.lock(from, to)) {
            ImageMetadata meta = store.get(from);
            refuseTaken(to);
            store.requireNoDependents(from, "their layers are mounted over its path; remove {them} first");
            store.requireNotRunning(from, "");
            refuseInUse(from);
            if (meta.isMounted()) {
                units.uninstall(from);
            }
            store.rename(from, to);
            ImageMetadata renamed = store.get(to);
            if (renamed.isMounted()) {
                units.install(renamed);
            }
            LOG.info("renamed {} to {}", from, to);
            events.removed(from);
            events.added(to);
            return renamed;
        }
    }

    private void refuseTaken(ImageName name) {
        StoreLayout layout = store.layout();
        if (Files.exists(layout.layer(name), LinkOption.NOFOLLOW_LINKS) || Files.exists(layout.metadataFile(name))) {
            throw new SirenException(Reason.IMAGE_EXISTS, "image " + name + " already exists at " + layout.layer(name)
                    + ": choose another name, or remove it first with 'sirenctl rm " + name + "'");
        }
        if (nonEmpty(layout.mountPoint(name))) {
            throw new SirenException(Reason.IMAGE_EXISTS, "a machine named " + name + " already exists at "
                    + layout.mountPoint(name) + " (not made by siren): choose another name");
        }
        ImageUnits files = units.unitsOf(name);
        for (var file : List.of(files.mountUnitFile(), files.automountUnitFile(), files.nspawnSettingsFile())) {
            if (MountUnits.isForeign(file)) {
                throw new SirenException(Reason.IMAGE_EXISTS, file + " exists and was not written by siren;"
                        + " move it away or choose another name than " + name);
            }
        }
    }

    /** A build, export or flatten reading the image's layers holds it (ImageLocks.use). */
    private void refuseInUse(ImageName name) {
        if (locks.inUse(name)) {
            throw new SirenException(Reason.IMAGE_BUSY, "image " + name + " is in use by a running job;"
                    + " wait for it to finish ('sirenctl jobs')");
        }
    }

    private void rollBack(ImageName name, RuntimeException cause) {
        LOG.warn("creating {} failed, rolling back: {}", name, cause.getMessage());
        try {
            units.uninstall(name);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            store.delete(name);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static boolean nonEmpty(java.nio.file.Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }
}
