package io.mycelium.cli.api;

import picocli.CommandLine.Parameters;

/** {@link ApiCall} for one app: the APP argument first. */
public class AppCall extends ApiCall {
    @Parameters(index = "0", paramLabel = "APP", description = "The app.")
    String app;

    public String name() {
        return app;
    }
}
