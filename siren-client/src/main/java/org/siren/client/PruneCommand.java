package org.siren.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prune",
        description = {
            "Remove what nothing needs.",
            "",
            "That is: leftovers of interrupted builds, imports and exports that no running",
            "job owns, and the overlay workdirs, units and nspawn settings of images that are",
            "gone. Never an image, a container or anything in use: remove those with rm.",
        })
final class PruneCommand extends SubCommand implements Callable<Integer> {

    @Option(names = {"-n", "--dry-run"}, description = "Only list what would be removed.")
    boolean dryRun;

    @Override
    public Integer call() {
        List<String[]> removed;
        try (SirenBus siren = sirenctl.connect()) {
            removed = siren.prune(dryRun);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String[] item : removed) {
            out.println((dryRun ? "would remove " : "removed ") + item[0] + ": " + item[1]);
        }
        out.println(removed.isEmpty() ? "Nothing to prune." : removed.size() + (dryRun ? " to remove." : " removed."));
        return 0;
    }
}
