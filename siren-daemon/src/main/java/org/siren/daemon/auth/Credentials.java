package org.siren.daemon.auth;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The user and groups behind a caller's bus connection, as the bus daemon reports them. Helper
 * processes that read the caller's files run with exactly these.
 */
public record Credentials(long uid, long gid, List<Long> groups) {

    public Credentials {
        groups = List.copyOf(groups);
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("invalid credentials uid=" + uid + " gid=" + gid);
        }
    }

    /** setpriv(1) arguments that become this user, with no privileges left to regain. */
    public List<String> setprivArguments() {
        String supplementary = groups.isEmpty() ? "" : groups.stream().map(String::valueOf).collect(Collectors.joining(","));
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                supplementary.isEmpty() ? "--clear-groups" : "--groups=" + supplementary,
                "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--reset-env", "--");
    }
}
