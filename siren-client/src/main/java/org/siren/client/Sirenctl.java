package org.siren.client;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** sirenctl: the command-line client of the siren service. */
@Command(name = "sirenctl",
        mixinStandardHelpOptions = true,
        versionProvider = Sirenctl.Version.class,
        description = {
            "Build and manage OS containers for systemd-nspawn and machinectl.",
            "",
            "Images are overlayfs layers: /var/lib/siren/NAME holds the files an image adds,",
            "and systemd units that siren writes mount it at /var/lib/machines/NAME, so",
            "'machinectl start NAME' works with no siren process running. polkit decides",
            "who may change images (actions org.siren.*).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  sirenctl build examples/nginx   build image nginx from examples/nginx/build.sh",
            "  sirenctl new web0 nginx        container web0: an empty layer over image nginx",
            "  machinectl start web0          boot it",
            "  sirenctl list                  what images there are",
            "  sirenctl doctor                check that this system can run siren",
            "",
            "Exit status: 0 success, 1 failure, 2 bad usage, 3 no such image,",
            "4 not authorized, 5 service unreachable, 6 invalid name or argument,",
            "7 image busy.",
        })
public final class Sirenctl implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--no-ask-password", scope = CommandLine.ScopeType.INHERIT,
            description = "Do not let polkit ask for a password; fail at once if not authorized.")
    boolean noAskPassword;

    /** Connects to the service; changing calls may ask for a password unless --no-ask-password. */
    SirenBus connect() {
        return SirenBus.connect(!noAskPassword);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed; see 'sirenctl --help'");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Every command, by each of its names and aliases, in the order --help lists them. Building
     * picocli's model of a command costs reflection, which is most of sirenctl's start-up beyond the
     * JVM's own; so only the command asked for is built (CommandLineTest keeps this table in line
     * with the commands' annotations).
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("build", BuildCommand::new);
        commands.put("new", NewCommand::new);
        commands.put("list", ListCommand::new);
        commands.put("ls", ListCommand::new);
        commands.put("inspect", InspectCommand::new);
        commands.put("show", InspectCommand::new);
        commands.put("rm", RemoveCommand::new);
        commands.put("remove", RemoveCommand::new);
        commands.put("rename", RenameCommand::new);
        commands.put("import", ImportCommand::new);
        commands.put("export", ExportCommand::new);
        commands.put("flatten", FlattenCommand::new);
        commands.put("df", DfCommand::new);
        commands.put("prune", PruneCommand::new);
        commands.put("jobs", JobsCommand::new);
        commands.put("logs", LogsCommand::new);
        commands.put("cancel", CancelCommand::new);
        commands.put("doctor", DoctorCommand::new);
        commands.put("completion", CompletionCommand::new);
        commands.put("help", HelpCommand::new);
        return commands;
    }

    /** Runs sirenctl with the given output streams and returns its exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Sirenctl());
        String asked = firstCommandWord(args);
        boolean one = asked != null && COMMANDS.containsKey(asked) && !asked.equals("help") && !asked.equals("completion");
        if (one) {
            cli.addSubcommand(COMMANDS.get(asked).get());
        } else {
            Set<Class<?>> added = new HashSet<>();
            for (Supplier<Object> command : COMMANDS.values()) {
                Object instance = command.get();
                if (added.add(instance.getClass())) {
                    cli.addSubcommand(instance);
                }
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ClientException client) {
                err.println("sirenctl: " + client.getMessage());
                return client.exitCode();
            }
            err.println("sirenctl: unexpected failure: " + e);
            return ClientException.FAILED;
        });
        return cli.execute(args);
    }

    /** The first argument that is not an option of sirenctl itself (which all take no value). */
    static String firstCommandWord(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Sirenctl.class.getPackage().getImplementationVersion();
            return new String[] {"sirenctl " + (version == null ? "(development build)" : version)};
        }
    }
}
