package org.siren.client;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** sirenctl: the command-line client of the siren service. */
@Command(name = "sirenctl",
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

    @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @CommandLine.Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean versionRequested;

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
     * JVM's own; so only the command asked for is built, and only its class is loaded
     * (CommandLineTest keeps this list in line with the commands' annotations).
     */
    static final List<String> COMMANDS = List.of("build", "new", "list", "ls", "inspect", "show", "rm", "remove",
            "rename", "import", "export", "flatten", "df", "prune", "jobs", "logs", "cancel", "doctor", "completion",
            "help");

    /** A new instance of the command of this name or alias. */
    static Object command(String name) {
        return switch (name) {
            case "build" -> new BuildCommand();
            case "new" -> new NewCommand();
            case "list", "ls" -> new ListCommand();
            case "inspect", "show" -> new InspectCommand();
            case "rm", "remove" -> new RemoveCommand();
            case "rename" -> new RenameCommand();
            case "import" -> new ImportCommand();
            case "export" -> new ExportCommand();
            case "flatten" -> new FlattenCommand();
            case "df" -> new DfCommand();
            case "prune" -> new PruneCommand();
            case "jobs" -> new JobsCommand();
            case "logs" -> new LogsCommand();
            case "cancel" -> new CancelCommand();
            case "doctor" -> new DoctorCommand();
            case "completion" -> new CompletionCommand();
            case "help" -> new HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** Runs sirenctl with the given output streams and returns its exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Sirenctl());
        String asked = firstCommandWord(args);
        boolean one = asked != null && COMMANDS.contains(asked) && !asked.equals("help") && !asked.equals("completion");
        if (one) {
            cli.addSubcommand(command(asked));
        } else {
            Set<Class<?>> added = new HashSet<>();
            for (String name : COMMANDS) {
                Object instance = command(name);
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
