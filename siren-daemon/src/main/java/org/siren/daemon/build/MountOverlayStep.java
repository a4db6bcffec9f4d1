package org.siren.daemon.build;

import java.util.List;

import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.LayerChain;
import org.siren.daemon.system.Command;
import org.siren.daemon.units.OverlayOptions;

/** Mounts the new, empty layer over the whole chain of the FROM image: the root the script runs in. */
final class MountOverlayStep {

    private final ImageStore store;
    private final ImageName from;
    private final BuildStaging staging;

    MountOverlayStep(ImageStore store, ImageName from, BuildStaging staging) {
        this.store = store;
        this.from = from;
        this.staging = staging;
    }

    void call() {
        LayerChain base = store.chainOf(from);
        String options = OverlayOptions.of(staging.upper(), base, staging.work(), store.aliases(), "a build on " + from);
        Command.check(List.of("mount", "-t", "overlay", "overlay", "-o", options, staging.merged().toString()));
    }
}
