package org.siren.daemon.service;

import org.siren.daemon.image.ImageName;

/** What the bus layer hears of images appearing and going. */
public interface ImageEvents {

    void added(ImageName name);

    void removed(ImageName name);

    ImageEvents NONE = new ImageEvents() {
        @Override
        public void added(ImageName name) {
        }

        @Override
        public void removed(ImageName name) {
        }
    };
}
