package org.siren.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians of repeated wall-clock measurements. */
final class Timing {

    private Timing() {
    }

    /** Something to time once; may prepare and clean up around the timed part itself. */
    interface Run {
        long nanos() throws Exception;
    }

    static double medianMillis(int runs, Run run) throws Exception {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(run.nanos());
        }
        Collections.sort(samples);
        int n = samples.size();
        double median = n % 2 == 1 ? samples.get(n / 2) : (samples.get(n / 2 - 1) + samples.get(n / 2)) / 2.0;
        return median / 1e6;
    }

    static long time(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return System.nanoTime() - start;
    }
}
