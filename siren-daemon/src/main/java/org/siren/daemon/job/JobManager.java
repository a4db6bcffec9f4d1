package org.siren.daemon.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.siren.daemon.SirenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on their own threads and keeps them listed: while they run, and for a while after they
 * finish so that their output can still be read.
 */
public final class JobManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "job");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-reaper");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private final long keepFinishedMillis;
    private volatile JobListener listener = new NoListener();

    public JobManager(Clock clock, long keepFinishedMillis) {
        this.clock = clock;
        this.keepFinishedMillis = keepFinishedMillis;
    }

    public void setListener(JobListener listener) {
        this.listener = listener;
    }

    /** The id the next job will have (for directories named before the job starts). */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /**
     * Starts {@code work} as job {@code id}; its return value is the success message, a thrown
     * exception the failure (or the cancellation, if the job was cancelled).
     */
    public Job start(long id, String kind, String image, long uid, Function<Job, String> work) {
        Job job = new Job(id, kind, image, uid, clock.instant(), new Forwarder());
        jobs.put(id, job);
        listener.started(job);
        workers.execute(() -> run(job, work));
        return job;
    }

    private void run(Job job, Function<Job, String> work) {
        try {
            String message = work.apply(job);
            job.finish(JobState.SUCCEEDED, message);
        } catch (RuntimeException e) {
            if (job.cancelToken().isCancelled()) {
                job.finish(JobState.CANCELLED, "cancelled; nothing of the build was kept");
            } else {
                if (!(e instanceof SirenException)) {
                    LOG.error("job {} failed", job.id(), e);
                }
                job.finish(JobState.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        } finally {
            reaper.schedule(() -> remove(job), keepFinishedMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void remove(Job job) {
        if (jobs.remove(job.id()) != null) {
            listener.removed(job);
        }
    }

    public Optional<Job> get(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public List<Job> list() {
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort((a, b) -> Long.compare(a.id(), b.id()));
        return all;
    }

    @Override
    public void close() {
        for (Job job : jobs.values()) {
            job.cancelToken().cancel();
        }
        workers.shutdown();
        reaper.shutdownNow();
    }

    /** Lets jobs reach whatever listener is set now. */
    private final class Forwarder implements JobListener {
        @Override
        public void started(Job job) {
            listener.started(job);
        }

        @Override
        public void log(Job job, long index, String line) {
            listener.log(job, index, line);
        }

        @Override
        public void step(Job job, int number, int total, String text) {
            listener.step(job, number, total, text);
        }

        @Override
        public void finished(Job job) {
            listener.finished(job);
        }

        @Override
        public void removed(Job job) {
            listener.removed(job);
        }
    }

    private static final class NoListener implements JobListener {
        @Override
        public void started(Job job) {
        }

        @Override
        public void log(Job job, long index, String line) {
        }

        @Override
        public void step(Job job, int number, int total, String text) {
        }

        @Override
        public void finished(Job job) {
        }

        @Override
        public void removed(Job job) {
        }
    }
}
