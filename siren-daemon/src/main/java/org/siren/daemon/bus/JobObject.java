package org.siren.daemon.bus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.auth.Action;
import org.siren.daemon.auth.Authorizer;
import org.siren.daemon.auth.Caller;
import org.siren.daemon.job.Job;
import org.siren.dbus.Job1;
import org.siren.dbus.ObjectPaths;

/** One job on the bus. */
final class JobObject extends ReadOnlyProperties implements Job1 {

    private final Job job;
    private final Authorizer authorizer;
    private final CallerCredentials credentials;

    JobObject(Job job, Authorizer authorizer, CallerCredentials credentials) {
        this.job = job;
        this.authorizer = authorizer;
        this.credentials = credentials;
    }

    @Override
    public String getObjectPath() {
        return ObjectPaths.jobPath(job.id());
    }

    @Override
    public void Cancel() {
        ErrorMapping.run("Cancel", () -> {
            Caller caller = Callers.current();
            if (credentials.of(caller).uid() != job.startedByUid()) {
                authorizer.authorize(caller, Action.MANAGE);
            }
            if (job.state() != org.siren.daemon.job.JobState.RUNNING) {
                throw new SirenException(Reason.INVALID_ARGS, "job " + job.id() + " has already finished ("
                        + job.result() + ")");
            }
            job.cancelToken().cancel();
        });
    }

    @Override
    public List<String> GetOutput(UInt64 from) {
        return ErrorMapping.reply("GetOutput", () -> job.output(from.longValue()).lines());
    }

    @Override
    protected String propertiesInterface() {
        return "org.siren.Job1";
    }

    @Override
    protected String describe() {
        return "job " + job.id();
    }

    @Override
    protected Map<String, Variant<?>> properties() {
        Map<String, Variant<?>> map = new LinkedHashMap<>();
        map.put("Id", new Variant<>(new UInt32(job.id())));
        map.put("Kind", new Variant<>(job.kind()));
        map.put("Image", new Variant<>(job.image()));
        map.put("State", new Variant<>(job.state().wireName()));
        map.put("Progress", new Variant<>(job.progress()));
        map.put("StartedByUid", new Variant<>(new UInt32(job.startedByUid())));
        map.put("Result", new Variant<>(job.result()));
        map.put("Message", new Variant<>(job.message()));
        map.put("OutputLines", new Variant<>(new UInt64(job.lineCount())));
        return map;
    }
}
