package org.siren.client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.siren.client.bus.ObjectPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export",
        description = {
            "Write an image's merged view (all its layers) as a tarball.",
            "",
            "FILE is written with your permissions, compressed by its name: .tar, .tar.gz,",
            ".tar.xz or .tar.zst. Owners are numeric; extended attributes are kept.",
        },
        footerHeading = "%nExample:%n",
        footer = {"  sirenctl export nginx nginx.tar.zst --reproducible"})
final class ExportCommand extends SubCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The image or container.")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "Where to write the tarball.")
    Path file;

    @Option(names = "--reproducible",
            description = "Make the same bytes every time: sorted names, every time set to the image's creation.")
    boolean reproducible;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SirenBus siren = sirenctl.connect()) {
            JobFollower follower = JobFollower.subscribe(siren);
            ObjectPath job = siren.exportTar(name, file.toAbsolutePath().normalize().toString(), reproducible);
            String message = JobRun.followToSuccess(siren, follower, job, true, out, spec.commandLine().getErr(),
                    "export");
            out.println(message + ".");
            return 0;
        }
    }
}
