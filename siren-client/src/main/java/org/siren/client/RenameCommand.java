package org.siren.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rename",
        description = {
            "Rename an image or container, with its mount point and units.",
            "Refused while other images are built on it or a machine of that name runs.",
        })
final class RenameCommand extends SubCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The image or container.")
    String name;

    @Parameters(index = "1", paramLabel = "NEW", description = "Its new name.")
    String newName;

    @Override
    public Integer call() {
        try (SirenBus siren = sirenctl.connect()) {
            siren.rename(name, newName);
        }
        spec.commandLine().getOut().println("Renamed " + name + " to " + newName);
        return 0;
    }
}
