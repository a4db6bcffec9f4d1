package org.siren.daemon.auth;

/** Decides whether a caller may take an action; throws NOT_AUTHORIZED (with the reason) when not. */
public interface Authorizer {

    void authorize(Caller caller, Action action);
}
