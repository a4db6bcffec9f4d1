package org.siren.client;

import java.util.List;

import org.siren.client.bus.ObjectPath;

/** One row of ListJobs, a(usssuo): id, kind, image, state, uid of who started it, object. */
record JobSummary(long id, String kind, String image, String state, long startedByUid, ObjectPath object) {

    static JobSummary of(List<?> fields) {
        return new JobSummary((Long) fields.get(0), (String) fields.get(1), (String) fields.get(2),
                (String) fields.get(3), (Long) fields.get(4), (ObjectPath) fields.get(5));
    }
}
