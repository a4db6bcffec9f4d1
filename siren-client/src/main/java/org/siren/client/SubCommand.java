package org.siren.client;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every sirenctl command has, declared once: -h/--help, and what picocli injects, sirenctl itself
 * (for --no-ask-password and the connection) and the command's own model (for its output streams).
 * (picocli's standard-help mixin also gave each command a -V that printed nothing, and a model of
 * its own to build at every start.)
 */
abstract class SubCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @ParentCommand
    Sirenctl sirenctl;

    @Spec
    CommandSpec spec;
}
