package org.siren.client;

import java.io.PrintWriter;

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
        subcommands = {
            BuildCommand.class,
            NewCommand.class,
            ListCommand.class,
            InspectCommand.class,
            RemoveCommand.class,
            RenameCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            FlattenCommand.class,
            DfCommand.class,
            PruneCommand.class,
            JobsCommand.class,
            LogsCommand.class,
            CancelCommand.class,
            DoctorCommand.class,
            CompletionCommand.class,
            HelpCommand.class,
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

    /** Runs sirenctl with the given output streams and returns its exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Sirenctl());
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Sirenctl.class.getPackage().getImplementationVersion();
            return new String[] {"sirenctl " + (version == null ? "(development build)" : version)};
        }
    }
}
