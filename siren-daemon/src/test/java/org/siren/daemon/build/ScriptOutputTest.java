package org.siren.daemon.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScriptOutputTest {

    private final List<String> seen = new ArrayList<>();
    private final BuildEvents events = new BuildEvents() {
        @Override
        public void log(String line) {
            seen.add("log " + line);
        }

        @Override
        public void step(int number, int total, String text) {
            seen.add("step " + number + "/" + total + " " + text);
        }
    };

    @Test
    void markersWithThisBuildsNonceBecomeStepsOnceEach() {
        BuildScript script = BuildScript.parse("build.sh", "FROM base\nID a 1\nfor i in 1 2; do\n  echo $i\ndone\n"
                .getBytes(StandardCharsets.UTF_8));
        ScriptOutput output = new ScriptOutput(script, "abc", events);
        output.line("\036siren-step abc 1");
        output.line("\036siren-step abc 3");
        output.line("\036siren-step abc 4");
        output.line("1");
        output.line("\036siren-step abc 3");
        output.line("\036siren-step abc 4");
        output.line("2");
        output.line("\036siren-step other 2");
        output.line("Attempted to remove disk file system under \"/run/systemd/nspawn/propagate/x\", and we can't allow that.");
        assertEquals(List.of("step 1/5 FROM base", "step 3/5 for i in 1 2; do", "step 4/5 echo $i", "log 1", "log 2",
                "log \036siren-step other 2"), seen);
    }
}
