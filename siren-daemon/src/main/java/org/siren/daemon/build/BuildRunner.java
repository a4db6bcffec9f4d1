package org.siren.daemon.build;

import java.time.Clock;
import java.util.Optional;

import org.siren.daemon.image.BuildInputs;
import org.siren.daemon.image.ImageLocks;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.units.MountUnits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A build, as a plain sequence of steps: read the context as the caller, check the cache, mount the
 * new layer over the base, run the script in its container (or the bootstrap sandbox), commit the
 * layer, write the units. Whatever happens, the build's private directory is gone at the end.
 */
public final class BuildRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BuildRunner.class);

    private final ImageStore store;
    private final MountUnits units;
    private final ImageLocks locks;
    private final Clock clock;

    public BuildRunner(ImageStore store, MountUnits units, ImageLocks locks, Clock clock) {
        this.store = store;
        this.units = units;
        this.locks = locks;
        this.clock = clock;
    }

    public BuildOutcome run(BuildRequest request, BuildEvents events, CancelToken cancel) {
        BuildScript script = request.script();
        Optional<ImageMetadata> base = script.from().map(store::get);
        BuildStaging staging = BuildStaging.create(store.layout(), request.jobId());
        try (ImageLocks.Held baseInUse = base.isPresent() ? locks.use(base.get().name()) : () -> { }) {
            String context = new ReadContextStep(request, staging).call();
            cancel.check();
            BuildInputs inputs = new BuildInputs(BaseIdentity.of(base, store), BuildInputs.sha256(script.bytes()), context);
            if (!request.noCache()) {
                Optional<BuildOutcome> cached = new CacheCheckStep(store, script, inputs, events).call();
                if (cached.isPresent()) {
                    return cached.get();
                }
            }
            script.literalId().filter(name -> store.find(name).isPresent())
                    .ifPresent(name -> store.requireNoDependents(name, CommitLayerStep.REBUILD_ADVICE));
            RunScriptStep.ImageId id = runScript(request, base, staging, events, cancel);
            staging.unmount();
            cancel.check();
            ImageMetadata meta = ImageMetadata.built(id.name(), id.version(), script.from(), clock.instant(), inputs);
            commit(meta, staging);
            LOG.info("built {} {} from {}", id.name(), id.version(), request.contextDir());
            return new BuildOutcome(id.name(), id.version(), false, "Built " + id.name()
                    + (id.version().isEmpty() ? "" : " " + id.version()));
        } finally {
            staging.remove();
        }
    }

    private RunScriptStep.ImageId runScript(BuildRequest request, Optional<ImageMetadata> base, BuildStaging staging,
            BuildEvents events, CancelToken cancel) {
        if (base.isEmpty()) {
            return new BootstrapStep(request.script(), staging, events, cancel).call();
        }
        new MountOverlayStep(store, base.get().name(), staging).call();
        return new RunScriptStep(request.script(), staging, request.jobId(), base.get().version(), events, cancel).call();
    }

    private void commit(ImageMetadata meta, BuildStaging staging) {
        ImageName name = meta.name();
        try (ImageLocks.Held held = meta.base().isPresent() ? locks.lock(name, meta.base().get()) : locks.lock(name)) {
            new CommitLayerStep(store, units, staging).call(meta);
            if (meta.isMounted()) {
                units.install(meta);
            }
        }
    }
}
