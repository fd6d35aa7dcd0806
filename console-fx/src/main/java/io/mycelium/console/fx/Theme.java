package io.mycelium.console.fx;

import io.mycelium.console.events.AuditEvent.Trust;
import io.mycelium.console.view.Tone;
import javafx.scene.paint.Color;

/**
 * Dark and light: AtlantaFX's Primer theme for the controls (the user-agent stylesheet), our own
 * stylesheet for the dashboard's classes on top, and the colours the graph canvas paints with.
 */
public enum Theme {
    DARK("dashboard.css", Color.web("#14171c"), Color.web("#d8dee9"), Color.web("#5c6370"), Color.web("#232831")),
    LIGHT("dashboard.css", Color.web("#f7f8fa"), Color.web("#1f2328"), Color.web("#9aa1ab"), Color.web("#e4e7ec"));

    private final String stylesheet;
    private final Color background;
    private final Color text;
    private final Color muted;
    private final Color hub;

    Theme(String stylesheet, Color background, Color text, Color muted, Color hub) {
        this.stylesheet = stylesheet;
        this.background = background;
        this.text = text;
        this.muted = muted;
        this.hub = hub;
    }

    public String stylesheet() {
        return Theme.class.getResource(stylesheet).toExternalForm();
    }

    /** The AtlantaFX theme every control is drawn with: Primer dark or Primer light. */
    public String userAgentStylesheet() {
        return (this == DARK ? new atlantafx.base.theme.PrimerDark() : new atlantafx.base.theme.PrimerLight()).getUserAgentStylesheet();
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }

    Color background() {
        return background;
    }

    Color text() {
        return text;
    }

    Color muted() {
        return muted;
    }

    Color hub() {
        return hub;
    }

    Color tone(Tone tone) {
        return switch (tone) {
            case GOOD -> Color.web("#3fb950");
            case WARN -> Color.web("#d29922");
            case BAD -> Color.web("#f85149");
            case MUTED -> muted;
            case NORMAL -> text;
        };
    }

    Color trust(Trust trust) {
        return switch (trust) {
            case VERIFIED -> tone(Tone.GOOD);
            case UNCHECKED -> tone(Tone.WARN);
            case FORGED -> tone(Tone.BAD);
            case NONE -> muted;
        };
    }
}
