package org.siren.client;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect",
        aliases = "show",
        description = {
            "Show an image's properties.",
            "",
            "Its kind, version, base, layers (its own first), mount point and state, the",
            "size of its own files, and the images built on it.",
        })
final class InspectCommand extends SubCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The image or container.")
    String name;

    @Option(names = "--json", description = "Print a JSON object with the D-Bus property names.")
    boolean json;

    @Override
    public Integer call() {
        Map<String, Object> props;
        try (SirenBus siren = sirenctl.connect()) {
            props = siren.imageProperties(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(props));
            return 0;
        }
        out.println("        Name: " + props.get("Name"));
        out.println("        Kind: " + props.get("Kind"));
        out.println("     Version: " + orDash(props.get("Version")));
        out.println("        Base: " + orDash(props.get("Base")));
        out.println("       Layer: " + props.get("Path"));
        out.println(" Mount point: " + orDash(props.get("MountPoint")) + (Boolean.TRUE.equals(props.get("Mounted"))
                ? " (mounted)" : ""));
        out.println("   Own files: " + Sizes.human(((Number) props.get("UsageBytes")).longValue()));
        out.println("     Created: " + Instant.ofEpochSecond(((Number) props.get("Created")).longValue() / 1_000_000L));
        List<?> layers = (List<?>) props.get("Layers");
        out.println("      Layers: " + layers.size());
        for (Object layer : layers) {
            out.println("              " + layer);
        }
        List<?> dependents = (List<?>) props.get("Dependents");
        out.println("  Dependents: " + (dependents.isEmpty() ? "-" : String.join(", ", dependents.stream()
                .map(String::valueOf).toList())));
        return 0;
    }

    private static String orDash(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }
}
