package org.siren.daemon.units;

import org.siren.daemon.image.ImageMetadata;
import org.siren.daemon.image.LayerChain;

/** The text of the files siren writes for an image. */
public final class UnitText {

    private UnitText() {
    }

    public static String mount(ImageUnits units, ImageMetadata meta, LayerChain chain, String options,
            boolean wantedAtBoot) {
        StringBuilder text = new StringBuilder()
                .append(header(units))
                .append("[Unit]\n")
                .append("Description=siren ").append(meta.kind().wireName()).append(' ').append(meta.name())
                .append(" (overlay of ").append(String.join(" on ", chain.images().stream().map(Object::toString).toList()))
                .append(")\n")
                .append("Documentation=man:systemd-nspawn(1) man:machinectl(1)\n")
                .append("RequiresMountsFor=").append(chain.upper().getParent()).append('\n')
                .append('\n')
                .append("[Mount]\n")
                .append("What=overlay\n")
                .append("Where=").append(units.mountPoint()).append('\n')
                .append("Type=overlay\n")
                .append("Options=").append(options).append('\n');
        if (wantedAtBoot) {
            text.append('\n').append("[Install]\n").append("WantedBy=multi-user.target\n");
        }
        return text.toString();
    }

    public static String automount(ImageUnits units, ImageMetadata meta) {
        return header(units)
                + "[Unit]\n"
                + "Description=siren " + meta.kind().wireName() + " " + meta.name() + " (mounted on first access)\n"
                + "Documentation=man:systemd-nspawn(1) man:machinectl(1)\n"
                + "\n"
                + "[Automount]\n"
                + "Where=" + units.mountPoint() + "\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    /**
     * The stock systemd-nspawn@.service passes -U with --settings=override. On an overlay root,
     * systemd 252 cannot use an ID-mapped mount and would chown the whole merged tree, copying every
     * file of the base into this image's layer; with override, this file's PrivateUsers=no wins.
     */
    public static String nspawnSettings(ImageUnits units) {
        return header(units)
                + "# The image is an overlay: user namespacing with -U would chown, and so copy up, every file of\n"
                + "# its base on first boot. Remove this file only if you flatten the image.\n"
                + "[Exec]\n"
                + "PrivateUsers=no\n";
    }

    private static String header(ImageUnits units) {
        return ImageUnits.MARKER + " for image " + units.image() + "; sirend rewrites it, do not edit.\n";
    }
}
