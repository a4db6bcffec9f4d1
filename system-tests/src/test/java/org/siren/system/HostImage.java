package org.siren.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.siren.testing.Processes;
import org.siren.testing.SirenEnvironment;

/**
 * The Docker image of the test host, made by system-tests/host/build-image.sh from debootstrap. Its
 * tag carries the script's digest, so it is made once and reused until the script changes.
 */
final class HostImage {

    private HostImage() {
    }

    static String ensure() {
        Path script = SirenEnvironment.projectRoot().resolve("system-tests/host/build-image.sh");
        String tag = "siren-system-host:" + digest(script).substring(0, 16);
        Processes.Result r = Processes.run(List.of("sh", script.toString(), tag));
        if (r.exit() != 0) {
            throw new IllegalStateException("cannot make the test host image " + tag + ":\n" + r.all());
        }
        return tag;
    }

    private static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
