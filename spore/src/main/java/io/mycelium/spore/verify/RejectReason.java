package io.mycelium.spore.verify;

/** Why a spore was rejected; the CLI and the agent report it, tests assert it. */
public enum RejectReason {
    /** The file is not a zip archive, or its first entry is not the signed envelope. */
    NOT_A_SPORE,
    /** The file ends before the archive does. */
    TRUNCATED,
    /** The zip structure is inconsistent (central directory, end record, trailing bytes, order). */
    MALFORMED_ARCHIVE,
    /** An entry uses compression, encryption, data descriptors or is a directory. */
    UNSUPPORTED_ENTRY,
    /** An entry name is absolute, contains '..' or other unsafe characters. */
    UNSAFE_PATH,
    /** An entry is marked as a symbolic link. */
    SYMLINK_ENTRY,
    /** A file the manifest binds is not in the archive. */
    MISSING_ENTRY,
    /** The archive holds an entry the manifest does not bind. */
    UNEXPECTED_ENTRY,
    /** The archive holds the same entry twice. */
    DUPLICATE_ENTRY,
    /** An entry's size differs from the manifest's. */
    SIZE_MISMATCH,
    /** An entry's sha256 differs from the manifest's. */
    DIGEST_MISMATCH,
    /** The manifest, envelope, entry count or total payload exceeds a cap. */
    TOO_LARGE,
    /** The envelope is not a well-formed DSSE envelope. */
    BAD_ENVELOPE,
    /** The envelope's payload type is not the manifest media type. */
    WRONG_PAYLOAD_TYPE,
    /** No signature is by a key in the trust store. */
    UNTRUSTED_SIGNER,
    /** A signature by a trusted key does not verify: the manifest changed after signing. */
    BAD_SIGNATURE,
    /** The signed manifest is not a valid manifest. */
    BAD_MANIFEST,
    /** Reading the spore or writing the extraction failed. */
    IO_ERROR
}
