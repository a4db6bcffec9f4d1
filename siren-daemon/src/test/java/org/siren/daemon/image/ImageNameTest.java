package org.siren.daemon.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.siren.daemon.SirenException;

class ImageNameTest {

    @Nested
    class Valid {
        @ParameterizedTest
        @ValueSource(strings = {"web", "web0", "nginx-1.24", "a", "Debian12", "my.app-2", "0", "a.b.c"})
        void areAccepted(String raw) {
            assertEquals(raw, ImageName.parse(raw).value());
        }

        @Test
        void sixtyFourCharactersAreAccepted() {
            assertEquals(64, ImageName.parse("a".repeat(64)).value().length());
        }
    }

    @Nested
    class Invalid {
        @ParameterizedTest
        @ValueSource(strings = {"", "-web", "web-", ".web", "web.", "a..b", "a/b", "../etc", "a:b", "a,b", "a\\b",
            "a b", "a=b", "web\n", "caf\u00e9", "a\u0000b", "$(id)", "*"})
        void areRefusedWithTheNameQuoted(String raw) {
            SirenException e = assertThrows(SirenException.class, () -> ImageName.parse(raw));
            assertEquals(SirenException.Reason.INVALID_NAME, e.reason());
            assertTrue(e.getMessage().startsWith("invalid image name \""), e.getMessage());
            assertTrue(e.getMessage().contains("names are 1-64 characters"), e.getMessage());
        }

        @Test
        void sixtyFiveCharactersAreRefused() {
            SirenException e = assertThrows(SirenException.class, () -> ImageName.parse("a".repeat(65)));
            assertTrue(e.getMessage().contains("it has 65 characters"), e.getMessage());
        }

        @Test
        void nullIsRefused() {
            assertThrows(SirenException.class, () -> ImageName.parse(null));
        }

        @Test
        void controlCharactersAreEscapedInTheMessage() {
            SirenException e = assertThrows(SirenException.class, () -> ImageName.parse("a\nb"));
            assertTrue(e.getMessage().contains("\"a\\u000ab\""), e.getMessage());
        }
    }
}
