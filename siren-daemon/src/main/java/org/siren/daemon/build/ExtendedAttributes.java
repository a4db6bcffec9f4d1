package org.siren.daemon.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.siren.daemon.system.Command;

/**
 * The extended attributes of a tar entry (pax SCHILY.xattr.*), set with setfattr(1) without following
 * links (Java can set only user.* attributes). The tar parser hands values over as UTF-8 text, so a
 * value that is not (a binary file capability) is refused rather than kept wrong.
 */
final class ExtendedAttributes {

    private static final String PREFIX = "SCHILY.xattr.";

    private ExtendedAttributes() {
    }

    static void apply(Path target, TarArchiveEntry entry) throws IOException {
        Map<String, String> headers = entry.getExtraPaxHeaders();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!header.getKey().startsWith(PREFIX)) {
                continue;
            }
            String name = header.getKey().substring(PREFIX.length());
            if (header.getValue().indexOf('\uFFFD') >= 0) {
                throw new IOException("entry \"" + entry.getName() + "\" has the extended attribute " + name
                        + " with bytes that are not UTF-8; siren cannot keep it exactly, so it does not unpack it");
            }
            List<String> argv = new ArrayList<>(List.of("setfattr", "--no-dereference", "-n", name, "-v",
                    "0x" + hex(header.getValue()), target.toString()));
            Command.Result result = Command.run(argv);
            if (!result.succeeded()) {
                throw new IOException("cannot set the extended attribute " + name + " of " + target + ": "
                        + result.output());
            }
        }
    }

    private static String hex(String value) {
        return java.util.HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
