package org.siren.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.siren.client.bus.ObjectPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "logs",
        description = {
            "Print a job's output from its start, and follow it until it finishes.",
            "Exits 0 if the job succeeded, 1 if it failed or was cancelled.",
        })
final class LogsCommand extends SubCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The job (see 'sirenctl jobs').")
    long id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (SirenBus siren = sirenctl.connect()) {
            JobFollower follower = JobFollower.subscribe(siren);
            ObjectPath job = siren.getJob(id);
            List<String> past = siren.jobOutput(job, 0);
            past.forEach(out::println);
            JobFollower.Ending ending = follower.endingIfFinished(job);
            if (ending == null) {
                ending = follower.follow(job, past.size(), false, out);
            }
            if (!ending.succeeded()) {
                throw new ClientException(ClientException.FAILED, "job " + id + " " + ending.result() + ": "
                        + ending.message());
            }
            out.println(ending.message());
            return 0;
        }
    }
}
