package org.siren.daemon.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.ImageName;

/**
 * Runs build.sh, with siren's shell library, in one container on the new layer's overlay:
 * systemd-nspawn without user namespacing (which would chown, and so copy up, the whole base), the
 * context read-only as working directory, $root=/. Nothing of the script runs on the host.
 */
final class RunScriptStep {

    static final String LIBRARY_RESOURCE = "siren.sh";
    private static final String IN_CONTAINER = "/run/siren";
    private static final String SCRIPT = IN_CONTAINER + "/lib/build.sh";

    private final BuildScript script;
    private final BuildStaging staging;
    private final long jobId;
    private final String baseVersion;
    private final BuildEvents events;
    private final CancelToken cancel;

    RunScriptStep(BuildScript script, BuildStaging staging, long jobId, String baseVersion, BuildEvents events,
            CancelToken cancel) {
        this.script = script;
        this.staging = staging;
        this.jobId = jobId;
        this.baseVersion = baseVersion;
        this.events = events;
        this.cancel = cancel;
    }

    /** Runs the script; returns the ID it gave, or throws naming the line that failed. */
    ImageId call() {
        writeLibrary(staging.lib(), script);
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String nonce = HexFormat.of().formatHex(random);
        ScriptOutput output = new ScriptOutput(script, nonce, events);
        int exit = ContainerProcess.run(nspawn(nonce), output::line, cancel);
        cancel.check();
        BuildReport report = BuildReport.read(staging.report());
        if (exit != 0) {
            throw failure(script, report, exit);
        }
        return ImageId.from(report, script);
    }

    private List<String> nspawn(String nonce) {
        List<String> argv = new ArrayList<>(List.of("systemd-nspawn", "--quiet", "--register=no", "--keep-unit",
                "--as-pid2", "--console=pipe", "--private-users=no", "--resolv-conf=bind-host", "--timezone=off",
                "--link-journal=no", "--machine=siren-build-" + jobId,
                "--directory=" + staging.merged(),
                "--bind-ro=" + staging.context() + ":" + IN_CONTAINER + "/context",
                "--bind-ro=" + staging.lib() + ":" + IN_CONTAINER + "/lib",
                "--bind=" + staging.report() + ":" + IN_CONTAINER + "/report",
                "--chdir=" + IN_CONTAINER + "/context",
                "--setenv=root=/",
                "--setenv=DEBIAN_FRONTEND=noninteractive",
                "--setenv=base_version=" + baseVersion,
                "--setenv=SIREN_NONCE=" + nonce,
                "--setenv=SIREN_SCRIPT=" + SCRIPT));
        argv.addAll(shell(IN_CONTAINER + "/lib/siren", SCRIPT));
        return argv;
    }

    /**
     * bash where the root has it, with siren's library loaded through BASH_ENV (for steps and failing
     * line numbers); plain sh otherwise. Either way $0 is the script.
     */
    static List<String> shell(String library, String scriptPath) {
        String pick = "if command -v bash >/dev/null 2>&1; then BASH_ENV=\"$1\" exec bash \"$2\";"
                + " else exec sh -c '. \"$1\"; . \"$0\"' \"$2\" \"$1\"; fi";
        return List.of("/bin/sh", "-c", pick, "sh", library, scriptPath);
    }

    static void writeLibrary(Path lib, BuildScript script) {
        try (InputStream in = RunScriptStep.class.getResourceAsStream(LIBRARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("siren's shell library " + LIBRARY_RESOURCE + " is missing from the jar");
            }
            Files.write(lib.resolve("siren"), in.readAllBytes());
            Files.write(lib.resolve("build.sh"), script.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the build script to " + lib + ": " + e.getMessage(), e);
        }
    }

    static SirenException failure(BuildScript script, BuildReport report, int exit) {
        Optional<List<String>> failed = report.failure();
        if (failed.isPresent() && failed.get().size() >= 2) {
            int line = parse(failed.get().get(0));
            String status = failed.get().get(1).trim();
            if (line > 0) {
                return new SirenException(Reason.FAILED, script.fileName() + ":" + line + ": " + script.line(line)
                        + ": exit status " + status);
            }
        }
        return new SirenException(Reason.FAILED, script.fileName() + " failed with exit status " + exit);
    }

    private static int parse(String number) {
        try {
            return Integer.parseInt(number.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The name and version the script's ID gave. */
    record ImageId(ImageName name, String version) {

        static ImageId from(BuildReport report, BuildScript script) {
            List<String> id = report.id().orElseThrow(() -> new SirenException(Reason.INVALID_ARGS, script.fileName()
                    + " never called ID: add a line such as 'ID myimage 1.0' to name the image it builds"));
            String name = id.get(0).trim();
            if (!ImageName.isValid(name)) {
                ImageName.parse(name);
            }
            String version = id.size() > 1 ? id.get(1).trim() : "";
            if (version.chars().anyMatch(c -> c < 0x20) || version.length() > 256) {
                throw new SirenException(Reason.INVALID_ARGS, script.fileName() + ": the version given to ID must be"
                        + " one line of at most 256 characters");
            }
            return new ImageId(ImageName.parse(name), version);
        }
    }
}
