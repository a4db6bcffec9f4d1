package org.siren.daemon.service;

import java.nio.file.Path;

import org.siren.daemon.auth.Credentials;
import org.siren.daemon.build.BuildOutcome;
import org.siren.daemon.build.BuildRequest;
import org.siren.daemon.build.BuildRunner;
import org.siren.daemon.build.BuildScript;
import org.siren.daemon.build.CallerFiles;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.ImageStore;
import org.siren.daemon.job.Job;
import org.siren.daemon.job.JobManager;

/**
 * Starts builds as jobs. What can be checked at once is checked before the job starts, so that a bad
 * request is an error reply, not a failed job: the script is read (as the caller) and parsed, and its
 * FROM image must exist.
 */
public final class BuildService {

    private final ImageStore store;
    private final JobManager jobs;
    private final BuildRunner runner;

    public BuildService(ImageStore store, JobManager jobs, BuildRunner runner) {
        this.store = store;
        this.jobs = jobs;
        this.runner = runner;
    }

    public JobManager jobs() {
        return jobs;
    }

    /** Reads and parses the build script as the caller. */
    public BuildScript readScript(Credentials caller, String contextDir, String buildFile) {
        String file = buildFile == null || buildFile.isEmpty() ? "build.sh" : buildFile;
        String path = Path.of(file).isAbsolute() ? file : Path.of(contextDir, file).toString();
        byte[] bytes = new CallerFiles(caller).read(path, BuildScript.MAX_BYTES);
        BuildScript script = BuildScript.parse(Path.of(path).getFileName().toString(), bytes);
        script.from().ifPresent(store::get);
        return script;
    }

    public Job start(Credentials caller, String contextDir, BuildScript script, boolean noCache) {
        long id = jobs.nextId();
        BuildRequest request = new BuildRequest(id, contextDir, script, noCache, caller);
        String image = script.literalId().map(ImageName::value).orElse("");
        return jobs.start(id, "build", image, caller.uid(), job -> {
            BuildOutcome outcome = runner.run(request, job, job.cancelToken());
            job.setImage(outcome.image().value());
            return outcome.message();
        });
    }
}
