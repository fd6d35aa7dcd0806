package io.mycelium.edge.observe;

/** Why a request did not get an upstream's answer; each is one {@code class} label on /metrics. */
public enum ErrorClass {
    /** The path or host named no valid app (400). */
    BAD_REQUEST("bad_request"),
    /** The app is not known (404). */
    UNKNOWN_APP("unknown_app"),
    /** The app has no Ready endpoint (503). */
    NO_ENDPOINT("no_endpoint"),
    /** Could not connect to the endpoint. */
    CONNECT("connect"),
    /** The endpoint reset or closed the connection. */
    RESET("reset"),
    /** The endpoint did not answer in time (504). */
    TIMEOUT("timeout"),
    /** The endpoint's answer was not valid HTTP. */
    BAD_RESPONSE("bad_response"),
    /** The endpoint answered with a 5xx status. */
    UPSTREAM_5XX("upstream_5xx"),
    /** The client went away or sent a broken body. */
    CLIENT("client"),
    /** The caller may not call the app (an intention of the hyphae router; 403). */
    DENIED("denied");

    private final String label;

    ErrorClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
