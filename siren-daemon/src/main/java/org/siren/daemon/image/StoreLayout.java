package org.siren.daemon.image;

import java.nio.file.Path;

/**
 * Where siren keeps things. {@code layers}/NAME is an image's upper layer (seed-compatible: a base
 * unpacked there by hand is an image); metadata and overlay workdirs live under {@code layers}/.siren,
 * outside every layer; staging directories are {@code layers}/.#NAME.*; {@code aliases}/~ID are short
 * names of layers for deep chains (beside the layers, but for tests). Test suites use temporary roots.
 */
public record StoreLayout(Path layers, Path machines, Path unitDir, Path nspawnDir, Path machinedState, Path aliases) {

    public static final String STATE_DIR = ".siren";
    public static final String STAGING_PREFIX = ".#";

    public static StoreLayout system() {
        return new StoreLayout(Path.of("/var/lib/siren"), Path.of("/var/lib/machines"),
                Path.of("/etc/systemd/system"), Path.of("/etc/systemd/nspawn"), Path.of("/run/systemd/machines"),
                Path.of("/var/lib/siren"));
    }

    /** A layout whose short layer aliases live beside the layers. */
    public StoreLayout(Path layers, Path machines, Path unitDir, Path nspawnDir, Path machinedState) {
        this(layers, machines, unitDir, nspawnDir, machinedState, layers);
    }

    public StoreLayout {
        for (Path p : new Path[] {layers, machines, unitDir, nspawnDir, machinedState, aliases}) {
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("store paths must be absolute, got \"" + p + "\"");
            }
        }
    }

    public Path layer(ImageName name) {
        return layers.resolve(name.value());
    }

    public Path stateDir() {
        return layers.resolve(STATE_DIR);
    }

    public Path metadataDir() {
        return stateDir().resolve("images");
    }

    public Path metadataFile(ImageName name) {
        return metadataDir().resolve(name.value() + ".image");
    }

    public Path workDir(ImageName name) {
        return stateDir().resolve("work").resolve(name.value());
    }

    public Path mountPoint(ImageName name) {
        return machines.resolve(name.value());
    }

    public Path nspawnSettings(ImageName name) {
        return nspawnDir.resolve(name.value() + ".nspawn");
    }

    /** machined's state file of a running machine of this name. */
    public Path machinedStateFile(ImageName name) {
        return machinedState.resolve(name.value());
    }
}
