package org.siren.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.siren.dbus.BusNames;
import org.siren.dbus.ImageEntry;
import org.siren.dbus.JobEntry;

/**
 * sirenctl's connection to org.siren.Builder on the system bus ($DBUS_SYSTEM_BUS_ADDRESS if set).
 * Changing calls carry ALLOW_INTERACTIVE_AUTHORIZATION unless the user said --no-ask-password.
 */
public final class SirenBus implements AutoCloseable {

    private static final String MANAGER_IFACE = "org.siren.Builder1";
    private static final String JOB_IFACE = "org.siren.Job1";
    private static final long TIMEOUT_MS = 25_000;
    private static final long INTERACTIVE_TIMEOUT_MS = 300_000;

    private final DBusConnection connection;
    private final boolean interactive;
    private TerminalAgent agent;

    private SirenBus(DBusConnection connection, boolean interactive) {
        this.connection = connection;
        this.interactive = interactive;
    }

    public static SirenBus connect(boolean interactive) {
        String address = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        java.nio.file.Path socket = socketOf(address == null ? "unix:path=/run/dbus/system_bus_socket" : address);
        if (socket != null && !java.nio.file.Files.exists(socket)) {
            throw new ClientException(ClientException.UNREACHABLE, "cannot connect to the system bus"
                    + (address == null ? "" : " at " + address) + ": " + socket + " does not exist; is dbus running?"
                    + " ('systemctl status dbus')");
        }
        try {
            return new SirenBus(DBusConnectionBuilder.forSystemBus().withShared(false).build(), interactive);
        } catch (DBusException | RuntimeException e) {
            throw new ClientException(ClientException.UNREACHABLE, "cannot connect to the system bus"
                    + (address == null ? "" : " at " + address) + ": " + e.getMessage()
                    + "; is dbus running? ('systemctl status dbus')", e);
        }
    }

    /** The socket file of a unix:path= address (the first one listed), or null for other kinds. */
    static java.nio.file.Path socketOf(String address) {
        for (String part : address.split(";")[0].split(",")) {
            String kv = part.startsWith("unix:") ? part.substring("unix:".length()) : part;
            if (kv.startsWith("path=")) {
                return java.nio.file.Path.of(kv.substring("path=".length()));
            }
        }
        return null;
    }

    public List<ImageEntry> listImages() {
        Object[] reply = call(MANAGER_IFACE, BusNames.MANAGER_PATH, "ListImages", "", false);
        return ReplyValues.imageEntries(reply[0]);
    }

    public DBusPath getImage(String name) {
        return (DBusPath) call(MANAGER_IFACE, BusNames.MANAGER_PATH, "GetImage", "s", false, name)[0];
    }

    public Map<String, Object> imageProperties(String name) {
        DBusPath path = getImage(name);
        Object[] reply = call("org.freedesktop.DBus.Properties", path.getPath(), "GetAll", "s", false, "org.siren.Image1");
        return ReplyValues.properties(reply[0]);
    }

    public DBusPath newContainer(String name, String base) {
        return (DBusPath) call(MANAGER_IFACE, BusNames.MANAGER_PATH, "NewContainer", "ssa{sv}", true, name, base,
                Map.<String, Variant<?>>of())[0];
    }

    public DBusPath build(String contextDir, String buildFile, boolean noCache) {
        Map<String, Variant<?>> options = noCache ? Map.of("no-cache", new Variant<>(true)) : Map.of();
        return (DBusPath) call(MANAGER_IFACE, BusNames.MANAGER_PATH, "Build", "ssa{sv}", true, contextDir, buildFile,
                options)[0];
    }

    public DBusPath importTar(String path, String name, String version) {
        Map<String, Variant<?>> options = version.isEmpty() ? Map.of() : Map.of("version", new Variant<>(version));
        return (DBusPath) call(MANAGER_IFACE, BusNames.MANAGER_PATH, "ImportTar", "ssa{sv}", true, path, name,
                options)[0];
    }

    public DBusPath exportTar(String name, String path, boolean reproducible) {
        Map<String, Variant<?>> options = reproducible ? Map.of("reproducible", new Variant<>(true)) : Map.of();
        return (DBusPath) call(MANAGER_IFACE, BusNames.MANAGER_PATH, "ExportTar", "ssa{sv}", true, name, path,
                options)[0];
    }

    public DBusPath flatten(String name, String newName) {
        return (DBusPath) call(MANAGER_IFACE, BusNames.MANAGER_PATH, "Flatten", "ssa{sv}", true, name, newName,
                Map.<String, Variant<?>>of())[0];
    }

