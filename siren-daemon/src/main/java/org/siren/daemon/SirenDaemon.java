package org.siren.daemon;

import java.time.Clock;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.siren.daemon.auth.Authorizer;
import org.siren.daemon.build.BuildRunner;
import org.siren.daemon.bus.BusEndpoint;
import org.siren.daemon.image.ImageLocks;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.job.JobManager;
import org.siren.daemon.service.BuildService;
import org.siren.daemon.service.ImageService;
import org.siren.daemon.service.TransferService;
import org.siren.daemon.transfer.ExportRunner;
import org.siren.daemon.transfer.FlattenRunner;
import org.siren.daemon.transfer.ImportRunner;
import org.siren.daemon.service.StoreRecovery;
import org.siren.daemon.units.MountUnits;
import org.siren.daemon.units.Systemd;

/** sirend assembled: store, units, recovery, and the bus endpoint. */
public final class SirenDaemon implements AutoCloseable {

    /** How the daemon is set up; tests use temporary store roots. */
    public record Config(StoreLayout layout, boolean automount, long lockWaitMillis, long keepFinishedJobsMillis) {
    }

    private final BusEndpoint endpoint;
    private final ImageService images;
    private final JobManager jobs;

    private SirenDaemon(BusEndpoint endpoint, ImageService images, JobManager jobs) {
        this.endpoint = endpoint;
        this.images = images;
        this.jobs = jobs;
    }

    /** Recovers the store from whatever a crash left, then serves on the connection. */
    public static SirenDaemon start(DBusConnection connection, Config config, Systemd systemd, Authorizer authorizer)
            throws DBusException {
        ImageStore store = new ImageStore(config.layout());
        store.initialize();
        MountUnits units = new MountUnits(store, systemd, config.automount());
        new StoreRecovery(store, units, systemd).run();
        ImageLocks locks = new ImageLocks(config.lockWaitMillis());
        ImageService images = new ImageService(store, units, locks, Clock.systemUTC());
        JobManager jobs = new JobManager(Clock.systemUTC(), config.keepFinishedJobsMillis());
        BuildService builds = new BuildService(store, jobs, new BuildRunner(store, units, locks, Clock.systemUTC()));
        TransferService transfers = new TransferService(store, jobs, new ImportRunner(store, locks, Clock.systemUTC()),
                new ExportRunner(store, locks), new FlattenRunner(store, locks));
        return new SirenDaemon(BusEndpoint.open(connection, images, builds, transfers, authorizer), images, jobs);
    }

    public ImageService images() {
        return images;
    }

    public JobManager jobs() {
        return jobs;
    }

    @Override
    public void close() throws DBusException {
        jobs.close();
        endpoint.close();
    }
}
