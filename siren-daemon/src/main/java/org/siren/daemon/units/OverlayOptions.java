package org.siren.daemon.units;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.siren.daemon.SirenException;
import org.siren.daemon.SirenException.Reason;
import org.siren.daemon.image.ImageName;
import org.siren.daemon.image.LayerAliases;
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
    /** overlayfs takes at most this many lower layers (OVL_MAX_STACK). */
    public static final int MAX_LOWERS = 500;

    private OverlayOptions() {
    }

    public static String of(LayerChain chain, Path workDir) {
        if (chain.depth() < 2) {
            throw new IllegalArgumentException("an overlay needs a base: chain " + chain.images());
        }
        return of(chain.upper(), chain.lowers(), workDir, "image " + chain.images().get(0));
    }

    /**
     * The options of an image's overlay: its layers by their paths, or, when those do not fit in a
     * page, its lower layers by their short aliases.
     */
    public static String of(LayerChain chain, Path workDir, LayerAliases aliases) {
        String what = "image " + chain.images().get(0);
        if (fits(chain.upper(), chain.lowers(), workDir)) {
            return of(chain, workDir);
        }
        return of(chain.upper(), aliased(chain.images().subList(1, chain.depth()), aliases), workDir, what);
    }

    /** Like {@link #of(LayerChain, Path, LayerAliases)} for a build's new layer over a base's chain. */
    public static String of(Path upper, LayerChain base, Path workDir, LayerAliases aliases, String what) {
        if (fits(upper, base.layers(), workDir)) {
            return of(upper, base.layers(), workDir, what);
        }
        return of(upper, aliased(base.images(), aliases), workDir, what);
    }

    private static boolean fits(Path upper, List<Path> lowers, Path workDir) {
        int length = "lowerdir=,upperdir=,workdir=,metacopy=off,redirect_dir=off".length() + upper.toString().length()
                + workDir.toString().length() + lowers.stream().mapToInt(p -> p.toString().length() + 1).sum();
        return length <= MAX_LENGTH;
    }

    private static List<Path> aliased(List<ImageName> images, LayerAliases aliases) {
        return images.stream().map(aliases::of).toList();
    }

    /** The options of an overlay of {@code upper} over {@code lowers} (top first); {@code what} names it in errors. */
    public static String of(Path upper, List<Path> lowers, Path workDir, String what) {
        if (lowers.size() > MAX_LOWERS) {
            throw new SirenException(Reason.FAILED, what + " has " + (lowers.size() + 1) + " layers; overlayfs takes at"
                    + " most " + (MAX_LOWERS + 1) + ": flatten part of the chain ('sirenctl flatten') and build on that");
        }
        String lower = lowers.stream().map(OverlayOptions::checked).collect(Collectors.joining(":"));
        String options = "lowerdir=" + lower + ",upperdir=" + checked(upper) + ",workdir=" + checked(workDir)
                + ",metacopy=off,redirect_dir=off";
        if (options.length() > MAX_LENGTH) {
            throw new SirenException(Reason.FAILED, "the overlay options of " + what + " are " + options.length()
                    + " bytes for " + (lowers.size() + 1) + " layers, even with short layer aliases; the kernel takes at"
                    + " most " + MAX_LENGTH + ": flatten part of the chain ('sirenctl flatten') and build on that");
        }
        return options;
    }

    /**
     * A read-only overlay of a chain (at least two layers): no upper layer, nothing can change. Deep
     * chains are named through their aliases.
     */
    public static String readOnly(LayerChain chain, LayerAliases aliases, String what) {
        if (chain.depth() < 2) {
            throw new IllegalArgumentException("a read-only overlay needs two layers or more: " + chain.images());
        }
        if (chain.depth() > MAX_LOWERS) {
            throw new SirenException(Reason.FAILED, what + " has " + chain.depth() + " layers; overlayfs takes at most "
                    + MAX_LOWERS + " read-only layers");
        }
        List<Path> layers = chain.layers();
        if ("ro,lowerdir=".length() + layers.stream().mapToInt(p -> p.toString().length() + 1).sum() > MAX_LENGTH) {
            layers = aliased(chain.images(), aliases);
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
