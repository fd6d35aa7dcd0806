package io.mycelium.console.view;

/** How a row or cell should stand out; each console maps tones to its colours. */
public enum Tone { NORMAL, GOOD, WARN, BAD, MUTED }
