package org.siren.daemon.service;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.auth.Credentials;
import org.siren.daemon.build.CallerFiles;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.job.Job;
import org.siren.daemon.job.JobManager;
import org.siren.daemon.transfer.ExportRequest;
import org.siren.daemon.transfer.ExportRunner;
import org.siren.daemon.transfer.FlattenRunner;
import org.siren.daemon.transfer.ImportRequest;
import org.siren.daemon.transfer.ImportRunner;

/**
 * Starts imports and exports as jobs, after the checks that can be made at once: the name is free (or
 * the image exists), and the caller can read the tarball.
 */
public final class TransferService {

    private final ImageStore store;
    private final JobManager jobs;
    private final ImportRunner importer;
    private final ExportRunner exporter;
    private final FlattenRunner flattener;
    private volatile ImageEvents events = ImageEvents.NONE;

    public TransferService(ImageStore store, JobManager jobs, ImportRunner importer, ExportRunner exporter,
            FlattenRunner flattener) {
        this.store = store;
        this.jobs = jobs;
        this.importer = importer;
        this.exporter = exporter;
        this.flattener = flattener;
    }

    public void setEvents(ImageEvents events) {
        this.events = events;
    }

    public Job startImport(Credentials caller, String path, ImageName name, String version) {
        if (store.find(name).isPresent()) {
            throw new SirenException(Reason.IMAGE_EXISTS, "image " + name + " already exists at "
                    + store.layout().layer(name) + ": import under another name, or remove it first");
        }
        if (version.chars().anyMatch(c -> c < 0x20) || version.length() > 256) {
            throw new SirenException(Reason.INVALID_ARGS, "the version must be one line of at most 256 characters");
        }
        new CallerFiles(caller).readableSize(path);
        long id = jobs.nextId();
        return jobs.start(id, "import", name.value(), caller.uid(), job -> {
            String message = importer.run(new ImportRequest(id, path, name, version, caller), job);
            events.added(name);
            return message;
        });
    }

    public Job startFlatten(long uid, ImageName source, ImageName name) {
        store.get(source);
        java.nio.file.Path target = FlattenRunner.target(store.layout(), name);
        if (store.find(name).isPresent() || java.nio.file.Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new SirenException(Reason.IMAGE_EXISTS, "an image or machine named " + name + " already exists ("
                    + target + "): choose another name");
        }
        long id = jobs.nextId();
        return jobs.start(id, "flatten", name.value(), uid, job -> flattener.run(id, source, name, job));
    }

    public Job startExport(Credentials caller, ImageName name, String path, boolean reproducible) {
        store.get(name);
        long id = jobs.nextId();
        return jobs.start(id, "export", name.value(), caller.uid(),
                job -> exporter.run(new ExportRequest(id, name, path, reproducible, caller), job));
    }
}
