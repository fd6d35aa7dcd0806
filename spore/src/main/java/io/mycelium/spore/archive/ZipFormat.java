package io.mycelium.spore.archive;

/**
 * The constants of the spore archive: a plain zip (readable by {@code unzip -l}) whose first entry
 * is the DSSE envelope and whose payload entries follow in manifest order, all STORED
 * (uncompressed), with sizes in the local headers, no data descriptors, no zip64, no comment, and
 * nothing after the end record. That strict shape lets a reader verify and extract in one
 * streaming pass and reject anything else before it writes a byte of an unexpected entry.
 */
public final class ZipFormat {
    /** The name of the first entry: the DSSE envelope over the manifest. */
    public static final String ENVELOPE_ENTRY = ".spore/envelope.json";
    /** The file name extension of a spore. */
    public static final String EXTENSION = ".spore";

    public static final int LOC_SIG = 0x04034b50;
    public static final int CEN_SIG = 0x02014b50;
    public static final int END_SIG = 0x06054b50;
    public static final int LOC_LEN = 30;
    public static final int CEN_LEN = 46;
    public static final int END_LEN = 22;
    public static final int METHOD_STORED = 0;
    public static final int FLAG_UTF8 = 0x0800;
    public static final int VERSION_NEEDED = 20;
    /** "Made by" Unix (3), spec 2.0: the external attributes carry a Unix mode. */
    public static final int VERSION_MADE_BY = (3 << 8) | 20;
    /** 1980-01-01 00:00:00 in DOS form: fixed so that the same inputs give the same bytes. */
    public static final int DOS_TIME = 0;
    public static final int DOS_DATE = (1 << 5) | 1;
    /** The largest size a zip without zip64 can state. */
    public static final long MAX_ENTRY_BYTES = 0xFFFF_FFFEL;
    public static final int MAX_NAME_BYTES = 1024;
    public static final int MAX_EXTRA_BYTES = 1024;

    public static final int S_IFMT = 0170000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFDIR = 0040000;

    private ZipFormat() {
    }
}
