package org.siren.daemon.job;

import java.util.Locale;

public enum JobState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
