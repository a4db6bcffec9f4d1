package org.siren.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "jobs",
        description = "List running builds, and finished ones for a few minutes.")
final class JobsCommand extends SubCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<JobSummary> jobs;
        try (SirenBus siren = sirenctl.connect()) {
            jobs = siren.listJobs();
        }
        PrintWriter out = spec.commandLine().getOut();
        Table table = new Table("ID", "KIND", "IMAGE", "STATE", "UID");
        for (JobSummary job : jobs) {
            table.add(Long.toString(job.id()), job.kind(), job.image().isEmpty() ? "-" : job.image(), job.state(),
                    Long.toString(job.startedByUid()));
        }
        table.print(out);
        out.println();
        out.println(jobs.size() + (jobs.size() == 1 ? " job listed." : " jobs listed."));
        return 0;
    }
}
