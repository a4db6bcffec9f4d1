package org.siren.testing;

import java.nio.file.Path;
import java.time.Clock;

import org.siren.daemon.image.ImageLocks;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.service.ImageService;
import org.siren.daemon.service.StoreRecovery;
import org.siren.daemon.units.MountUnits;
import org.siren.daemon.units.Systemd;

/** siren's services over a temporary store, with a tiny base image named "base". */
public final class ServiceFixture implements AutoCloseable {

    public final Path dir;
    public final StoreLayout layout;
    public final FakeSystemd systemd;
    public final ImageStore store;
    public final MountUnits units;
    public final ImageService images;
    public final boolean automount;

    public ServiceFixture(Path dir, boolean automount) {
        this(dir, automount, null);
    }

    /** With {@code systemdOverride}, the services talk to it instead of the fake directly. */
    public ServiceFixture(Path dir, boolean automount, Systemd systemdOverride) {
        this.dir = dir;
        this.automount = automount;
        this.layout = TestStore.under(dir);
        this.systemd = new FakeSystemd(layout.unitDir());
        this.store = new ImageStore(layout);
        store.initialize();
        Systemd used = systemdOverride == null ? systemd : systemdOverride;
        this.units = new MountUnits(store, used, automount);
        this.images = new ImageService(store, units, new ImageLocks(2_000), Clock.systemUTC());
        TinyRootfs.create(layout.layer(name("base")));
    }

    public static ImageName name(String raw) {
        return ImageName.parse(raw);
    }

    /** Runs start-up recovery as a restarted daemon would. */
    public void recover() {
        new StoreRecovery(store, units, systemd).run();
    }

    public Path merged(String name) {
        return layout.mountPoint(name(name));
    }

    @Override
    public void close() {
        TestStore.unmountAll(dir);
    }
}
