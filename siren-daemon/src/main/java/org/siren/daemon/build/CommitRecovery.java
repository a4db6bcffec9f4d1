package org.siren.daemon.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.StoreLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finishes or undoes a commit that a crash interrupted (see {@link CommitLayerStep}). */
public final class CommitRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(CommitRecovery.class);

    private CommitRecovery() {
    }

    /** Call at start-up, before build directories are removed. */
    public static void recover(StoreLayout layout, Path buildDir) {
        Path journal = buildDir.resolve(CommitLayerStep.JOURNAL);
        if (!Files.isRegularFile(journal, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            String raw = Files.readString(journal).trim();
            if (!ImageName.isValid(raw)) {
                return;
            }
            ImageName name = ImageName.parse(raw);
            Path layer = layout.layer(name);
            Path upper = buildDir.resolve("upper");
            Path replaced = layout.layers().resolve(StoreLayout.STAGING_PREFIX + name + ".replaced-"
                    + buildDir.getFileName().toString().substring(BuildStaging.PREFIX.length()));
            if (Files.exists(upper, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.exists(layer, LinkOption.NOFOLLOW_LINKS) && Files.exists(replaced, LinkOption.NOFOLLOW_LINKS)) {
                    LOG.info("undoing the interrupted commit of {}: restoring its previous layer", name);
                    Files.move(replaced, layer, StandardCopyOption.ATOMIC_MOVE);
                }
                return;
            }
            Path metadata = buildDir.resolve(CommitLayerStep.NEW_METADATA);
            if (Files.isRegularFile(metadata, LinkOption.NOFOLLOW_LINKS)) {
                LOG.info("finishing the interrupted commit of {}: writing its metadata", name);
                Files.move(metadata, layout.metadataFile(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot recover the interrupted build in " + buildDir + ": " + e.getMessage(), e);
        }
    }
}
