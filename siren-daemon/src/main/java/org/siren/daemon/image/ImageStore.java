package org.siren.daemon.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.system.AtomicFiles;

/**
 * The images on disk: upper layers under {@link StoreLayout#layers()}, metadata beside them. Knows
 * nothing of mounts or units. Not synchronized: callers hold the image's lock.
 */
public final class ImageStore {

    /** Deeper chains are refused; a cycle in damaged metadata would otherwise never end. */
    public static final int MAX_CHAIN_DEPTH = 500;

    private final StoreLayout layout;
    private final LayerAliases aliases;

    public ImageStore(StoreLayout layout) {
        this.layout = layout;
        this.aliases = new LayerAliases(layout);
    }

    /** Short names of layers, for the overlay options of deep chains. */
    public LayerAliases aliases() {
        return aliases;
    }

    public StoreLayout layout() {
        return layout;
    }

    /** Creates the store's directories (mode 0700 for the state directory) if they are missing. */
    public void initialize() {
        try {
            Files.createDirectories(layout.layers());
            Files.createDirectories(layout.metadataDir());
            Files.setPosixFilePermissions(layout.stateDir(), PosixFilePermissions.fromString("rwx------"));
            Files.createDirectories(layout.machines());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store under " + layout.layers() + ": "
                    + e.getMessage(), e);
        }
    }

    public Optional<ImageMetadata> find(ImageName name) {
        Path meta = layout.metadataFile(name);
        Path layer = layout.layer(name);
        if (!Files.isDirectory(layer, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.exists(meta)) {
            return Optional.of(MetadataFile.read(meta));
        }
        return Optional.of(ImageMetadata.handMadeBase(name, modificationTime(layer)));
    }

    public ImageMetadata get(ImageName name) {
        return find(name).orElseThrow(() -> new SirenException(Reason.NO_SUCH_IMAGE,
                "no image \"" + name + "\" in " + layout.layers() + ": 'sirenctl list' shows the images there are"));
    }

    /** Every image: each directory of the layer root with a valid name, described by its metadata. */
    public List<ImageMetadata> list() {
        TreeMap<ImageName, ImageMetadata> images = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.layers())) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                if (ImageName.isValid(file) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    ImageName name = ImageName.parse(file);
                    find(name).ifPresent(meta -> images.put(name, meta));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list images in " + layout.layers() + ": " + e.getMessage(), e);
        }
        return List.copyOf(images.values());
    }

    /** Metadata files whose layer is missing: what a crash between the two writes of a creation leaves. */
    public List<Path> orphanedMetadata() {
        List<Path> orphans = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.metadataDir(), "*.image")) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                String name = file.substring(0, file.length() - ".image".length());
                if (!ImageName.isValid(name) || !Files.isDirectory(layout.layer(ImageName.parse(name)))) {
                    orphans.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layout.metadataDir() + ": " + e.getMessage(), e);
        }
        return orphans;
    }

    public LayerChain chainOf(ImageName name) {
        List<ImageName> images = new ArrayList<>();
        List<Path> layers = new ArrayList<>();
        Set<ImageName> seen = new HashSet<>();
        ImageMetadata meta = get(name);
        while (true) {
            if (!seen.add(meta.name()) || images.size() >= MAX_CHAIN_DEPTH) {
                throw new SirenException(Reason.FAILED, "the layer chain of image " + name + " loops or is deeper than "
                        + MAX_CHAIN_DEPTH + " layers at " + meta.name() + "; inspect " + layout.metadataDir());
            }
            images.add(meta.name());
            layers.add(layout.layer(meta.name()));
            if (meta.base().isEmpty()) {
                return new LayerChain(images, layers);
            }
            meta = baseOf(name, meta);
        }
    }

    private ImageMetadata baseOf(ImageName top, ImageMetadata child) {
        ImageName base = child.base().orElseThrow();
        return find(base).orElseThrow(() -> new SirenException(Reason.FAILED, "image " + child.name()
                + " (in the chain of " + top + ") is built on " + base + ", which is missing at " + layout.layer(base)
                + "; restore that layer or remove " + top));
    }

    /** The images whose base is {@code name}, sorted. */
    public List<ImageName> dependentsOf(ImageName name) {
        List<ImageName> dependents = new ArrayList<>();
        for (ImageMetadata meta : list()) {
            if (meta.base().filter(name::equals).isPresent()) {
                dependents.add(meta.name());
            }
        }
        return dependents;
    }

    /** Refuses, naming them, when images are built on {@code name}; {@code advice} says what to do instead. */
    public void requireNoDependents(ImageName name, String advice) {
        List<ImageName> dependents = dependentsOf(name);
        if (!dependents.isEmpty()) {
            String advised = advice.replace("{them}", dependents.size() == 1 ? "it" : "them");
            throw new SirenException(Reason.IMAGE_BUSY, "image " + name + " is the base of "
                    + String.join(", ", dependents.stream().map(ImageName::value).toList()) + ": " + advised);
        }
    }

    /**
     * Refuses while machined has a machine of this name running; {@code afterwards} follows the
     * advice to stop it ("" or ", then build again").
     */
    public void requireNotRunning(ImageName name, String afterwards) {
        if (Files.exists(layout.machinedStateFile(name))) {
            throw new SirenException(Reason.IMAGE_BUSY, "machine " + name + " is running: stop it first with"
                    + " 'machinectl poweroff " + name + "'" + afterwards);
        }
    }

    /**
     * Records the metadata of a new image, then creates its empty upper layer and overlay workdir. The
     * metadata comes first: a crash in between leaves metadata without a layer, which recovery removes,
     * rather than an empty directory that would pass for a hand-made base.
     */
    public void create(ImageMetadata meta) {
        ImageName name = meta.name();
        Path staging = layout.layers().resolve(StoreLayout.STAGING_PREFIX + name + ".new");
        try {
            AtomicFiles.deleteTree(staging);
            Files.createDirectories(layout.workDir(name));
            MetadataFile.write(layout.metadataFile(name), meta);
            Files.createDirectory(staging);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, layout.layer(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            AtomicFiles.deleteTree(staging);
            AtomicFiles.delete(layout.metadataFile(name));
            throw new UncheckedIOException("cannot create the layer of " + name + " at " + layout.layer(name) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Deletes an image's layer, workdir and metadata. The layer is first renamed to a staging name, so
     * that a crash in the middle leaves a leftover that recovery removes, never a half-deleted image.
     */
    public void delete(ImageName name) {
        Path doomed = layout.layers().resolve(StoreLayout.STAGING_PREFIX + name + ".removing");
        try {
            AtomicFiles.deleteTree(doomed);
            if (Files.exists(layout.layer(name), LinkOption.NOFOLLOW_LINKS)) {
                Files.move(layout.layer(name), doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the layer " + layout.layer(name) + ": " + e.getMessage(), e);
        }
        AtomicFiles.delete(layout.metadataFile(name));
        AtomicFiles.deleteTree(layout.workDir(name));
        AtomicFiles.deleteTree(doomed);
        aliases.removeDangling();
    }

    /**
     * Renames an image's layer, workdir and metadata. The caller has checked that nothing is built on
     * it and that its units are down. Metadata goes last: a crash before it leaves the old metadata
     * without a layer (removed at start) and the layer as a plain base under its new name.
     */
    public void rename(ImageName from, ImageName to) {
        ImageMetadata meta = get(from);
        ImageMetadata renamed = new ImageMetadata(to, meta.kind(), meta.version(), meta.base(), meta.created(),
                meta.inputs());
        try {
            Files.move(layout.layer(from), layout.layer(to), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.deleteTree(layout.workDir(to));
            Files.createDirectories(layout.workDir(to));
            AtomicFiles.deleteTree(layout.workDir(from));
            if (Files.exists(layout.metadataFile(from))) {
                MetadataFile.write(layout.metadataFile(to), renamed);
                AtomicFiles.delete(layout.metadataFile(from));
            }
            aliases.removeDangling();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + layout.layer(from) + " to " + layout.layer(to) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Staging directories ({@code .#*}) in the layer root: leftovers of interrupted work. */
    public List<Path> stagingLeftovers() {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.layers(), StoreLayout.STAGING_PREFIX + "*")) {
            entries.forEach(leftovers::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layout.layers() + ": " + e.getMessage(), e);
        }
        return leftovers;
    }

    private static Instant modificationTime(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .lastModifiedTime().toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }
}
