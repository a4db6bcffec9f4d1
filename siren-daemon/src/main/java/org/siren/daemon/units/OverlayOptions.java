package org.siren.daemon.units;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.LayerChain;

/**
 * The overlay mount options of an image: its chain's lower layers, its own upper layer and workdir,
 * metacopy and redirect_dir off (layers must stay plain directories that can be copied, exported and
 * flattened). Refuses paths that would inject into the option syntax, and option strings the kernel
 * would truncate.
 */
public final class OverlayOptions {

    /** The kernel copies mount options into one page. */
    public static final int MAX_LENGTH = 4095;

    private OverlayOptions() {
    }

    public static String of(LayerChain chain, Path workDir) {
        if (chain.depth() < 2) {
            throw new IllegalArgumentException("an overlay needs a base: chain " + chain.images());
        }
        return of(chain.upper(), chain.lowers(), workDir, "image " + chain.images().get(0));
    }

    /** The options of an overlay of {@code upper} over {@code lowers} (top first); {@code what} names it in errors. */
    public static String of(Path upper, List<Path> lowers, Path workDir, String what) {
        String lower = lowers.stream().map(OverlayOptions::checked).collect(Collectors.joining(":"));
        String options = "lowerdir=" + lower + ",upperdir=" + checked(upper) + ",workdir=" + checked(workDir)
                + ",metacopy=off,redirect_dir=off";
        if (options.length() > MAX_LENGTH) {
            throw new SirenException(Reason.FAILED, "the overlay options of " + what + " are " + options.length()
                    + " bytes for " + (lowers.size() + 1) + " layers; the kernel takes at most " + MAX_LENGTH
                    + ": use shorter image names or a shorter store path");
        }
        return options;
    }

    /** A read-only overlay of {@code layers} (top first, at least two): no upper layer, nothing can change. */
    public static String readOnly(List<Path> layers, String what) {
        if (layers.size() < 2) {
            throw new IllegalArgumentException("a read-only overlay needs two layers or more: " + layers);
        }
        String options = "ro,lowerdir=" + layers.stream().map(OverlayOptions::checked).collect(Collectors.joining(":"));
        if (options.length() > MAX_LENGTH) {
            throw new SirenException(Reason.FAILED, "the overlay options of " + what + " are " + options.length()
                    + " bytes for " + layers.size() + " layers; the kernel takes at most " + MAX_LENGTH);
        }
        return options;
    }

    private static String checked(Path path) {
        String text = path.toString();
        for (char c : ":,\\\n".toCharArray()) {
            if (text.indexOf(c) >= 0) {
                throw new SirenException(Reason.INVALID_ARGS, "the layer path \"" + text + "\" contains '"
                        + (c == '\n' ? "\\n" : String.valueOf(c)) + "', which overlay mount options cannot carry;"
                        + " move the store to a path without it");
            }
        }
        return text;
    }
}
