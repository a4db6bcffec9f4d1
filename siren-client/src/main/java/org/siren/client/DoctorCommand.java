package org.siren.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "doctor",
        description = {
            "Check that this system can run siren.",
            "",
            "Looks at overlayfs with several lower layers, systemd and systemd-nspawn, the",
            "filesystem of /var/lib/siren, autofs, IP forwarding, polkit and the siren",
            "service. Each problem comes with its fix. Exits 1 if any check FAILs.",
        })
final class DoctorCommand extends SubCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Check> checks = new SystemChecks(sirenctl::connect).run();
        boolean failed = false;
        for (Check check : checks) {
            out.printf("%-4s  %s: %s%n", check.status().label, check.what(), check.detail());
            if (!check.fix().isEmpty()) {
                out.println("      fix: " + check.fix());
            }
            failed |= check.status() == Check.Status.FAIL;
        }
        return failed ? 1 : 0;
    }
}
