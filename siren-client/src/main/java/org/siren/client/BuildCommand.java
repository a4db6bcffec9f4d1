package org.siren.client;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.siren.client.bus.ObjectPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "build",
        description = {
            "Build an image from DIR/build.sh, with DIR as the build context.",
            "",
            "build.sh is a shell script with instructions in the style of a Dockerfile:",
            "  FROM debian            the image to build on (a literal name; none for a base)",
            "  ID nginx 1.0           the name and version of the image (may be computed)",
            "  RUN [-u USER] CMD...   run a command in the image",
            "  ENABLE nginx           systemctl enable a unit in the image",
            "  SET /etc/hostname web  write a file in the image",
            "  CMD /usr/bin/app       write /run.sh that execs the command",
            "and plain shell lines that edit $root; relative paths are in DIR.",
            "A script with FROM runs wholly inside the new image's container. DIR is read",
            "with your permissions; paths listed in DIR/.sirenignore are left out.",
            "When the base, build.sh and DIR are unchanged since the image was built, the",
            "build finishes at once ('up to date').",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sirenctl build examples/nginx && machinectl start nginx",
            "  sirenctl build -f debug.sh .",
        })
final class BuildCommand extends SubCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The build context (default: the current directory).")
    Path dir;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The build script, relative to the current directory (default: DIR/build.sh).")
    Path file;

    @Option(names = {"-q", "--quiet"}, description = "Print only the name of the image built.")
    boolean quiet;

    @Option(names = "--detach", description = "Start the build, print its job id and return; it goes on.")
    boolean detach;

    @Option(names = "--no-cache", description = "Build even when nothing changed since the last build.")
    boolean noCache;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String context = dir.toAbsolutePath().normalize().toString();
        String script = file == null ? "build.sh" : file.toAbsolutePath().normalize().toString();
        try (SirenBus siren = sirenctl.connect()) {
            JobFollower follower = JobFollower.subscribe(siren);
            ObjectPath job = siren.build(context, script, noCache);
            if (detach) {
                out.println("Started build job " + JobRun.id(job) + ". Follow it with: sirenctl logs " + JobRun.id(job));
                return 0;
            }
            JobFollower.Ending ending = JobRun.follow(siren, follower, job, quiet, out, spec.commandLine().getErr(),
                    "build");
            return report(ending, siren.jobProperties(job), out);
        }
    }

    private int report(JobFollower.Ending ending, java.util.Map<String, Object> job, PrintWriter out) {
        if (!ending.succeeded()) {
            throw new ClientException(ClientException.FAILED, "build " + ending.result() + ": " + ending.message());
        }
        String image = String.valueOf(job.get("Image"));
        if (quiet) {
            out.println(image);
        } else {
            out.println(ending.message() + ".");
            out.println("Start it with: machinectl start " + image);
        }
        return 0;
    }
}
