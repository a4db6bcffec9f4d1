package org.siren.daemon.build;

/** What a build tells while it runs. Steps never print; the bus layer turns these into signals. */
public interface BuildEvents {

    /** One line of output. */
    void log(String line);

    /** A command of build.sh starts: step {@code number} of {@code total}, its text. */
    void step(int number, int total, String text);
}
