package org.siren.daemon.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.image.StoreLayout;
import org.siren.daemon.job.Job;
import org.siren.daemon.job.JobManager;
import org.siren.daemon.job.JobState;
import org.siren.daemon.system.AtomicFiles;
import org.siren.daemon.system.MountTable;
import org.siren.daemon.units.ImageUnits;
import org.siren.daemon.units.MountUnits;

/**
 * Removes what nothing needs: leftovers of interrupted work that no running job owns, overlay
 * workdirs, unit files and nspawn settings of images that are gone. Never an image, a layer in use,
 * or anything mounted.
 */
public final class PruneService {

    private static final Pattern JOB_DIRECTORY = Pattern.compile("^\\.#(?:build|import|export|flatten)-(\\d+)$");
    private static final Pattern REPLACED_LAYER = Pattern.compile("^\\.#.+\\.replaced-(\\d+)$");

    /** One thing prune removes (or would): its path and why it may go. */
    public record Item(Path path, String reason) {
    }

    private final ImageStore store;
    private final JobManager jobs;

    public PruneService(ImageStore store, JobManager jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    public List<Item> prune(boolean dryRun) {
        List<Item> items = plan();
        if (!dryRun) {
            for (Item item : items) {
                if (Files.isDirectory(item.path()) && !Files.isSymbolicLink(item.path())) {
                    AtomicFiles.deleteTree(item.path());
                } else {
                    MountUnits.deleteOwnFile(item.path());
                }
            }
        }
        return items;
    }

    List<Item> plan() {
        Set<Long> running = jobs.list().stream().filter(j -> j.state() == JobState.RUNNING).map(Job::id)
                .collect(Collectors.toSet());
        List<Item> items = new ArrayList<>();
        StoreLayout layout = store.layout();
        for (Path leftover : store.stagingLeftovers()) {
            if (!ownedBy(leftover, running) && MountTable.mountsUnder(leftover).isEmpty()) {
                items.add(new Item(leftover, "left over by interrupted work"));
            }
        }
        for (Path leftover : listing(layout.machines(), StoreLayout.STAGING_PREFIX + "flatten-*")) {
            if (!ownedBy(leftover, running)) {
                items.add(new Item(leftover, "left over by an interrupted flatten"));
            }
        }
        for (Path work : listing(layout.stateDir().resolve("work"), "*")) {
            String name = work.getFileName().toString();
            if (!ImageName.isValid(name) || store.find(ImageName.parse(name)).isEmpty()) {
                items.add(new Item(work, "the overlay workdir of an image that is gone"));
            }
        }
        for (Path settings : listing(layout.nspawnDir(), "*.nspawn")) {
            String file = settings.getFileName().toString();
            String name = file.substring(0, file.length() - ".nspawn".length());
            if (ImageName.isValid(name) && store.find(ImageName.parse(name)).isEmpty() && !MountUnits.isForeign(settings)) {
                items.add(new Item(settings, "the nspawn settings of an image that is gone"));
            }
        }
        for (Path unit : listing(layout.unitDir(), "*.{mount,automount}")) {
            StoreRecovery.ownerOf(unit).filter(name -> store.find(name).isEmpty())
                    .filter(name -> !MountTable.isMountPoint(ImageUnits.of(name, layout).mountPoint()))
                    .ifPresent(name -> items.add(new Item(unit, "a unit of image " + name + ", which is gone")));
        }
        return items;
    }

    private static boolean ownedBy(Path leftover, Set<Long> running) {
        String name = leftover.getFileName().toString();
        for (Pattern pattern : List.of(JOB_DIRECTORY, REPLACED_LAYER)) {
            Matcher m = pattern.matcher(name);
            if (m.matches() && running.contains(Long.parseLong(m.group(1)))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> listing(Path dir, String glob) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            entries.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return found;
    }
}
