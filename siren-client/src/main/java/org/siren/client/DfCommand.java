package org.siren.client;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

@Command(name = "df",
        description = {
            "Show the disk space images take.",
            "",
            "OWN is what an image's own layer holds; CHAIN adds every layer under it (what a",
            "copy of the image would take). Layers are shared, so the total counts each once.",
        })
final class DfCommand extends SubCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<List<?>> usage;
        try (SirenBus siren = sirenctl.connect()) {
            usage = siren.diskUsage();
        }
        PrintWriter out = spec.commandLine().getOut();
        Table table = new Table("NAME", "KIND", "OWN", "CHAIN");
        long total = 0;
        for (List<?> row : usage) {
            long own = ((Number) row.get(2)).longValue();
            total += own;
            table.add((String) row.get(0), (String) row.get(1), Sizes.human(own), Sizes.human(((Number) row.get(3)).longValue()));
        }
        table.print(out);
        out.println();
        out.println("Total: " + Sizes.human(total) + " in " + usage.size() + (usage.size() == 1 ? " image." : " images."));
        return 0;
    }
}
