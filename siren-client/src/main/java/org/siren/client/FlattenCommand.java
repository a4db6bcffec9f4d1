package org.siren.client;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.siren.client.bus.ObjectPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "flatten",
        description = {
            "Copy an image's layers into one standalone directory image.",
            "",
            "NEW is written at /var/lib/machines/NEW, with no overlay and no chain: it runs",
            "where overlayfs does not, and machinectl manages it from then on (start, clone,",
            "export-tar, remove). NAME stays as it is.",
        },
        footerHeading = "%nExample:%n",
        footer = {"  sirenctl flatten nginx nginx-flat && machinectl start nginx-flat"})
final class FlattenCommand extends SubCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The image or container to flatten.")
    String name;

    @Parameters(index = "1", paramLabel = "NEW", description = "The name of the standalone image.")
    String newName;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SirenBus siren = sirenctl.connect()) {
            JobFollower follower = JobFollower.subscribe(siren);
            ObjectPath job = siren.flatten(name, newName);
            String message = JobRun.followToSuccess(siren, follower, job, false, out, spec.commandLine().getErr(),
                    "flatten");
            out.println(message);
            return 0;
        }
    }
}
