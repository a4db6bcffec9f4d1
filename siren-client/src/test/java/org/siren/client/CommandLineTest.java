package org.siren.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** sirenctl's own parsing, help and output formats, without a bus. */
class CommandLineTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Sirenctl.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"build", "new", "list", "inspect", "rm", "rename", "import", "export", "flatten", "df",
        "prune", "jobs", "logs", "cancel", "doctor", "completion"})
    void everyCommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: sirenctl " + command), r.out());
    }

    @Test
    void topLevelHelpTeachesTheCommandsAndExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String word : List.of("new", "list", "inspect", "rm", "doctor", "completion", "machinectl start web0",
                "4 not authorized")) {
            assertTrue(r.out().contains(word), word + " missing from:\n" + r.out());
        }
    }

    @Test
    void theTableOfCommandsMatchesTheirAnnotations() {
        java.util.Map<String, Class<?>> declared = new java.util.HashMap<>();
        for (String name : Sirenctl.COMMANDS) {
            Class<?> type = Sirenctl.command(name).getClass();
            picocli.CommandLine.Command annotation = type.getAnnotation(picocli.CommandLine.Command.class);
            declared.put(annotation.name(), type);
            for (String alias : annotation.aliases()) {
                declared.put(alias, type);
            }
        }
        assertEquals(declared.keySet(), java.util.Set.copyOf(Sirenctl.COMMANDS));
        Sirenctl.COMMANDS.forEach(name -> assertEquals(declared.get(name), Sirenctl.command(name).getClass(), name));
    }

    @Test
    void optionsBeforeTheCommandAreSkipped() {
        assertEquals("new", Sirenctl.firstCommandWord(new String[] {"--no-ask-password", "new", "a", "b"}));
        assertEquals(null, Sirenctl.firstCommandWord(new String[] {"--help"}));
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatListsTheCommands() {
        Run r = run("nonsense");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Unmatched argument"), r.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Run r = run();
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("a command is needed"), r.err());
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        Run r = run("new", "web0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'BASE'"), r.err());
    }

    @Test
    void completionIsABashScript() {
        Run r = run("completion");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("complete -F"), r.out());
        assertTrue(r.out().contains("inspect"), r.out());
    }

    @Test
    void jsonEscapesWhatItMust() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("s", "a\"b\\c\nd\u0001");
        map.put("n", 5L);
        map.put("b", true);
        map.put("l", List.of("x", 1));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":5,\"b\":true,\"l\":[\"x\",1]}", Json.write(map));
    }

    @Test
    void errorNamesMapToExitCodes() {
        assertEquals(ClientException.NOT_AUTHORIZED,
                ErrorReplies.toClientException("org.siren.Error.NotAuthorized", "x").exitCode());
        assertEquals(ClientException.NO_SUCH_IMAGE,
                ErrorReplies.toClientException("org.siren.Error.NoSuchImage", "x").exitCode());
        assertEquals(ClientException.UNREACHABLE,
                ErrorReplies.toClientException("org.freedesktop.DBus.Error.ServiceUnknown", "x").exitCode());
        assertEquals(ClientException.FAILED,
                ErrorReplies.toClientException("org.example.Other", "").exitCode());
        assertEquals("org.example.Other", ErrorReplies.toClientException("org.example.Other", "").getMessage());
    }

    @Test
    void sizesAreHumane() {
        assertEquals("512 B", Sizes.human(512));
        assertEquals("1.5 KiB", Sizes.human(1536));
        assertEquals("2.0 GiB", Sizes.human(2L << 30));
    }
}
