package org.siren.daemon.build;

import org.siren.daemon.image.ImageName;

/** How a build ended when it did not fail: a new image, or the existing one was up to date. */
public record BuildOutcome(ImageName image, String version, boolean upToDate, String message) {
}
