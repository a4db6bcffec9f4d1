package org.siren.daemon.bus;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.siren.daemon.auth.Authorizer;
import org.siren.daemon.job.Job;
import org.siren.daemon.job.JobListener;
import org.siren.dbus.BusNames;
import org.siren.dbus.Builder1;
import org.siren.dbus.Job1;
import org.siren.dbus.ObjectPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exports one object per job and sends the job's signals. */
final class JobRegistry implements JobListener {

    private static final Logger LOG = LoggerFactory.getLogger(JobRegistry.class);

    private final DBusConnection connection;
    private final Authorizer authorizer;
    private final CallerCredentials credentials;

    JobRegistry(DBusConnection connection, Authorizer authorizer, CallerCredentials credentials) {
        this.connection = connection;
        this.authorizer = authorizer;
        this.credentials = credentials;
    }

    @Override
    public void started(Job job) {
        try {
            connection.exportObject(new JobObject(job, authorizer, credentials));
        } catch (DBusException e) {
            LOG.warn("cannot export job {}: {}", job.id(), e.getMessage());
        }
        Signals.send(connection, () -> new Builder1.JobNew(BusNames.MANAGER_PATH, new UInt32(job.id()), path(job)));
    }

    @Override
    public void log(Job job, long index, String line) {
        Signals.send(connection, () -> new Job1.Log(path(job).getPath(), new UInt64(index), line));
    }

    @Override
    public void step(Job job, int number, int total, String text) {
        Signals.send(connection,
                () -> new Job1.StepStarted(path(job).getPath(), new UInt32(number), new UInt32(total), text));
    }

    @Override
    public void finished(Job job) {
        Signals.send(connection, () -> new Job1.Finished(path(job).getPath(), job.result(), job.message()));
    }

    @Override
    public void removed(Job job) {
        connection.unExportObject(path(job).getPath());
        Signals.send(connection,
                () -> new Builder1.JobRemoved(BusNames.MANAGER_PATH, new UInt32(job.id()), path(job), job.result()));
    }

    private static DBusPath path(Job job) {
        return new DBusPath(ObjectPaths.jobPath(job.id()));
    }

}
