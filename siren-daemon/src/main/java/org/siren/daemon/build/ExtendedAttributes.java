package org.siren.daemon.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.siren.daemon.system.Command;

/**
 * The extended attributes (pax SCHILY.xattr.*) and POSIX ACLs (SCHILY.acl.*, as text) of a tar
 * entry, set with setfattr(1) and setfacl(1) without following links (Java can set only user.*
 * attributes). The tar parser hands values over as UTF-8 text, so a
 * value that is not (a binary file capability) is refused rather than kept wrong.
 */
final class ExtendedAttributes {

    private static final String PREFIX = "SCHILY.xattr.";
    private static final String ACCESS_ACL = "SCHILY.acl.access";
    private static final String DEFAULT_ACL = "SCHILY.acl.default";

    private ExtendedAttributes() {
    }

    static void apply(Path target, TarArchiveEntry entry) throws IOException {
        Map<String, String> headers = entry.getExtraPaxHeaders();
        acl(target, headers.get(ACCESS_ACL), false);
        acl(target, headers.get(DEFAULT_ACL), true);
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

    /** POSIX ACLs, which GNU tar --acls stores as text (user::rwx,group::r-x,...). */
    private static void acl(Path target, String text, boolean isDefault) throws IOException {
        if (text == null || text.isBlank()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("setfacl", "--physical"));
        if (isDefault) {
            argv.add("--default");
        }
        argv.addAll(List.of("--set", text.replace('\n', ','), target.toString()));
        Command.Result result = Command.run(argv);
        if (!result.succeeded()) {
            throw new IOException("cannot set the " + (isDefault ? "default " : "") + "ACL of " + target + ": "
                    + result.output());
        }
    }

    private static String hex(String value) {
        return java.util.HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
