package org.siren.daemon.build;

import java.util.List;
import java.util.Optional;

import org.siren.daemon.image.BuildInputs;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageStore;

/**
 * Finds an image built from the same inputs. The script's literal ID names the image to compare
 * with; without one, any image with the same inputs will do.
 */
final class CacheCheckStep {

    private final ImageStore store;
    private final BuildScript script;
    private final BuildInputs inputs;
    private final BuildEvents events;

    CacheCheckStep(ImageStore store, BuildScript script, BuildInputs inputs, BuildEvents events) {
        this.store = store;
        this.script = script;
        this.inputs = inputs;
        this.events = events;
    }

    Optional<BuildOutcome> call() {
        Optional<ImageMetadata> previous = script.literalId().flatMap(store::find);
        if (previous.isPresent() && previous.get().inputs().isPresent()) {
            List<String> changes = inputs.changesSince(previous.get().inputs().get());
            if (changes.isEmpty()) {
                return Optional.of(upToDate(previous.get()));
            }
            events.log("Rebuilding " + previous.get().name() + ": " + String.join(", ", changes) + ".");
            return Optional.empty();
        }
        for (ImageMetadata meta : store.list()) {
            if (meta.inputs().filter(inputs::equals).isPresent()) {
                return Optional.of(upToDate(meta));
            }
        }
        events.log(previous.isPresent() ? "Building " + previous.get().name() + ": it was not built by siren before."
                : "Building: no earlier image was built from these inputs.");
        return Optional.empty();
    }

    private static BuildOutcome upToDate(ImageMetadata meta) {
        return new BuildOutcome(meta.name(), meta.version(), true, meta.name() + " is up to date: its base, "
                + "build script and context are unchanged (use --no-cache to build it anyway)");
    }
}
