package org.siren.daemon.job;

/** Hears what jobs do; the bus layer turns it into signals. */
public interface JobListener {

    void started(Job job);

    void log(Job job, long index, String line);

    void step(Job job, int number, int total, String text);

    void finished(Job job);

    void removed(Job job);
}
