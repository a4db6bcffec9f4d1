package org.siren.daemon.bus;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.siren.daemon.auth.Action;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.auth.Authorizer;
import org.siren.daemon.auth.Caller;
import org.siren.daemon.auth.Credentials;
import org.siren.daemon.build.BuildScript;
import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.job.Job;
import org.siren.daemon.service.BuildService;
import org.siren.daemon.service.DiskUsage;
import org.siren.daemon.service.ImageService;
import org.siren.daemon.service.PruneService;
import org.siren.daemon.service.TransferService;
import org.siren.dbus.BusNames;
import org.siren.dbus.Builder1;
import org.siren.dbus.ImageEntry;
import org.siren.dbus.JobEntry;
import org.siren.dbus.PruneEntry;
import org.siren.dbus.UsageEntry;
import org.siren.dbus.ObjectPaths;

/**
 * The manager object. Each changing method validates its arguments, then asks polkit, and only then
 * touches anything; read-only methods are open to every caller.
 */
public final class BuilderObject implements Builder1 {

    static final String NO_CACHE = "no-cache";
    static final String VERSION = "version";
    static final String REPRODUCIBLE = "reproducible";
    static final String DRY_RUN = "dry-run";

    private final ImageService images;
    private final BuildService builds;
    private final TransferService transfers;
    private final PruneService prune;
    private final Authorizer authorizer;
    private final CallerCredentials credentials;
    private final ImageRegistry registry;

    BuilderObject(ImageService images, BuildService builds, TransferService transfers, PruneService prune,
            Authorizer authorizer, CallerCredentials credentials, ImageRegistry registry) {
        this.images = images;
        this.builds = builds;
        this.transfers = transfers;
        this.prune = prune;
        this.authorizer = authorizer;
        this.credentials = credentials;
        this.registry = registry;
    }

    @Override
    public String getObjectPath() {
        return BusNames.MANAGER_PATH;
    }

    @Override
    public List<ImageEntry> ListImages() {
        return ErrorMapping.reply("ListImages", () -> {
            List<ImageMetadata> all = images.store().list();
            registry.sync(all);
            return all.stream().map(BuilderObject::entry).toList();
        });
    }

    @Override
    public DBusPath GetImage(String name) {
        return ErrorMapping.reply("GetImage", () -> {
            ImageName image = ImageName.parse(name);
            images.store().get(image);
            registry.export(image);
            return new DBusPath(ObjectPaths.imagePath(image.value()));
        });
    }

    @Override
    public DBusPath NewContainer(String name, String base, Map<String, Variant<?>> options) {
        return ErrorMapping.reply("NewContainer", () -> {
            ImageName container = ImageName.parse(name);
            ImageName baseImage = ImageName.parse(base);
            Options.of("NewContainer", options, Set.of());
            authorizer.authorize(Callers.current(), Action.MANAGE);
            images.newContainer(container, baseImage);
            return new DBusPath(ObjectPaths.imagePath(container.value()));
        });
    }

    @Override
    public void RemoveImage(String name, Map<String, Variant<?>> options) {
        ErrorMapping.run("RemoveImage", () -> {
            ImageName image = ImageName.parse(name);
            Options.of("RemoveImage", options, Set.of());
            authorizer.authorize(Callers.current(), Action.MANAGE);
            images.remove(image);
        });
    }

    @Override
    public DBusPath Build(String contextDir, String buildFile, Map<String, Variant<?>> options) {
        return ErrorMapping.reply("Build", () -> {
            Options parsed = Options.of("Build", options, Set.of(NO_CACHE));
            Caller caller = Callers.current();
            authorizer.authorize(caller, Action.BUILD);
            Credentials who = credentials.of(caller);
            BuildScript script = builds.readScript(who, contextDir, buildFile);
            if (script.from().isEmpty()) {
                authorizer.authorize(caller, Action.BOOTSTRAP);
            }
            Job job = builds.start(who, contextDir, script, parsed.flag(NO_CACHE));
            return new DBusPath(ObjectPaths.jobPath(job.id()));
        });
    }

