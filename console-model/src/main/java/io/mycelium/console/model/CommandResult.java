package io.mycelium.console.model;

import io.mycelium.console.view.Route;
import java.util.Objects;
import java.util.Optional;

/** What running a command did, for the status line (and where to go, for navigation). */
public record CommandResult(Status status, String message, Optional<Route> route) {
    public enum Status {
        /** Done; {@code message} says what. */
        OK,
        /** Refused or failed; {@code message} says why and what to do. */
        FAILED,
        /** Needs a yes first: {@code message} is the question; {@code ConsoleModel.confirm} runs it. */
        CONFIRM,
        /** The console should show the plan form ({@code ConsoleModel.form}). */
        FORM,
        /** The console should show the help. */
        HELP,
        /** The console should end. */
        QUIT
    }

    public CommandResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(route, "route");
    }

    public static CommandResult ok(String message) {
        return new CommandResult(Status.OK, message, Optional.empty());
    }

    public static CommandResult failed(String message) {
        return new CommandResult(Status.FAILED, message, Optional.empty());
    }

    public static CommandResult go(Route route) {
        return new CommandResult(Status.OK, "", Optional.of(route));
    }
}
