package org.siren.daemon.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siren.daemon.SirenException;

class ImageStoreTest {

    @TempDir
    Path dir;
    StoreLayout layout;
    ImageStore store;

    @BeforeEach
    void setUp() {
        layout = new StoreLayout(dir.resolve("siren"), dir.resolve("machines"), dir.resolve("units"),
                dir.resolve("nspawn"), dir.resolve("run"));
        store = new ImageStore(layout);
        store.initialize();
    }

    private ImageName name(String n) {
        return ImageName.parse(n);
    }

    @Test
    void aDirectoryUnpackedByHandIsABase() throws IOException {
        Files.createDirectories(layout.layer(name("debian")).resolve("etc"));
        ImageMetadata meta = store.get(name("debian"));
        assertEquals(ImageKind.BASE, meta.kind());
        assertEquals(Optional.empty(), meta.base());
        assertFalse(meta.isMounted());
    }

    @Test
    void metadataRoundTripsAndLivesOutsideTheLayer() throws IOException {
        Files.createDirectories(layout.layer(name("debian")));
        ImageMetadata web = ImageMetadata.container(name("web0"), name("debian"), Instant.ofEpochSecond(1700000000));
        store.create(web);
        assertEquals(web, store.get(name("web0")));
        assertTrue(Files.exists(layout.metadataFile(name("web0"))));
        assertFalse(layout.metadataFile(name("web0")).startsWith(layout.layer(name("web0"))));
        try (var files = Files.list(layout.layer(name("web0")))) {
            assertEquals(0, files.count(), "a new layer is empty");
        }
        assertTrue(Files.isDirectory(layout.workDir(name("web0"))));
    }

    @Test
    void chainRunsFromTheTopToTheBase() throws IOException {
        Files.createDirectories(layout.layer(name("debian")));
        store.create(new ImageMetadata(name("web"), ImageKind.IMAGE, "1", Optional.of(name("debian")), Instant.EPOCH));
        store.create(ImageMetadata.container(name("web0"), name("web"), Instant.EPOCH));
        LayerChain chain = store.chainOf(name("web0"));
        assertEquals(List.of(name("web0"), name("web"), name("debian")), chain.images());
        assertEquals(layout.layer(name("web0")), chain.upper());
        assertEquals(List.of(layout.layer(name("web")), layout.layer(name("debian"))), chain.lowers());
        assertEquals(List.of(name("web")), store.dependentsOf(name("debian")));
        assertEquals(List.of(name("web0")), store.dependentsOf(name("web")));
    }

    @Test
    void aMissingBaseIsNamedWithTheFix() throws IOException {
        Files.createDirectories(layout.layer(name("debian")));
        store.create(ImageMetadata.container(name("web0"), name("debian"), Instant.EPOCH));
        Files.delete(layout.layer(name("debian")));
        SirenException e = assertThrows(SirenException.class, () -> store.chainOf(name("web0")));
        assertTrue(e.getMessage().contains("built on debian, which is missing at " + layout.layer(name("debian"))),
                e.getMessage());
    }

    @Test
    void aLoopInDamagedMetadataIsReportedNotFollowedForever() throws IOException {
        Files.createDirectories(layout.layer(name("debian")));
        store.create(ImageMetadata.container(name("a"), name("debian"), Instant.EPOCH));
        store.create(ImageMetadata.container(name("b"), name("a"), Instant.EPOCH));
        Files.writeString(layout.metadataFile(name("a")),
                Files.readString(layout.metadataFile(name("a"))).replace("base=debian", "base=b"));
        SirenException e = assertThrows(SirenException.class, () -> store.chainOf(name("b")));
        assertTrue(e.getMessage().contains("loops"), e.getMessage());
    }

    @Test
    void unknownImagesAreReportedWithTheListCommand() {
        SirenException e = assertThrows(SirenException.class, () -> store.get(name("nope")));
        assertEquals(SirenException.Reason.NO_SUCH_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("sirenctl list"), e.getMessage());
    }

    @Test
    void listSkipsStagingStateAndInvalidNames() throws IOException {
        Files.createDirectories(layout.layer(name("debian")));
        Files.createDirectories(layout.layers().resolve(".#web.new"));
        Files.createDirectories(layout.layers().resolve("bad name"));
        Files.writeString(layout.layers().resolve("file"), "not a directory");
        assertEquals(List.of(name("debian")), store.list().stream().map(ImageMetadata::name).toList());
        assertEquals(List.of(layout.layers().resolve(".#web.new")), store.stagingLeftovers());
    }

    @Test
    void deleteRemovesLayerMetadataAndWorkdir() throws IOException {
        Files.createDirectories(layout.layer(name("debian")));
        store.create(ImageMetadata.container(name("web0"), name("debian"), Instant.EPOCH));
        Files.writeString(layout.layer(name("web0")).resolve("log"), "runtime file");
        store.delete(name("web0"));
        assertFalse(Files.exists(layout.layer(name("web0"))));
        assertFalse(Files.exists(layout.metadataFile(name("web0"))));
        assertFalse(Files.exists(layout.workDir(name("web0"))));
        assertTrue(store.stagingLeftovers().isEmpty());
    }

    @Test
    void metadataWithoutLayerIsAnOrphan() throws IOException {
        Files.createDirectories(layout.layer(name("debian")));
        store.create(ImageMetadata.container(name("web0"), name("debian"), Instant.EPOCH));
        Files.delete(layout.layer(name("web0")));
        assertEquals(List.of(layout.metadataFile(name("web0"))), store.orphanedMetadata());
    }
}
