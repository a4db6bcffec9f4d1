package org.siren.client;

import picocli.CommandLine.Option;

/**
 * What every sirenctl command has: -h/--help, declared once. (picocli's standard-help mixin also gave
 * each command a -V that printed nothing, and a model of its own to build at every start.)
 */
abstract class SubCommand {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;
}
