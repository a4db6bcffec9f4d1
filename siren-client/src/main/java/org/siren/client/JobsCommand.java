package org.siren.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.siren.dbus.JobEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(mixinStandardHelpOptions = true,
        name = "jobs",
        description = "List running builds, and finished ones for a few minutes.")
final class JobsCommand implements Callable<Integer> {

    @ParentCommand
    Sirenctl sirenctl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<JobEntry> jobs;
        try (SirenBus siren = sirenctl.connect()) {
            jobs = siren.listJobs();
        }
        PrintWriter out = spec.commandLine().getOut();
        Table table = new Table("ID", "KIND", "IMAGE", "STATE", "UID");
        for (JobEntry job : jobs) {
            table.add(job.getId().toString(), job.getKind(), job.getImage().isEmpty() ? "-" : job.getImage(),
                    job.getState(), job.getStartedByUid().toString());
        }
        table.print(out);
        out.println();
        out.println(jobs.size() + (jobs.size() == 1 ? " job listed." : " jobs listed."));
        return 0;
    }
}
