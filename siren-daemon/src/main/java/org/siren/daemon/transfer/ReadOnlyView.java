package org.siren.daemon.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.siren.daemon.image.LayerAliases;
import org.siren.daemon.image.LayerChain;
import org.siren.daemon.system.AtomicFiles;
import org.siren.daemon.system.Command;
import org.siren.daemon.system.MountTable;
import org.siren.daemon.units.OverlayOptions;

/**
 * An image's merged view that nothing can change: a read-only overlay of all its layers (no upper
 * layer), mounted in a private directory; for a base, its one layer. Closing unmounts it.
 */
final class ReadOnlyView implements AutoCloseable {

    private final Path staging;
    private final Path root;

    private ReadOnlyView(Path staging, Path root) {
        this.staging = staging;
        this.root = root;
    }

    static ReadOnlyView mount(LayerChain chain, LayerAliases aliases, Path staging) {
        try {
            Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (chain.depth() == 1) {
                return new ReadOnlyView(staging, chain.upper());
            }
            Path merged = Files.createDirectory(staging.resolve("merged"));
            String options = OverlayOptions.readOnly(chain, aliases, "the merged view of " + chain.images().get(0));
            Command.check(List.of("mount", "-t", "overlay", "overlay", "-o", options, merged.toString()));
            return new ReadOnlyView(staging, merged);
        } catch (IOException e) {
            AtomicFiles.deleteTree(staging);
            throw new UncheckedIOException("cannot prepare a view of " + chain.images().get(0) + " in " + staging + ": "
                    + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void close() {
        for (Path mount : MountTable.mountsUnder(staging)) {
            Command.run(List.of("umount", mount.toString()));
        }
        AtomicFiles.deleteTree(staging);
    }
}
