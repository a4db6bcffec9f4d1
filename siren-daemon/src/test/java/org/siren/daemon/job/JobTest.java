package org.siren.daemon.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.siren.daemon.SirenException;
import org.siren.testing.Waits;

class JobTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final JobListener listener = new JobListener() {
        @Override
        public void started(Job job) {
            heard.add("started " + job.id());
        }

        @Override
        public void log(Job job, long index, String line) {
            heard.add(index + ":" + line);
        }

        @Override
        public void step(Job job, int number, int total, String text) {
            heard.add("step " + number);
        }

        @Override
        public void finished(Job job) {
            heard.add("finished " + job.result() + " " + job.message());
        }

        @Override
        public void removed(Job job) {
            heard.add("removed " + job.id());
        }
    };

    @Test
    void aJobRunsReportsAndIsRemovedLater() {
        try (JobManager jobs = new JobManager(Clock.systemUTC(), 50)) {
            jobs.setListener(listener);
            double[] midway = {-1};
            Job job = jobs.start(jobs.nextId(), "build", "x", 1000, j -> {
                j.log("one");
                j.step(1, 2, "RUN a");
                midway[0] = j.progress();
                j.log("two");
                return "Built x";
            });
            Waits.until("the job to be removed", 5_000, () -> jobs.get(job.id()).isEmpty());
            assertEquals(List.of("started 1", "0:one", "step 1", "1:two", "finished done Built x", "removed 1"), heard);
            assertEquals(JobState.SUCCEEDED, job.state());
            assertEquals(List.of("two"), job.output(1).lines());
            assertEquals(0.5, midway[0], "one step of two started");
            assertEquals(1.0, job.progress(), "finished");
        }
    }

    @Test
    void failuresAndCancellationsAreTold() {
        try (JobManager jobs = new JobManager(Clock.systemUTC(), 60_000)) {
            Job failed = jobs.start(jobs.nextId(), "build", "", 0, j -> {
                throw new SirenException(SirenException.Reason.FAILED, "build.sh:3: false: exit status 1");
            });
            Job cancelled = jobs.start(jobs.nextId(), "build", "", 0, j -> {
                j.cancelToken().cancel();
                j.cancelToken().check();
                return "unreachable";
            });
            Waits.until("both to end", 5_000,
                    () -> failed.state() != JobState.RUNNING && cancelled.state() != JobState.RUNNING);
            assertEquals("failed", failed.result());
            assertEquals("build.sh:3: false: exit status 1", failed.message());
            assertEquals(JobState.CANCELLED, cancelled.state());
            assertTrue(cancelled.message().startsWith("cancelled"));
            assertEquals(2, jobs.list().size());
        }
    }

    @Test
    void outputKeepsTheNewestLinesAndKeepsCounting() {
        Job job = new Job(1, "build", "", 0, java.time.Instant.EPOCH, listener);
        for (int i = 0; i < Job.MAX_LINES + 5; i++) {
            job.log("line " + i);
        }
        Job.Output all = job.output(0);
        assertEquals(5, all.first());
        assertEquals(Job.MAX_LINES, all.lines().size());
        assertEquals("line 5", all.lines().get(0));
        assertEquals(Job.MAX_LINES + 5, job.lineCount());
        assertEquals(List.of(), job.output(job.lineCount()).lines());
    }
}
