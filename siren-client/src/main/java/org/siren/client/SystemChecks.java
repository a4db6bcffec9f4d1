package org.siren.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What 'sirenctl doctor' looks at. Every check runs as the calling user and changes nothing. */
final class SystemChecks {

    static final Path STORE = Path.of("/var/lib/siren");
    private static final int MIN_SYSTEMD = 247;

    private final Supplier<SirenBus> bus;

    SystemChecks(Supplier<SirenBus> bus) {
        this.bus = bus;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(overlayLowers());
        checks.add(systemdVersion());
        checks.add(storeFilesystem());
        checks.add(autofs());
        checks.add(ipForward());
        checks.addAll(services());
        return checks;
    }

    Check overlayLowers() {
        String what = "overlayfs with several lower layers";
        if (!read(Path.of("/proc/filesystems")).contains("overlay")) {
            return Check.fail(what, "the kernel has no overlay filesystem", "modprobe overlay (and add it to /etc/modules)");
        }
        String script = "set -e; d=$(mktemp -d); mount -t tmpfs none \"$d\"; mkdir \"$d/l1\" \"$d/l2\" \"$d/u\" \"$d/w\" \"$d/m\";"
                + " echo 1 > \"$d/l1/a\"; echo 2 > \"$d/l2/b\";"
                + " mount -t overlay overlay -o lowerdir=\"$d/l1:$d/l2\",upperdir=\"$d/u\",workdir=\"$d/w\" \"$d/m\";"
                + " test -f \"$d/m/a\" && test -f \"$d/m/b\"";
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> argv = root ? List.of("unshare", "--mount", "sh", "-c", script)
                : List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script);
        Run result = Run.of(argv);
        if (result.exit == 0) {
            return Check.ok(what, "mounted a 2-lower overlay in a private mount namespace");
        }
        if (!root) {
            return Check.warn(what, "could not try it without privileges (" + result.output + ")",
                    "run 'sudo sirenctl doctor' to test it for real");
        }
        return Check.fail(what, "a test mount failed: " + result.output, "use a kernel with overlayfs (3.18 or later)");
    }

    Check systemdVersion() {
        String what = "systemd " + MIN_SYSTEMD + " or later, with systemd-container";
        Run systemctl = Run.of(List.of("systemctl", "--version"));
        if (systemctl.exit != 0) {
            return Check.fail(what, "systemctl is missing", "siren needs systemd; install it");
        }
        String[] words = systemctl.output.split("\\s+");
        int version = words.length > 1 ? parseInt(words[1]) : -1;
        if (version < MIN_SYSTEMD) {
            return Check.fail(what, "found " + (words.length > 1 ? words[1] : "an unknown version"),
                    "upgrade systemd to " + MIN_SYSTEMD + " or later");
        }
        if (Run.of(List.of("systemd-nspawn", "--version")).exit != 0) {
            return Check.fail(what, "systemd " + version + ", but systemd-nspawn is missing",
                    "apt-get install systemd-container");
        }
        return Check.ok(what, "systemd " + version + " with systemd-nspawn and machinectl");
    }

    Check storeFilesystem() {
        String what = STORE + " not on btrfs";
        Path probe = STORE;
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        try {
            String type = Files.getFileStore(probe).type();
            if (type.equals("btrfs")) {
                return Check.fail(what, probe + " is on btrfs, where machined would use subvolumes instead of siren's"
                        + " layers", "mount another filesystem (ext4, xfs) at " + STORE);
            }
            return Check.ok(what, probe + " is on " + type);
        } catch (IOException e) {
            return Check.warn(what, "cannot tell the filesystem of " + probe + ": " + e.getMessage(), "check 'df -T " + probe + "'");
        }
    }

    Check autofs() {
        String what = "autofs (mount images on first access)";
        if (read(Path.of("/proc/filesystems")).contains("autofs")) {
            return Check.ok(what, "images are mounted by .automount units");
        }
        return Check.warn(what, "the kernel has no autofs; images are mounted at boot by their .mount units instead",
                "nothing needed; 'modprobe autofs4' if you prefer mounting on access");
    }

    Check ipForward() {
        String what = "net.ipv4.ip_forward (network for containers with a virtual ethernet)";
        String value = read(Path.of("/proc/sys/net/ipv4/ip_forward")).trim();
        if (value.equals("1")) {
            return Check.ok(what, "enabled");
        }
        return Check.warn(what, "disabled: containers with --network-veth cannot reach beyond the host",
                "sysctl -w net.ipv4.ip_forward=1, and keep it in /etc/sysctl.d/ (systemd-networkd does this itself)");
    }

    List<Check> services() {
        List<Check> checks = new ArrayList<>();
        try (SirenBus siren = bus.get()) {
            checks.add(siren.hasOwnerOrActivatable("org.freedesktop.PolicyKit1")
                    ? Check.ok("polkit", "org.freedesktop.PolicyKit1 is on the system bus")
                    : Check.fail("polkit", "polkitd is not on the system bus", "apt-get install polkitd"));
            int images = siren.listImages().size();
            checks.add(Check.ok("siren service", "org.siren.Builder answered: " + images + " images"));
        } catch (ClientException e) {
            checks.add(Check.fail("siren service", e.getMessage(), "systemctl enable --now siren; journalctl -u siren"));
        }
        return checks;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** A finished helper program. */
    record Run(int exit, String output) {
        static Run of(List<String> argv) {
            try {
                Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Run(-1, argv.get(0) + " timed out");
                }
                return new Run(process.exitValue(), output);
            } catch (IOException e) {
                return new Run(-1, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Run(-1, "interrupted");
            }
        }
    }
}
