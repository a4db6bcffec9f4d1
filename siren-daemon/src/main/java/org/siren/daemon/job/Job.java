package org.siren.daemon.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.siren.daemon.build.BuildEvents;
import org.siren.daemon.build.CancelToken;

/**
 * One long piece of work (a build), with its output kept so that a follower who comes later sees it
 * from the start. Outlives the caller that started it.
 */
public final class Job implements BuildEvents {

    /** Older lines are dropped beyond this; indexes keep counting. */
    static final int MAX_LINES = 20_000;

    private final long id;
    private final String kind;
    private final long startedByUid;
    private final Instant started;
    private final CancelToken cancel = new CancelToken();
    private final JobListener listener;
    private final List<String> lines = new ArrayList<>();
    private long firstIndex;
    private volatile String image;
    private volatile JobState state = JobState.RUNNING;
    private volatile String result = "";
    private volatile String message = "";
    private volatile int step;
    private volatile int steps;
    private volatile double measured = -1;

    Job(long id, String kind, String image, long startedByUid, Instant started, JobListener listener) {
        this.id = id;
        this.kind = Objects.requireNonNull(kind);
        this.image = Objects.requireNonNull(image);
        this.startedByUid = startedByUid;
        this.started = started;
        this.listener = listener;
    }

    public long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String image() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public long startedByUid() {
        return startedByUid;
    }

    public Instant started() {
        return started;
    }

    public JobState state() {
        return state;
    }

    /** "done", "failed", "cancelled" or "" while running; for the Finished signal. */
    public String result() {
        return result;
    }

    public String message() {
        return message;
    }

    public CancelToken cancelToken() {
        return cancel;
    }

    /** The fraction done, 0 to 1: as measured (bytes), or else of steps started. */
    public double progress() {
        if (state != JobState.RUNNING) {
            return 1;
        }
        if (measured >= 0) {
            return measured;
        }
        return steps == 0 ? 0 : Math.min(1.0, (double) step / steps);
    }

    /** Sets the fraction done of work that is measured in bytes. */
    public void progress(double fraction) {
        measured = Math.max(0, Math.min(1, fraction));
    }

    @Override
    public void log(String line) {
        long index;
        synchronized (lines) {
            if (lines.size() == MAX_LINES) {
                lines.remove(0);
                firstIndex++;
            }
            lines.add(line);
            index = firstIndex + lines.size() - 1;
        }
        listener.log(this, index, line);
    }

    @Override
    public void step(int number, int total, String text) {
        step = number;
        steps = total;
        listener.step(this, number, total, text);
    }

    /** The output from line {@code from} on (or from the oldest kept), and the index of its first line. */
    public Output output(long from) {
        synchronized (lines) {
            long start = Math.max(from, firstIndex);
            int offset = (int) Math.min(lines.size(), start - firstIndex);
            return new Output(start, List.copyOf(lines.subList(offset, lines.size())));
        }
    }

    /** How many lines of output there have been (the index the next one will get). */
    public long lineCount() {
        synchronized (lines) {
            return firstIndex + lines.size();
        }
    }

    /** Lines of output with the index of the first. */
    public record Output(long first, List<String> lines) {
    }

    void finish(JobState end, String text) {
        message = text;
        result = switch (end) {
            case SUCCEEDED -> "done";
            case CANCELLED -> "cancelled";
            default -> "failed";
        };
        state = end;
        listener.finished(this);
    }
}
