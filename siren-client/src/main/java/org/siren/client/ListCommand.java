package org.siren.client;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.siren.dbus.ImageEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(mixinStandardHelpOptions = true,
        name = "list",
        aliases = "ls",
        description = "List images, containers and bases (needs no authorization).")
final class ListCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @ParentCommand
    Sirenctl sirenctl;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ImageEntry> images;
        try (SirenBus siren = sirenctl.connect()) {
            images = siren.listImages();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(images.stream().map(ListCommand::asMap).toList()));
            return 0;
        }
        Table table = new Table("NAME", "KIND", "VERSION", "BASE");
        for (ImageEntry image : images) {
            table.add(image.getName(), image.getKind(), dash(image.getVersion()), dash(image.getBase()));
        }
        table.print(out);
        out.println();
        out.println(images.size() + (images.size() == 1 ? " image listed." : " images listed."));
        return 0;
    }

    private static Map<String, Object> asMap(ImageEntry image) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", image.getName());
        map.put("kind", image.getKind());
        map.put("version", image.getVersion());
        map.put("base", image.getBase());
        map.put("object", image.getObjectPath().getPath());
        return map;
    }

    private static String dash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
