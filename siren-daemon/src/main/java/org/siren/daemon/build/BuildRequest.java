package org.siren.daemon.build;

import java.util.Objects;

import org.siren.daemon.auth.Credentials;

/** One build: the caller's context directory and script (already read and parsed), and its options. */
public record BuildRequest(long jobId, String contextDir, BuildScript script, boolean noCache, Credentials caller) {

    public BuildRequest {
        Objects.requireNonNull(contextDir, "contextDir");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(caller, "caller");
    }
}
