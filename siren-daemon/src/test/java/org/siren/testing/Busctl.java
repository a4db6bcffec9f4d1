package org.siren.testing;

import java.util.ArrayList;
import java.util.List;

/** busctl against the private bus, as root or as another user. */
public final class Busctl {

    private final String address;
    private final String user;

    private Busctl(String address, String user) {
        this.address = address;
        this.user = user;
    }

    public static Busctl asRoot(String address) {
        return new Busctl(address, null);
    }

    public static Busctl asUser(String address, String user) {
        return new Busctl(address, user);
    }

    public Processes.Result run(String... args) {
        List<String> argv = new ArrayList<>();
        if (user != null) {
            argv.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--reset-env"));
        }
        argv.add("busctl");
        argv.add("--address=" + address);
        argv.addAll(List.of(args));
        return Processes.run(argv);
    }

    /** A method call on the siren manager. */
    public Processes.Result callManager(String method, String... args) {
        List<String> argv = new ArrayList<>(List.of("call", "--", "org.siren.Builder", "/org/siren/Builder",
                "org.siren.Builder1", method));
        argv.addAll(List.of(args));
        return run(argv.toArray(String[]::new));
    }
}
