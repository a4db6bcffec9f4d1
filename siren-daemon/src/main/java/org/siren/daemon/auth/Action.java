package org.siren.daemon.auth;

/** The polkit actions of siren, one per family of verbs (systemd/org.siren.policy). */
public enum Action {
    BUILD("org.siren.build"),
    BOOTSTRAP("org.siren.bootstrap"),
    MANAGE("org.siren.manage"),
    IMPORT("org.siren.import"),
    EXPORT("org.siren.export");

    private final String id;

    Action(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
