package org.siren.daemon.units;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.LayerChain;
import org.siren.daemon.system.AtomicFiles;
import org.siren.daemon.system.MountTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes, enables and starts the units that mount an image at /var/lib/machines/NAME, and takes them
 * away again. With autofs in the kernel the .automount unit is enabled and the mount happens on first
 * access; without it the .mount unit itself is enabled, so it is mounted at boot, and the stock
 * systemd-nspawn@.service pulls it in through its RequiresMountsFor=/var/lib/machines/%i.
 */
public final class MountUnits {

    private static final Logger LOG = LoggerFactory.getLogger(MountUnits.class);

    private final ImageStore store;
    private final Systemd systemd;
    private final boolean automount;

    public MountUnits(ImageStore store, Systemd systemd, boolean automount) {
        this.store = store;
        this.systemd = systemd;
        this.automount = automount;
    }

    public ImageUnits unitsOf(ImageName name) {
        return ImageUnits.of(name, store.layout());
    }

    /** Writes the files of a mounted image and makes its mount point; returns whether any file changed. */
    public boolean write(ImageMetadata meta) {
        ImageUnits units = unitsOf(meta.name());
        createMountPoint(units.mountPoint());
        LayerChain chain = store.chainOf(meta.name());
        String options = OverlayOptions.of(chain, store.layout().workDir(meta.name()), store.aliases());
        boolean changed = writeIfChanged(units.mountUnitFile(), UnitText.mount(units, meta, chain, options, !automount));
        if (automount) {
            changed |= writeIfChanged(units.automountUnitFile(), UnitText.automount(units, meta));
        }
        changed |= writeIfChanged(units.nspawnSettingsFile(), UnitText.nspawnSettings(units));
        return changed;
    }

    /**
     * Writes the units, then enables and starts them: the image is mounted (or will be on access).
     * systemd reloads only when it holds an older text of these units; a new image's units it loads
     * when they are first named. (A reload costs ~140 ms on a small booted host, most of a new
     * container's time.) The enabling symlink is read at the next boot, as with systemctl enable.
     */
    public void install(ImageMetadata meta) {
        ImageUnits units = unitsOf(meta.name());
        write(meta);
        List<String> read = automount ? List.of(units.mountUnit(), units.automountUnit()) : List.of(units.mountUnit());
        if (read.stream().anyMatch(systemd::needsReload)) {
            systemd.reload();
        }
        activate(units);
    }

    /** Enables and starts the units of an image whose files are written. */
    public void activate(ImageUnits units) {
        String entry = automount ? units.automountUnit() : units.mountUnit();
        systemd.enable(List.of(entry));
        systemd.start(entry);
    }

    public boolean isActive(ImageName name) {
        ImageUnits units = unitsOf(name);
        return systemd.isActive(automount ? units.automountUnit() : units.mountUnit());
    }

    public boolean isMounted(ImageName name) {
        return MountTable.isMountPoint(store.layout().mountPoint(name));
    }

    /**
     * Stops the units of an image and leaves their files and enabling as they are: it is unmounted
     * until {@link #install} starts it again, which reloads systemd only if a file then changes.
     */
    public void stop(ImageName name) {
        present(unitsOf(name)).forEach(systemd::stop);
    }

    /** Stops, disables and deletes the units of an image, and removes its empty mount point. */
    public void uninstall(ImageName name) {
        ImageUnits units = unitsOf(name);
        List<String> present = present(units);
        present.forEach(systemd::stop);
        if (!present.isEmpty()) {
            systemd.disable(present);
        }
        deleteOwnFile(units.automountUnitFile());
        deleteOwnFile(units.mountUnitFile());
        deleteOwnFile(units.nspawnSettingsFile());
        systemd.reload();
        removeEmptyMountPoint(units.mountPoint());
    }

    /** The image's units that have files, the automount first: the order to stop them in. */
    private static List<String> present(ImageUnits units) {
        List<String> present = new ArrayList<>();
        if (Files.exists(units.automountUnitFile())) {
            present.add(units.automountUnit());
        }
        if (Files.exists(units.mountUnitFile())) {
            present.add(units.mountUnit());
        }
        return present;
    }

    /** Whether a file exists that siren did not write, at a place where it would write one. */
    public static boolean isForeign(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try {
            return !Files.readString(file).startsWith(ImageUnits.MARKER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a unit or settings file if siren wrote it; leaves anyone else's alone and says so. */
    public static void deleteOwnFile(Path file) {
        if (isForeign(file)) {
            LOG.warn("leaving {} alone: it was not written by siren", file);
            return;
        }
        AtomicFiles.delete(file);
    }

    private static boolean writeIfChanged(Path file, String text) {
        try {
            if (Files.exists(file) && Files.readString(file).equals(text)) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, text);
        return true;
    }

    private static void createMountPoint(Path mountPoint) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mount point " + mountPoint + ": " + e.getMessage(), e);
        }
    }

    private static void removeEmptyMountPoint(Path mountPoint) {
        try {
            if (Files.isDirectory(mountPoint) && !MountTable.isMountPoint(mountPoint)) {
                try (var entries = Files.list(mountPoint)) {
                    if (entries.findAny().isEmpty()) {
                        Files.delete(mountPoint);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("could not remove the mount point {}: {}", mountPoint, e.getMessage());
        }
    }
}
