package io.mycelium.cli.budget;


/** How the ledger commands print credits and durations: as the previews and consoles do ({@code CreditText}). */
public final class Credits {
    private Credits() {
    }

    /** Two decimals: {@code 12.50}. */
    public static String format(double credits) {
        return io.mycelium.client.explain.CreditText.format(credits);
    }

    /** A time to empty: {@code 3d}, {@code 5.2h}, {@code 40m}; {@code never} for none. */
    public static String hours(Double h) {
        return io.mycelium.client.explain.CreditText.hours(h);
    }
}
