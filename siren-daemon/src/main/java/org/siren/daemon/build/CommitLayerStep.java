package org.siren.daemon.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.ImageKind;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.MetadataFile;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.system.AtomicFiles;
import org.siren.daemon.units.MountUnits;

/**
 * Puts the finished layer in place of the image's previous one, if any. Rebuilding an image that
 * other images are built on, or whose machine runs, is refused: overlay forbids changing a lower
 * layer under a mounted overlay, so siren never does. The swap is journaled in the build directory
 * (the target's name, then the new metadata) so that start-up recovery can finish or undo a commit
 * that a crash interrupted: until the new layer is in place the old one is restored, after that the
 * new metadata is written.
 */
public final class CommitLayerStep {

    static final String JOURNAL = "commit";
    static final String NEW_METADATA = "metadata";
    /** Why an image with dependents is not rebuilt, and what to do instead. */
    public static final String REBUILD_ADVICE = "rebuilding it would change the layer under {them}. Remove {them}"
            + " first, or give the new image another name with ID";

    private final ImageStore store;
    private final MountUnits units;
    private final BuildStaging staging;

    CommitLayerStep(ImageStore store, MountUnits units, BuildStaging staging) {
        this.store = store;
        this.units = units;
        this.staging = staging;
    }

    /** Call with the image's lock held. */
    void call(ImageMetadata meta) {
        ImageName name = meta.name();
        Optional<ImageMetadata> previous = store.find(name);
        previous.ifPresent(old -> refuseReplacing(old, meta));
        if (previous.isPresent() && Files.exists(units.unitsOf(name).mountUnitFile())) {
            if (meta.isMounted()) {
                // Unmounted for the swap; the build's commit starts it again over the new layer.
                units.stop(name);
            } else {
                units.uninstall(name);
            }
        }
        try {
            MetadataFile.write(staging.root().resolve(NEW_METADATA), meta);
            AtomicFiles.write(staging.root().resolve(JOURNAL), name.value() + "\n");
            Path layer = store.layout().layer(name);
            Path replaced = replacedPath(store.layout(), name, staging);
            if (Files.exists(layer, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(layer, replaced, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging.upper(), layer, StandardCopyOption.ATOMIC_MOVE);
            Files.createDirectories(store.layout().metadataDir());
            Files.move(staging.root().resolve(NEW_METADATA), store.layout().metadataFile(name),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.deleteTree(store.layout().workDir(name));
            Files.createDirectories(store.layout().workDir(name));
            AtomicFiles.delete(staging.root().resolve(JOURNAL));
            AtomicFiles.deleteTree(replaced);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the new layer of " + name + " in place at "
                    + store.layout().layer(name) + ": " + e.getMessage(), e);
        }
    }

    private void refuseReplacing(ImageMetadata old, ImageMetadata meta) {
        ImageName name = old.name();
        if (old.kind() == ImageKind.CONTAINER) {
            throw new SirenException(Reason.IMAGE_EXISTS, name + " is a container made with 'sirenctl new'; give the"
                    + " image another name with ID, or remove the container first ('sirenctl rm " + name + "')");
        }
        if (meta.base().filter(name::equals).isPresent()) {
            throw new SirenException(Reason.INVALID_ARGS, "image " + name + " cannot be built FROM itself");
        }
        store.requireNoDependents(name, REBUILD_ADVICE);
        store.requireNotRunning(name, ", then build again");
    }

    static Path replacedPath(StoreLayout layout, ImageName name, BuildStaging staging) {
        return layout.layers().resolve(StoreLayout.STAGING_PREFIX + name + ".replaced-"
                + staging.root().getFileName().toString().substring(BuildStaging.PREFIX.length()));
    }
}
