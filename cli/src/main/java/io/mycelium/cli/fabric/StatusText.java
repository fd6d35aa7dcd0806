package io.mycelium.cli.fabric;

import com.fasterxml.jackson.databind.JsonNode;

/** How the status commands print ages and record payloads. */
final class StatusText {
    private StatusText() {
    }

    static String ageText(long ms) {
        long s = ms / 1000;
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return (s / 60) + "m";
        }
        return (s / 3600) + "h";
    }

    static String compact(JsonNode payload, int max) {
        if (payload == null) {
            return "(deleted)";
        }
        String t = payload.toString();
        return t.length() <= max ? t : t.substring(0, max - 3) + "...";
    }
}
