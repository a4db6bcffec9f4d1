package org.siren.dbus;

import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * The manager interface, exported at {@link BusNames#MANAGER_PATH}. Methods that may grow take an
 * {@code a{sv}} options dictionary; an unknown key is refused with org.siren.Error.InvalidArgs.
 */
@DBusInterfaceName("org.siren.Builder1")
@SuppressWarnings("checkstyle:MethodName")
public interface Builder1 extends DBusInterface {

    /** Every image, container and hand-made base in the store. Needs no authorization. */
    List<ImageEntry> ListImages();

    /** The object path of one image; org.siren.Error.NoSuchImage when there is none. */
    DBusPath GetImage(String name);

    /**
     * Creates container {@code name} as an empty overlay layer over image {@code base}, writes and
     * enables its mount units, and returns its object path. polkit action org.siren.manage.
     */
    DBusPath NewContainer(String name, String base, Map<String, Variant<?>> options);

    /**
     * Stops and removes the image's units, then deletes its layer. Refused while other images are
     * built on it or a machine of that name runs. polkit action org.siren.manage.
     */
    void RemoveImage(String name, Map<String, Variant<?>> options);

    /**
     * Renames an image, and its units and mount point with it. Refused while other images are built on
     * it or a machine of that name runs. polkit action org.siren.manage.
     */
    DBusPath RenameImage(String name, String newName, Map<String, Variant<?>> options);

    /**
     * Builds an image from {@code buildFile} (relative to {@code contextDir}, or absolute) with the
     * directory {@code contextDir} as context, both read with the caller's own permissions. Returns the
     * job at once. Options: "no-cache" (b). polkit action org.siren.build, or org.siren.bootstrap for a
     * script without FROM.
     */
    DBusPath Build(String contextDir, String buildFile, Map<String, Variant<?>> options);

    /**
     * Unpacks the tarball at {@code path} (.tar, .tar.gz, .tar.xz or .tar.zst; read with the caller's
     * own permissions, decompressed by a helper running as the caller) as a new base image
     * {@code name}. Returns the job at once. Options: "version" (s). polkit action org.siren.import.
     */
    DBusPath ImportTar(String path, String name, Map<String, Variant<?>> options);

    /**
     * Writes the merged view of image {@code name} as a tarball at {@code path} (compressed by its
     * extension), written with the caller's own permissions. Returns the job at once. Options:
     * "reproducible" (b): sorted names, owners as numbers, every time set to the image's creation.
     * polkit action org.siren.export.
     */
    DBusPath ExportTar(String name, String path, Map<String, Variant<?>> options);

    /**
     * Copies the merged view of image {@code name} into a standalone directory image at
     * /var/lib/machines/{@code newName}: no overlay and no chain, managed by machinectl from then on.
     * Returns the job at once. polkit action org.siren.manage.
     */
    DBusPath Flatten(String name, String newName, Map<String, Variant<?>> options);

    /**
     * Removes what nothing needs: leftovers of interrupted work no running job owns, and workdirs,
     * units and nspawn settings of images that are gone; never an image or anything in use. Returns
     * what was (with "dry-run" (b): would be) removed. polkit action org.siren.manage.
     */
    List<PruneEntry> Prune(Map<String, Variant<?>> options);

    /** Disk use of every image: its own layer, and its whole chain. Needs no authorization. */
    List<UsageEntry> DiskUsage();

    /** Running jobs, and finished ones for a few minutes. */
    List<JobEntry> ListJobs();

    /** The object of one job; org.siren.Error.NoSuchJob when there is none. */
    DBusPath GetJob(UInt32 id);

    class JobNew extends DBusSignal {
        private final UInt32 id;
        private final DBusPath job;

        public JobNew(String path, UInt32 id, DBusPath job) throws DBusException {
            super(path, id, job);
            this.id = id;
            this.job = job;
        }

        public UInt32 getId() {
            return id;
        }

        public DBusPath getJob() {
            return job;
        }
    }

    class JobRemoved extends DBusSignal {
        private final UInt32 id;
        private final DBusPath job;
        private final String result;

        public JobRemoved(String path, UInt32 id, DBusPath job, String result) throws DBusException {
            super(path, id, job, result);
            this.id = id;
            this.job = job;
            this.result = result;
        }

        public UInt32 getId() {
            return id;
        }

        public DBusPath getJob() {
            return job;
        }

        public String getResult() {
            return result;
        }
    }

    class ImageAdded extends DBusSignal {
        private final String name;
        private final DBusPath image;

        public ImageAdded(String path, String name, DBusPath image) throws DBusException {
            super(path, name, image);
            this.name = name;
            this.image = image;
        }

        public String getName() {
            return name;
        }

        public DBusPath getImage() {
            return image;
        }
    }

    class ImageRemoved extends DBusSignal {
        private final String name;
        private final DBusPath image;

        public ImageRemoved(String path, String name, DBusPath image) throws DBusException {
            super(path, name, image);
            this.name = name;
            this.image = image;
        }

        public String getName() {
            return name;
        }

        public DBusPath getImage() {
            return image;
        }
    }
}
