package org.siren.dbus;

import java.nio.charset.StandardCharsets;

/**
 * Object path elements for image names, encoded like systemd's sd_bus_path_encode(): ASCII letters
 * and digits stay, every other byte becomes {@code _xx} in lower-case hex, so {@code my-app} is
 * {@code my_2dapp}.
 */
public final class ObjectPaths {

    private ObjectPaths() {
    }

    public static String imagePath(String imageName) {
        return BusNames.IMAGE_PATH_PREFIX + encode(imageName);
    }

    public static String jobPath(long id) {
        return BusNames.JOB_PATH_PREFIX + id;
    }

    public static String encode(String element) {
        if (element.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder();
        byte[] bytes = element.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
            boolean digit = b >= '0' && b <= '9';
            if (letter || (digit && i > 0)) {
                out.append((char) b);
            } else {
                out.append('_').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return out.toString();
    }
}
