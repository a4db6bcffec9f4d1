package org.siren.client;

import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "completion",
        description = {
            "Print the bash completion script of sirenctl.",
            "",
            "It is installed as /usr/share/bash-completion/completions/sirenctl; zsh can",
            "use it with bashcompinit. To try it now:",
            "  source <(sirenctl completion)",
        })
final class CompletionCommand extends SubCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash("sirenctl", root));
        return 0;
    }
}
