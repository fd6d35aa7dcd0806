package io.mycelium.spore.manifest;

/** How the executable is started: a native binary, a JVM jar ({@code java -jar}) or a script with a shebang. */
public enum RuntimeKind {
    NATIVE,
    JVM_JAR,
    SCRIPT
}
