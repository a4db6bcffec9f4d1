package org.siren.daemon.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.siren.daemon.SirenException;
import org.siren.daemon.image.ImageName;

class BuildScriptTest {

    private static BuildScript parse(String text) {
        return BuildScript.parse("build.sh", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheOriginalToolsScripts() {
        BuildScript script = parse("#!/bin/sh\n. `dirname $0`/siren\nFROM debian\nID nginx $base_version\n"
                + "RUN apt-get install -y nginx\n\n# a comment\nrm -Rf $root/etc/nginx\n");
        assertEquals(Optional.of(ImageName.parse("debian")), script.from());
        assertEquals(Optional.of(ImageName.parse("nginx")), script.literalId());
        assertEquals(List.of(2, 3, 4, 5, 8), List.copyOf(script.stepLines()));
        assertEquals(3, script.stepNumber(4));
        assertEquals(0, script.stepNumber(7));
        assertEquals("RUN apt-get install -y nginx", script.line(5));
    }

    @Test
    void continuationLinesBelongToTheirCommand() {
        BuildScript script = parse("FROM debian\nRUN apt-get install \\\n  nginx \\\n  curl\nID x 1\n");
        assertEquals(List.of(1, 2, 5), List.copyOf(script.stepLines()));
    }

    @Test
    void aScriptWithoutFromBuildsABase() {
        assertEquals(Optional.empty(), parse("ID debian 12\ndebootstrap bookworm $root\n").from());
    }

    @Test
    void aComputedIdHasNoLiteralName() {
        assertEquals(Optional.empty(), parse("FROM debian\nID `cat name` 1\n").literalId());
        assertEquals(Optional.of(ImageName.parse("app")), parse("FROM debian\nID app `date +%s`\n").literalId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FROM $BASE\n", "FROM `echo debian`\n", "FROM ../etc\n", "FROM\n", "FROM a b\n"})
    void fromMustBeALiteralName(String text) {
        SirenException e = assertThrows(SirenException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith("build.sh:1: FROM"), e.getMessage());
    }

    @Test
    void aSecondFromIsRefused() {
        SirenException e = assertThrows(SirenException.class, () -> parse("FROM a\nFROM b\n"));
        assertEquals("build.sh:2: a second FROM; a build has one base", e.getMessage());
    }

    @Test
    void emptyBinaryAndHugeScriptsAreRefused() {
        assertThrows(SirenException.class, () -> parse(""));
        assertThrows(SirenException.class, () -> BuildScript.parse("x", new byte[] {'a', 0, 'b'}));
        assertThrows(SirenException.class, () -> BuildScript.parse("x", new byte[BuildScript.MAX_BYTES + 1]));
    }
}
