package io.mycelium.console.view;

import java.util.Objects;

/**
 * Where a console is: a view and what it is narrowed to ({@code subject}: an app, a node or an
 * instance; empty for the whole view).
 */
public record Route(ViewKind view, String subject) {
    public Route {
        Objects.requireNonNull(view, "view");
        subject = subject == null ? "" : subject;
    }

    public static Route of(ViewKind view) {
        return new Route(view, "");
    }

    /** {@code apps} or {@code instances billing}. */
    public String title() {
        return subject.isEmpty() ? view.command() : view.command() + " " + subject;
    }
}
