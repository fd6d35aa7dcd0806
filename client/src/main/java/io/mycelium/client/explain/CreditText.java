package io.mycelium.client.explain;

import java.util.Locale;

/** How credits and times to empty are written, the same in the CLI, the previews and the consoles. */
public final class CreditText {
    private CreditText() {
    }

    /** Two decimals: {@code 12.50}. */
    public static String format(double credits) {
        return String.format(Locale.ROOT, "%.2f", credits);
    }

    /** A time to empty: {@code 3d}, {@code 5.2h}, {@code 40m}; {@code never} for none. */
    public static String hours(Double h) {
        if (h == null || h.isInfinite()) {
            return "never";
        }
        return h >= 48 ? String.format(Locale.ROOT, "%.0fd", h / 24) : h >= 1 ? String.format(Locale.ROOT, "%.1fh", h)
                : String.format(Locale.ROOT, "%.0fm", h * 60);
    }
}
