package org.siren.daemon.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.siren.daemon.build.BuildStaging;
import org.siren.daemon.build.CommitRecovery;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.system.AtomicFiles;
import org.siren.daemon.system.Command;
import org.siren.daemon.system.MountTable;
import org.siren.daemon.system.ProcessTable;
import org.siren.daemon.units.ImageUnits;
import org.siren.daemon.units.MountUnits;
import org.siren.daemon.units.Systemd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon does at start so that a crash leaves nothing behind: staging leftovers and their
 * mounts go, metadata without a layer goes, units of images that no longer exist go, and every image
 * that should be mounted has its units written, enabled and started.
 */
public final class StoreRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private final ImageStore store;
    private final MountUnits units;
    private final Systemd systemd;

    public StoreRecovery(ImageStore store, MountUnits units, Systemd systemd) {
        this.store = store;
        this.units = units;
        this.systemd = systemd;
    }

    public void run() {
        removeStagingLeftovers();
        removeOrphanedMetadata();
        removeUnitsWithoutImage();
        store.aliases().removeDangling();
        restoreUnits();
    }

    private void removeStagingLeftovers() {
        for (Path leftover : store.stagingLeftovers()) {
            if (leftover.getFileName().toString().startsWith(BuildStaging.PREFIX)) {
                List<ProcessHandle> orphans = ProcessTable.mentioning(leftover);
                if (!orphans.isEmpty()) {
                    LOG.info("stopping {} processes of an interrupted build in {}", orphans.size(), leftover);
                    ProcessTable.kill(orphans);
                }
                for (Path mount : MountTable.mountsUnder(leftover)) {
                    Command.check(List.of("umount", "--lazy", mount.toString()));
                }
                CommitRecovery.recover(store.layout(), leftover);
            }
        }
        for (Path leftover : store.stagingLeftovers()) {
            for (Path mount : MountTable.mountsUnder(leftover)) {
                LOG.info("unmounting stale build mount {}", mount);
                Command.check(List.of("umount", "--lazy", mount.toString()));
            }
            LOG.info("removing staging leftover {}", leftover);
            AtomicFiles.deleteTree(leftover);
        }
    }

    private void removeOrphanedMetadata() {
        for (Path orphan : store.orphanedMetadata()) {
            String file = orphan.getFileName().toString();
            String name = file.substring(0, file.length() - ".image".length());
            LOG.info("removing metadata without a layer: {}", orphan);
            if (ImageName.isValid(name)) {
                units.uninstall(ImageName.parse(name));
                AtomicFiles.deleteTree(store.layout().workDir(ImageName.parse(name)));
            }
            AtomicFiles.delete(orphan);
        }
    }

    private void removeUnitsWithoutImage() {
        Path unitDir = store.layout().unitDir();
        if (!Files.isDirectory(unitDir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(unitDir, "*.{mount,automount}")) {
            for (Path unitFile : entries) {
                ownerOf(unitFile).filter(name -> store.find(name).isEmpty()).ifPresent(name -> {
                    LOG.info("removing units of vanished image {}", name);
                    units.uninstall(name);
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + unitDir + ": " + e.getMessage(), e);
        }
    }

    private void restoreUnits() {
        boolean changed = false;
        for (ImageMetadata meta : store.list()) {
            if (meta.isMounted()) {
                changed |= units.write(meta);
            }
        }
        if (changed) {
            systemd.reload();
        }
        for (ImageMetadata meta : store.list()) {
            if (meta.isMounted() && !units.isActive(meta.name())) {
                LOG.info("activating the units of {}", meta.name());
                units.activate(units.unitsOf(meta.name()));
            }
        }
    }

    /** The image a siren-written unit file belongs to, read from its first line. */
    public static Optional<ImageName> ownerOf(Path unitFile) {
        try {
            List<String> lines = Files.readAllLines(unitFile);
            String prefix = ImageUnits.MARKER + " for image ";
            if (lines.isEmpty() || !lines.get(0).startsWith(prefix)) {
                return Optional.empty();
            }
            String rest = lines.get(0).substring(prefix.length());
            int end = rest.indexOf(';');
            String name = end < 0 ? rest : rest.substring(0, end);
            return ImageName.isValid(name) ? Optional.of(ImageName.parse(name)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + unitFile + ": " + e.getMessage(), e);
        }
    }
}
