package org.siren.client;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cancel",
        description = {
            "Cancel a running build: its container is stopped and nothing of it is kept.",
            "Only whoever started it may, or whom polkit allows org.siren.manage.",
        })
final class CancelCommand extends SubCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The job (see 'sirenctl jobs').")
    long id;

    @Override
    public Integer call() {
        try (SirenBus siren = sirenctl.connect()) {
            siren.cancelJob(siren.getJob(id));
        }
        spec.commandLine().getOut().println("Cancelled job " + id);
        return 0;
    }
}
