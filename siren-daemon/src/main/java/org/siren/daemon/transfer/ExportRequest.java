package org.siren.daemon.transfer;

import org.siren.daemon.auth.Credentials;
import org.siren.daemon.image.ImageName;

/** An image to write as a tarball at the caller's path. */
public record ExportRequest(long jobId, ImageName name, String path, boolean reproducible, Credentials caller) {
}
