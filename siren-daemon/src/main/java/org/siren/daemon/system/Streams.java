package org.siren.daemon.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading what helper processes print. */
public final class Streams {

    private Streams() {
    }

    /**
     * The first {@code limit} bytes of a stream as text; the rest is read and dropped, so that the
     * process writing it never blocks on a full pipe.
     */
    public static String headThenDiscard(InputStream in, int limit) throws IOException {
        byte[] head = in.readNBytes(limit);
        in.transferTo(OutputStream.nullOutputStream());
        return new String(head, StandardCharsets.UTF_8);
    }
}
