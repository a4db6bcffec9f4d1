package org.siren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.siren.daemon.system.MountTable;
import org.siren.daemon.units.Systemd;

/**
 * Stands in for systemd as PID 1, which cannot run in the integration tier on this machine (the
 * system tier uses the real one). It acts on the unit files siren wrote, as systemd would: enable
 * makes the [Install] WantedBy= symlinks, starting a .mount unit runs mount(8) with its What=, Type=,
 * Where= and Options=, starting an .automount mounts its .mount unit (as a first access would), and
 * stop unmounts. So the generated unit text itself is what mounts the overlay in these tests.
 */
public final class FakeSystemd implements Systemd {

    private final Path unitDir;
    private final Set<String> activeAutomounts = ConcurrentHashMap.newKeySet();
    private volatile int reloads;
    /** Each unit's text as this systemd read it: at first use after a reload, as the real one loads on demand. */
    private final Map<String, List<String>> loaded = new ConcurrentHashMap<>();

    public FakeSystemd(Path unitDir) {
        this.unitDir = unitDir;
    }

    public int reloads() {
        return reloads;
    }

    @Override
    public void reload() {
        reloads++;
        loaded.clear();
    }

    @Override
    public boolean needsReload(String unit) {
        Path file = unitDir.resolve(unit);
        if (!Files.exists(file)) {
            return true;
        }
        List<String> seen = loaded.get(unit);
        return seen != null && !seen.equals(read(unit));
    }

    @Override
    public void enable(List<String> units) {
        for (String unit : units) {
            String wantedBy = section(unit, "Install").get("WantedBy");
            if (wantedBy == null) {
                throw new IllegalStateException(unit + " has no [Install] WantedBy=, so it cannot be enabled");
            }
            Path link = unitDir.resolve(wantedBy + ".wants").resolve(unit);
            try {
                Files.createDirectories(link.getParent());
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, unitDir.resolve(unit));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void disable(List<String> units) {
        try (var wants = Files.newDirectoryStream(unitDir, "*.wants")) {
            for (Path dir : wants) {
                for (String unit : units) {
                    Files.deleteIfExists(dir.resolve(unit));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isEnabled(String unit) {
        try (var wants = Files.newDirectoryStream(unitDir, "*.wants")) {
            for (Path dir : wants) {
                if (Files.exists(dir.resolve(unit), LinkOption.NOFOLLOW_LINKS)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start(String unit) {
        if (unit.endsWith(".automount")) {
            activeAutomounts.add(unit);
            start(unit.replaceFirst("\\.automount$", ".mount"));
            return;
        }
        Map<String, String> mount = section(unit, "Mount");
        Path where = Path.of(mount.get("Where"));
        if (MountTable.isMountPoint(where)) {
            return;
        }
        Processes.check(List.of("mount", "-t", mount.get("Type"), "-o", mount.get("Options"), mount.get("What"),
                where.toString()));
    }

    @Override
    public void stop(String unit) {
        if (unit.endsWith(".automount")) {
            activeAutomounts.remove(unit);
            return;
        }
        if (!Files.exists(unitDir.resolve(unit))) {
            return;
        }
        Path where = Path.of(section(unit, "Mount").get("Where"));
        if (MountTable.isMountPoint(where)) {
            Processes.check(List.of("umount", where.toString()));
        }
    }

    @Override
    public boolean isActive(String unit) {
        if (unit.endsWith(".automount")) {
            return activeAutomounts.contains(unit);
        }
        Path file = unitDir.resolve(unit);
        return Files.exists(file) && MountTable.isMountPoint(Path.of(section(unit, "Mount").get("Where")));
    }

    /** Forgets automounts, as a reboot would; mounts stay as the kernel has them. */
    public void forgetAutomounts() {
        activeAutomounts.clear();
    }

    /** A section of the unit as this systemd loaded it (a changed file is not seen until a reload). */
    private Map<String, String> section(String unit, String name) {
        Map<String, String> values = new HashMap<>();
        String current = "";
        for (String line : loaded.computeIfAbsent(unit, this::read)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                current = trimmed.substring(1, trimmed.length() - 1);
            } else if (current.equals(name) && trimmed.contains("=") && !trimmed.startsWith("#")) {
                int eq = trimmed.indexOf('=');
                values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return values;
    }

    private List<String> read(String unit) {
        try {
            return Files.readAllLines(unitDir.resolve(unit));
        } catch (IOException e) {
            throw new UncheckedIOException("unit " + unit + " cannot be read: " + e.getMessage(), e);
        }
    }
}
