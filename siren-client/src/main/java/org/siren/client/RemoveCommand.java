package org.siren.client;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rm",
        aliases = "remove",
        description = {
            "Remove images or containers.",
            "",
            "Their mount units are stopped, disabled and deleted, then their layer. Refused",
            "while other images are built on one, or while a machine of that name runs.",
        })
final class RemoveCommand extends SubCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Images or containers to remove.")
    List<String> names;

    @Override
    public Integer call() {
        try (SirenBus siren = sirenctl.connect()) {
            for (String name : names) {
                siren.removeImage(name);
                spec.commandLine().getOut().println("Removed " + name);
            }
        }
        return 0;
    }
}