    @Override
    public DBusPath ImportTar(String path, String name, Map<String, Variant<?>> options) {
        return ErrorMapping.reply("ImportTar", () -> {
            ImageName image = ImageName.parse(name);
            Options parsed = Options.of("ImportTar", options, Set.of(VERSION));
            return startJob(Action.IMPORT, who -> transfers.startImport(who, path, image, parsed.text(VERSION)));
        });
    }

    @Override
    public DBusPath ExportTar(String name, String path, Map<String, Variant<?>> options) {
        return ErrorMapping.reply("ExportTar", () -> {
            ImageName image = ImageName.parse(name);
            Options parsed = Options.of("ExportTar", options, Set.of(REPRODUCIBLE));
            return startJob(Action.EXPORT, who -> transfers.startExport(who, image, path, parsed.flag(REPRODUCIBLE)));
        });
    }

    @Override
    public DBusPath Flatten(String name, String newName, Map<String, Variant<?>> options) {
        return ErrorMapping.reply("Flatten", () -> {
            ImageName source = ImageName.parse(name);
            ImageName target = ImageName.parse(newName);
            Options.of("Flatten", options, Set.of());
            return startJob(Action.MANAGE, who -> transfers.startFlatten(who.uid(), source, target));
        });
    }

    /** Authorizes the caller for {@code action}, then starts a job with the caller's credentials. */
    private DBusPath startJob(Action action, java.util.function.Function<Credentials, Job> start) {
        Caller caller = Callers.current();
        authorizer.authorize(caller, action);
        Job job = start.apply(credentials.of(caller));
        return new DBusPath(ObjectPaths.jobPath(job.id()));
    }

    @Override
    public List<PruneEntry> Prune(Map<String, Variant<?>> options) {
        return ErrorMapping.reply("Prune", () -> {
            Options parsed = Options.of("Prune", options, Set.of(DRY_RUN));
            authorizer.authorize(Callers.current(), Action.MANAGE);
            return prune.prune(parsed.flag(DRY_RUN)).stream()
                    .map(item -> new PruneEntry(item.path().toString(), item.reason())).toList();
        });
    }

    @Override
    public List<UsageEntry> DiskUsage() {
        return ErrorMapping.reply("DiskUsage", () -> new DiskUsage(images.store()).all().stream()
                .map(u -> new UsageEntry(u.image().name().value(), u.image().kind().wireName(), new UInt64(u.ownBytes()),
                        new UInt64(u.chainBytes())))
                .toList());
    }

    @Override
    public List<JobEntry> ListJobs() {
        return ErrorMapping.reply("ListJobs", () -> builds.jobs().list().stream()
                .map(job -> new JobEntry(new UInt32(job.id()), job.kind(), job.image(), job.state().wireName(),
                        new UInt32(job.startedByUid()), new DBusPath(ObjectPaths.jobPath(job.id()))))
                .toList());
    }

    @Override
    public DBusPath GetJob(UInt32 id) {
        return ErrorMapping.reply("GetJob", () -> {
            Job job = builds.jobs().get(id.longValue()).orElseThrow(() -> new SirenException(Reason.NO_SUCH_JOB,
                    "no job " + id + ": 'sirenctl jobs' lists the jobs there are (finished ones stay for a few minutes)"));
            return new DBusPath(ObjectPaths.jobPath(job.id()));
        });
    }

    @Override
    public DBusPath RenameImage(String name, String newName, Map<String, Variant<?>> options) {
        return ErrorMapping.reply("RenameImage", () -> {
            ImageName from = ImageName.parse(name);
            ImageName to = ImageName.parse(newName);
            Options.of("RenameImage", options, Set.of());
            authorizer.authorize(Callers.current(), Action.MANAGE);
            images.rename(from, to);
            return new DBusPath(ObjectPaths.imagePath(to.value()));
        });
    }

    private static ImageEntry entry(ImageMetadata meta) {
        return new ImageEntry(meta.name().value(), meta.version(), meta.base().map(ImageName::value).orElse(""),
                meta.kind().wireName(), new DBusPath(ObjectPaths.imagePath(meta.name().value())));
    }
}
