package org.siren.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "new",
        description = {
            "Create container NAME as an empty overlay layer over image BASE.",
            "",
            "Nothing of BASE is copied, so this takes the same time whatever BASE's size.",
            "NAME's own files (logs, state) land in /var/lib/siren/NAME; BASE stays",
            "unchanged and can be shared by many containers.",
        },
        footerHeading = "%nExample:%n",
        footer = {"  sirenctl new web0 web && machinectl start web0"})
final class NewCommand extends SubCommand implements Callable<Integer> {

    /** Chains deeper than this get the advice to flatten. */
    static final int DEEP = 64;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the new container (a valid machine name).")
    String name;

    @Parameters(index = "1", paramLabel = "BASE", description = "Image to build it on (see 'sirenctl list').")
    String base;

    @Override
    public Integer call() {
        int layers;
        try (SirenBus siren = sirenctl.connect()) {
            siren.newContainer(name, base);
            layers = ((java.util.List<?>) siren.imageProperties(name).get("Layers")).size();
        }
        spec.commandLine().getOut().println("Created container " + name + " on " + base + ". Start it with:"
                + System.lineSeparator() + "  machinectl start " + name);
        if (layers > DEEP) {
            spec.commandLine().getErr().println("Note: " + name + " has " + layers + " layers; every lookup of a"
                    + " file passes through them. 'sirenctl flatten " + base + " NEW' makes one layer of them.");
        }
        return 0;
    }
}
