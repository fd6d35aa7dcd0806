package io.mycelium.spore.key;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** Reading and writing one PEM block; shared by the two key classes. */
final class Pem {
    /** Key files are a few hundred bytes; anything much larger is not a key. */
    static final int MAX_KEY_FILE_BYTES = 16 * 1024;

    private Pem() {
    }

    static byte[] read(String pem, String expectedType, String source) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new KeyFormatException(source + ": not a PEM file (no -----BEGIN " + expectedType + "----- block)");
            }
            if (!object.getType().equals(expectedType)) {
                throw new KeyFormatException(source + ": PEM block is '" + object.getType() + "', expected '" + expectedType + "'");
            }
            return object.getContent();
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFormatException kfe) {
                throw kfe;
            }
            throw new KeyFormatException(source + ": malformed PEM (" + e.getMessage() + ")", e);
        }
    }

    static String readFile(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_KEY_FILE_BYTES) {
                throw new KeyFormatException(file + ": " + size + " bytes is too large for a key file");
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new KeyFormatException(file + ": no such key file (looked for " + file.toAbsolutePath().normalize()
                    + "; a relative path is taken from the current directory)", e);
        } catch (IOException e) {
            throw new KeyFormatException(file + ": cannot read key file (" + e.getMessage() + ")", e);
        }
    }

    static String write(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory failed", e);
        }
        return out.toString();
    }
}
