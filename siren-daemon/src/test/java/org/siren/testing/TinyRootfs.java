package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small OS tree made from the host's own binaries and their libraries (a few MB, made in well under
 * a second): enough for systemd-nspawn to run commands in it. Bases made with debootstrap are for the
 * build tests.
 */
public final class TinyRootfs {

    private static final List<String> PROGRAMS = List.of("/bin/sh", "/bin/true", "/bin/false", "/bin/cat", "/bin/ls",
            "/bin/echo", "/bin/mkdir", "/bin/touch", "/bin/rm", "/usr/bin/id", "/usr/bin/env", "/bin/stat", "/bin/sleep",
            "/usr/bin/find", "/bin/cp", "/bin/ln", "/bin/sed", "/usr/bin/dirname", "/bin/chmod", "/usr/bin/cut",
            "/usr/bin/getent", "/usr/bin/setpriv", "/usr/bin/whoami", "/usr/bin/tr", "/bin/bash");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[^\\s]*)");

    private TinyRootfs() {
    }

    public static void create(Path root) {
        try {
            for (String dir : List.of("bin", "usr/bin", "usr/lib", "etc", "proc", "sys", "dev", "run", "tmp", "var/tmp",
                    "root", "var/log")) {
                Files.createDirectories(root.resolve(dir));
            }
            Set<String> files = new LinkedHashSet<>();
            for (String program : PROGRAMS) {
                String real = Path.of(program).toRealPath().toString();
                files.add(real);
                files.addAll(libraries(real));
            }
            for (String file : files) {
                copy(Path.of(file), root);
            }
            for (String program : PROGRAMS) {
                Path target = root.resolve(program.substring(1));
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target.getParent());
                    copy(Path.of(program).toRealPath(), root);
                    Files.copy(Path.of(program).toRealPath(), target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            String osRelease = "ID=sirentest\nNAME=\"siren test tree\"\nVERSION_ID=1\n";
            Files.writeString(root.resolve("usr/lib/os-release"), osRelease);
            Files.writeString(root.resolve("etc/os-release"), osRelease);
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
            Files.writeString(root.resolve("etc/base-file"), "from the base\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a test root at " + root, e);
        }
    }

    private static Set<String> libraries(String binary) {
        Set<String> libs = new LinkedHashSet<>();
        Processes.Result ldd = Processes.run(List.of("ldd", binary));
        Matcher m = LIBRARY.matcher(ldd.stdout());
        while (m.find()) {
            libs.add(m.group(1));
        }
        return libs;
    }

    private static void copy(Path file, Path root) throws IOException {
        Path target = root.resolve(file.toString().substring(1));
        Files.createDirectories(target.getParent());
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        if (Files.isSymbolicLink(file)) {
            copy(file.toRealPath(), root);
        }
    }
}
