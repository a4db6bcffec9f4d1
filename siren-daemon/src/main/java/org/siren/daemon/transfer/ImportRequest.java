package org.siren.daemon.transfer;

import org.siren.daemon.auth.Credentials;
import org.siren.daemon.image.ImageName;

/** A tarball to unpack as a new base: the caller's path, the image's name and version. */
public record ImportRequest(long jobId, String path, ImageName name, String version, Credentials caller) {
}
