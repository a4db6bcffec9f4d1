package org.siren.client;

import java.util.List;

import org.siren.client.bus.ObjectPath;

/** One row of ListImages, a(sssso): name, version, base ("" for none), kind, object. */
record ImageSummary(String name, String version, String base, String kind, ObjectPath object) {

    static ImageSummary of(List<?> fields) {
        return new ImageSummary((String) fields.get(0), (String) fields.get(1), (String) fields.get(2),
                (String) fields.get(3), (ObjectPath) fields.get(4));
    }
}
