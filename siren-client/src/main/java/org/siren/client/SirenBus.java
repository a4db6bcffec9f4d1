package org.siren.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.siren.client.bus.BusAddress;
import org.siren.client.bus.BusConnection;
import org.siren.client.bus.Message;
import org.siren.client.bus.ObjectPath;
import org.siren.client.bus.Variant;
import org.siren.dbus.BusNames;

/**
 * sirenctl's connection to org.siren.Builder on the system bus ($DBUS_SYSTEM_BUS_ADDRESS if set).
 * Changing calls carry ALLOW_INTERACTIVE_AUTHORIZATION unless the user said --no-ask-password.
 */
public final class SirenBus implements AutoCloseable {

    private static final String MANAGER_IFACE = "org.siren.Builder1";
    private static final String JOB_IFACE = "org.siren.Job1";
    private static final String PROPERTIES_IFACE = "org.freedesktop.DBus.Properties";
    private static final Duration TIMEOUT = Duration.ofSeconds(25);
    private static final Duration INTERACTIVE_TIMEOUT = Duration.ofMinutes(5);

    private final BusConnection connection;
    private final boolean interactive;
    private TerminalAgent agent;

    private SirenBus(BusConnection connection, boolean interactive) {
        this.connection = connection;
        this.interactive = interactive;
    }

    public static SirenBus connect(boolean interactive) {
        String address = BusAddress.systemBus();
        Path socket;
        try {
            socket = BusAddress.socketOf(address);
        } catch (IllegalArgumentException e) {
            throw new ClientException(ClientException.UNREACHABLE, "cannot connect to the system bus: "
                    + e.getMessage(), e);
        }
        if (!Files.exists(socket)) {
            throw new ClientException(ClientException.UNREACHABLE, "cannot connect to the system bus at " + address
                    + ": " + socket + " does not exist; is dbus running? ('systemctl status dbus')");
        }
        try {
            return new SirenBus(BusConnection.open(address), interactive);
        } catch (IOException e) {
            throw new ClientException(ClientException.UNREACHABLE, "cannot connect to the system bus at " + address
                    + ": " + e.getMessage() + "; is dbus running? ('systemctl status dbus')", e);
        }
    }

    public List<ImageSummary> listImages() {
        return ReplyValues.rows(manager("ListImages", "", false)).stream().map(ImageSummary::of).toList();
    }

    public ObjectPath getImage(String name) {
        return (ObjectPath) manager("GetImage", "s", false, name);
    }

    public Map<String, Object> imageProperties(String name) {
        return properties(getImage(name), "org.siren.Image1");
    }

    public ObjectPath newContainer(String name, String base) {
        return (ObjectPath) manager("NewContainer", "ssa{sv}", true, name, base, Map.of());
    }

    public ObjectPath build(String contextDir, String buildFile, boolean noCache) {
        Map<String, Variant> options = noCache ? Map.of("no-cache", Variant.of(true)) : Map.of();
        return (ObjectPath) manager("Build", "ssa{sv}", true, contextDir, buildFile, options);
    }

    public ObjectPath importTar(String path, String name, String version) {
        Map<String, Variant> options = version.isEmpty() ? Map.of() : Map.of("version", Variant.of(version));
        return (ObjectPath) manager("ImportTar", "ssa{sv}", true, path, name, options);
    }

    public ObjectPath exportTar(String name, String path, boolean reproducible) {
        Map<String, Variant> options = reproducible ? Map.of("reproducible", Variant.of(true)) : Map.of();
        return (ObjectPath) manager("ExportTar", "ssa{sv}", true, name, path, options);
    }

    public ObjectPath flatten(String name, String newName) {
        return (ObjectPath) manager("Flatten", "ssa{sv}", true, name, newName, Map.of());
    }

    /** Path and reason of each thing pruned. */
    public List<String[]> prune(boolean dryRun) {
        Map<String, Variant> options = dryRun ? Map.of("dry-run", Variant.of(true)) : Map.of();
        return ReplyValues.rows(manager("Prune", "a{sv}", true, options)).stream()
                .map(f -> new String[] {(String) f.get(0), (String) f.get(1)}).toList();
    }

    /** Name, kind, own bytes, chain bytes of each image. */
    public List<List<?>> diskUsage() {
        return ReplyValues.rows(manager("DiskUsage", "", false));
    }

    public List<JobSummary> listJobs() {
        return ReplyValues.rows(manager("ListJobs", "", false)).stream().map(JobSummary::of).toList();
    }

    public ObjectPath getJob(long id) {
        return (ObjectPath) manager("GetJob", "u", false, id);
    }

    public void cancelJob(ObjectPath job) {
        call(BusNames.SERVICE, job, JOB_IFACE, "Cancel", "", true);
    }

    public List<String> jobOutput(ObjectPath job, long from) {
        return ReplyValues.strings(call(BusNames.SERVICE, job, JOB_IFACE, "GetOutput", "t", false, from)[0]);
    }

    public Map<String, Object> jobProperties(ObjectPath job) {
        return properties(job, JOB_IFACE);
    }

    public BusConnection connection() {
        return connection;
    }

    public void rename(String name, String newName) {
        manager("RenameImage", "ssa{sv}", true, name, newName, Map.of());
    }

    public void removeImage(String name) {
        manager("RemoveImage", "sa{sv}", true, name, Map.of());
    }

    /** Whether a bus name has an owner (or can be activated); for doctor. */
    public boolean hasOwnerOrActivatable(String busName) {
        ObjectPath bus = new ObjectPath("/org/freedesktop/DBus");
        Object[] owned = call("org.freedesktop.DBus", bus, "org.freedesktop.DBus", "NameHasOwner", "s", false,
                busName);
        if (Boolean.TRUE.equals(owned[0])) {
            return true;
        }
        Object[] activatable = call("org.freedesktop.DBus", bus, "org.freedesktop.DBus", "ListActivatableNames", "",
                false);
        return ReplyValues.strings(activatable[0]).contains(busName);
    }

    private Map<String, Object> properties(ObjectPath object, String iface) {
        return ReplyValues.properties(call(BusNames.SERVICE, object, PROPERTIES_IFACE, "GetAll", "s", false, iface)[0]);
    }

    /** A method of the manager object; its one return value. */
    private Object manager(String member, String signature, boolean changing, Object... args) {
        Object[] reply = call(BusNames.SERVICE, new ObjectPath(BusNames.MANAGER_PATH), MANAGER_IFACE, member,
                signature, changing, args);
        return reply.length == 0 ? null : reply[0];
    }

    /**
     * Calls a method and returns the reply's values. A changing call may start a polkit agent on
     * the terminal first, and may then wait as long as the user takes to type a password.
     */
    private Object[] call(String destination, ObjectPath path, String iface, String member, String signature,
            boolean changing, Object... args) {
        if (changing && agent == null) {
            agent = TerminalAgent.startIfUseful(interactive);
        }
        boolean mayAsk = changing && interactive;
        int flags = mayAsk ? Message.ALLOW_INTERACTIVE_AUTHORIZATION : 0;
        Message reply;
        try {
            reply = connection.call(Message.methodCall(destination, path.value(), iface, member, flags, signature,
                    List.of(args)), mayAsk ? INTERACTIVE_TIMEOUT : TIMEOUT);
        } catch (IOException e) {
            throw new ClientException(ClientException.UNREACHABLE, member + " failed: " + e.getMessage()
                    + "; see 'journalctl -u siren'", e);
        }
        if (reply.type() == Message.Type.ERROR) {
            throw ErrorReplies.toClientException(reply.errorName(), reply.errorMessage());
        }
        return reply.body().toArray();
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
