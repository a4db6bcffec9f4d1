package org.siren.daemon.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs the script of a base (no FROM) with the host's tools, in the sandbox of
 * bootstrap-sandbox.sh: new mount, pid, ipc and uts namespaces, everything read-only but the new
 * layer and the report, private /tmp, a reduced capability bounding set. Needs the polkit action
 * org.siren.bootstrap, which administrators keep.
 */
final class BootstrapStep {

    private static final String SANDBOX_RESOURCE = "bootstrap-sandbox.sh";

    private final BuildScript script;
    private final BuildStaging staging;
    private final BuildEvents events;
    private final CancelToken cancel;

    BootstrapStep(BuildScript script, BuildStaging staging, BuildEvents events, CancelToken cancel) {
        this.script = script;
        this.staging = staging;
        this.events = events;
        this.cancel = cancel;
    }

    RunScriptStep.ImageId call() {
        RunScriptStep.writeLibrary(staging.lib(), script);
        Path sandbox = writeSandbox(staging.root());
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        ScriptOutput output = new ScriptOutput(script, nonce, events);
        List<String> argv = List.of("env", "SIREN_NONCE=" + nonce, "unshare", "--mount", "--pid", "--fork", "--ipc",
                "--uts", "--kill-child", "sh", sandbox.toString(), staging.upper().toString(),
                staging.context().toString(), staging.lib().toString(), staging.report().toString());
        int exit = ContainerProcess.run(argv, output::line, cancel);
        cancel.check();
        BuildReport report = BuildReport.read(staging.report());
        if (exit != 0) {
            throw RunScriptStep.failure(script, report, exit);
        }
        return RunScriptStep.ImageId.from(report, script);
    }

    private static Path writeSandbox(Path dir) {
        try (InputStream in = BootstrapStep.class.getResourceAsStream(SANDBOX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SANDBOX_RESOURCE + " is missing from the jar");
            }
            Path file = dir.resolve("sandbox.sh");
            Files.write(file, in.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap sandbox to " + dir + ": " + e.getMessage(), e);
        }
    }
}
