package org.siren.client;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list",
        aliases = "ls",
        description = "List images, containers and bases (needs no authorization).")
final class ListCommand extends SubCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<ImageSummary> images;
        try (SirenBus siren = sirenctl.connect()) {
            images = siren.listImages();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(images.stream().map(ListCommand::asMap).toList()));
            return 0;
        }
        Table table = new Table("NAME", "KIND", "VERSION", "BASE");
        for (ImageSummary image : images) {
            table.add(image.name(), image.kind(), dash(image.version()), dash(image.base()));
        }
        table.print(out);
        out.println();
        out.println(images.size() + (images.size() == 1 ? " image listed." : " images listed."));
        return 0;
    }

    private static Map<String, Object> asMap(ImageSummary image) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", image.name());
        map.put("kind", image.kind());
        map.put("version", image.version());
        map.put("base", image.base());
        map.put("object", image.object().value());
        return map;
    }

    private static String dash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
