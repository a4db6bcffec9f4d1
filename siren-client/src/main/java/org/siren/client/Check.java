package org.siren.client;

/** One line of 'sirenctl doctor': what was checked, how it went, and the fix when it did not. */
record Check(Status status, String what, String detail, String fix) {

    enum Status {
        OK("ok"),
        WARN("warn"),
        FAIL("FAIL");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    static Check ok(String what, String detail) {
        return new Check(Status.OK, what, detail, "");
    }

    static Check warn(String what, String detail, String fix) {
        return new Check(Status.WARN, what, detail, fix);
    }

    static Check fail(String what, String detail, String fix) {
        return new Check(Status.FAIL, what, detail, fix);
    }
}
