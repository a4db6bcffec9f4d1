package org.siren.daemon.build;

/**
 * Reads the build container's output: step markers (written by siren's shell library, tagged with
 * this build's nonce) become steps, systemd-nspawn's own exit chatter is dropped, the rest is log.
 */
final class ScriptOutput {

    private static final String MARKER = "\036siren-step ";
    private static final String NSPAWN_NOISE = "Attempted to remove disk file system under \"/run/systemd/nspawn/propagate/";

    private final BuildScript script;
    private final String nonce;
    private final BuildEvents events;
    private int lastStep;

    ScriptOutput(BuildScript script, String nonce, BuildEvents events) {
        this.script = script;
        this.nonce = nonce;
        this.events = events;
    }

    void line(String line) {
        int marker = line.indexOf(MARKER + nonce + " ");
        if (marker >= 0) {
            if (marker > 0) {
                events.log(line.substring(0, marker));
            }
            step(line.substring(marker + MARKER.length() + nonce.length() + 1).trim());
            return;
        }
        if (line.startsWith(NSPAWN_NOISE)) {
            return;
        }
        events.log(line);
    }

    private void step(String lineNumber) {
        int line;
        try {
            line = Integer.parseInt(lineNumber);
        } catch (NumberFormatException e) {
            return;
        }
        int number = script.stepNumber(line);
        if (number > lastStep) {
            lastStep = number;
            events.step(number, script.stepLines().size(), script.line(line));
        }
    }
}