    /** Path and reason of each thing pruned. */
    public List<String[]> prune(boolean dryRun) {
        Map<String, Variant<?>> options = dryRun ? Map.of("dry-run", new Variant<>(true)) : Map.of();
        Object[] reply = call(MANAGER_IFACE, BusNames.MANAGER_PATH, "Prune", "a{sv}", true, options);
        return ReplyValues.rows(reply[0]).stream().map(f -> new String[] {(String) f[0], (String) f[1]}).toList();
    }

    /** Name, kind, own bytes, chain bytes of each image. */
    public List<Object[]> diskUsage() {
        return ReplyValues.rows(call(MANAGER_IFACE, BusNames.MANAGER_PATH, "DiskUsage", "", false)[0]);
    }

    public List<JobEntry> listJobs() {
        Object[] reply = call(MANAGER_IFACE, BusNames.MANAGER_PATH, "ListJobs", "", false);
        return ReplyValues.jobEntries(reply[0]);
    }

    public DBusPath getJob(long id) {
        return (DBusPath) call(MANAGER_IFACE, BusNames.MANAGER_PATH, "GetJob", "u", false, new UInt32(id))[0];
    }

    public void cancelJob(DBusPath job) {
        call(JOB_IFACE, job.getPath(), "Cancel", "", true);
    }

    public List<String> jobOutput(DBusPath job, long from) {
        Object[] reply = call(JOB_IFACE, job.getPath(), "GetOutput", "t", false, new UInt64(from));
        return ReplyValues.strings(reply[0]);
    }

    public Map<String, Object> jobProperties(DBusPath job) {
        Object[] reply = call("org.freedesktop.DBus.Properties", job.getPath(), "GetAll", "s", false, JOB_IFACE);
        return ReplyValues.properties(reply[0]);
    }

    public DBusConnection connection() {
        return connection;
    }

    public void rename(String name, String newName) {
        call(MANAGER_IFACE, BusNames.MANAGER_PATH, "RenameImage", "ssa{sv}", true, name, newName,
                Map.<String, Variant<?>>of());
    }

    public void removeImage(String name) {
        call(MANAGER_IFACE, BusNames.MANAGER_PATH, "RemoveImage", "sa{sv}", true, name, Map.<String, Variant<?>>of());
    }

    /** Whether a bus name has an owner (or can be activated); for doctor. */
    public boolean hasOwnerOrActivatable(String busName) {
        Object[] owned = raw("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
                "s", (byte) 0, TIMEOUT_MS, busName);
        if (Boolean.TRUE.equals(owned[0])) {
            return true;
        }
        Object[] activatable = raw("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                "ListActivatableNames", "", (byte) 0, TIMEOUT_MS);
        return activatable[0] instanceof Object[] names && List.of(names).contains(busName)
                || activatable[0] instanceof List<?> list && list.contains(busName);
    }

    private Object[] call(String iface, String path, String member, String signature, boolean changing,
            Object... args) {
        if (changing && agent == null) {
            agent = TerminalAgent.startIfUseful(interactive);
        }
        byte flags = changing && interactive ? BusNames.ALLOW_INTERACTIVE_AUTHORIZATION : 0;
        long timeout = changing && interactive ? INTERACTIVE_TIMEOUT_MS : TIMEOUT_MS;
        return raw(BusNames.SERVICE, path, iface, member, signature, flags, timeout, args);
    }

    private Object[] raw(String destination, String path, String iface, String member, String signature, byte flags,
            long timeout, Object... args) {
        try {
            MethodCall call = connection.getMessageFactory().createMethodCall(destination, path, iface, member, flags,
                    signature.isEmpty() ? null : signature, args);
            connection.sendMessage(call);
            Message reply = call.getReply(timeout);
            if (reply == null) {
                throw new ClientException(ClientException.UNREACHABLE, destination + " did not answer " + member
                        + " within " + timeout / 1000 + " s; see 'journalctl -u siren'");
            }
            if (reply instanceof org.freedesktop.dbus.messages.Error error) {
                throw ErrorReplies.toClientException(error.getName(), firstString(error.getParameters()));
            }
            Object[] values = reply.getParameters();
            return values == null ? new Object[0] : values;
        } catch (DBusException e) {
            throw new ClientException(ClientException.FAILED, member + " failed: " + e.getMessage(), e);
        }
    }

    private static String firstString(Object[] params) {
        return params != null && params.length > 0 ? String.valueOf(params[0]) : "";
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
        try {
            connection.close();
        } catch (IOException e) {
            throw new ClientException(ClientException.FAILED, "closing the bus connection failed: " + e.getMessage(), e);
        }
    }
}
