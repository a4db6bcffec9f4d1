package org.siren.client;

import picocli.CommandLine.Option;

/** Options of every command that talks to the service. */
final class BusOptions {

    @Option(names = "--no-ask-password",
            description = "Do not let polkit ask for a password; fail at once if not authorized.")
    boolean noAskPassword;

    SirenBus connect() {
        return SirenBus.connect(!noAskPassword);
    }
}
