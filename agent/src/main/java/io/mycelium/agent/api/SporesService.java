package io.mycelium.agent.api;

import io.mycelium.client.api.ApiDocuments;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.manifest.ManifestCodec;
import io.mycelium.spore.store.SporeNotFoundException;
import io.mycelium.spore.store.SporeStore;
import io.mycelium.spore.verify.RejectReason;
import io.mycelium.spore.verify.SporeReader;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import io.mycelium.spore.verify.VerifiedSpore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code /v1/spores}: the agent's repository over HTTP. {@code GET}/{@code HEAD} of a digest
 * streams the blob (peers fetch from here), {@code GET .../manifest} reads its manifest without
 * trusting it, and {@code PUT} streams an upload to a staging file while verifying it against the
 * publisher trust store and hashing it; only a spore whose bytes match the digest and whose
 * signature verifies is put into the repository.
 */
final class SporesService implements HttpService {
    static final String SPORE_MEDIA_TYPE = "application/vnd.mycelium.spore";

    private final AgentServices services;
    private final Access access;
    private final ApiConfig config;

    SporesService(AgentServices services, Access access, ApiConfig config) {
        this.services = Objects.requireNonNull(services, "services");
        this.access = Objects.requireNonNull(access, "access");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .get("/{digest}", this::get)
                .head("/{digest}", this::head)
                .get("/{digest}/manifest", this::manifest)
                .put("/{digest}", this::put);
    }

    private void list(ServerRequest req, ServerResponse res) throws IOException {
        SporeStore store = services.spores();
        List<ApiDocuments.SporeRow> rows = new ArrayList<>();
        for (Digest d : store.list()) {
            try {
                rows.add(new ApiDocuments.SporeRow(d.toString(), Files.size(store.get(d, false))));
            } catch (SporeNotFoundException e) {
                // removed between list and get: not there any more
            }
        }
        Replies.ok(res, new ApiDocuments.Spores(services.nodeId(), rows));
    }

    private Path blob(Digest digest) throws IOException {
        try {
            return services.spores().get(digest, false);
        } catch (SporeNotFoundException e) {
            throw ApiException.notFound("spore " + digest + " is not in this agent's repository",
                    "publish it here: mesh publish SPORE --to URL (see GET /v1/spores)");
        }
    }

    private void head(ServerRequest req, ServerResponse res) throws IOException {
        Path blob = blob(Replies.digestParam(req));
        res.header(HeaderNames.CONTENT_TYPE, SPORE_MEDIA_TYPE);
        res.contentLength(Files.size(blob));
        res.send();
    }

    private void get(ServerRequest req, ServerResponse res) throws IOException {
        Digest digest = Replies.digestParam(req);
        Path blob = blob(digest);
        try (InputStream in = Files.newInputStream(blob)) {
            res.header(HeaderNames.CONTENT_TYPE, SPORE_MEDIA_TYPE);
            res.contentLength(Files.size(blob));
            try (OutputStream out = res.outputStream()) {
                in.transferTo(out);
            }
        }
    }

    private void manifest(ServerRequest req, ServerResponse res) throws IOException {
        Digest digest = Replies.digestParam(req);
        Path blob = blob(digest);
        byte[] json;
        try {
            json = ManifestCodec.write(SporeVerifier.inspect(blob).manifest());
        } catch (SporeRejectedException e) {
            throw new ApiException(422, "spore " + digest + " in this agent's repository cannot be read: " + e.getMessage(),
                    "remove it (mesh repo rm) and publish it again");
        }
        res.header(HeaderNames.CONTENT_TYPE, Replies.JSON);
        res.send(json);
    }

    private void put(ServerRequest req, ServerResponse res) throws IOException {
        Digest digest = Replies.digestParam(req);
        access.authorizeUpload(req, digest);
        SporeStore store = services.spores();
        if (store.contains(digest)) {
            Path blob = store.get(digest, false);
            Replies.json(res, 200, new ApiDocuments.SporeStored(digest.toString(), Files.size(blob), null, null, null, false));
            return;
        }
        Files.createDirectories(services.stagingDir());
        Path staged = Files.createTempFile(services.stagingDir(), "upload-", ".spore");
        try {
            VerifiedSpore spore;
            Tee tee;
            try (InputStream body = req.content().inputStream();
                 OutputStream file = Files.newOutputStream(staged)) {
                tee = new Tee(body, file, config.maxUploadBytes());
                spore = verify(tee, digest);
                tee.transferTo(OutputStream.nullOutputStream());
            }
            Digest actual = Digest.of(tee.sha);
            if (!actual.equals(digest)) {
                throw new ApiException(422, "the uploaded bytes hash to " + actual + ", not " + digest,
                        "upload the spore file whose digest is in the URL (mesh publish computes it)");
            }
            store.put(staged);
            Files.deleteIfExists(staged); // before the reply: a client that saw 201 finds staging clean
            Replies.json(res, 201, new ApiDocuments.SporeStored(digest.toString(), tee.count, spore.manifest().identity().name(),
                    spore.manifest().identity().version(), spore.signer().hex(), true));
        } catch (UploadTooLarge e) {
            throw e.api();
        } catch (UncheckedIOException e) {
            throw storageProblem(e.getCause());
        } catch (IOException e) {
            throw storageProblem(e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private VerifiedSpore verify(Tee tee, Digest digest) {
        try {
            return new SporeReader().read(tee, Path.of(digest.hex() + ".spore"), services.publishers(), null);
        } catch (SporeRejectedException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof UploadTooLarge big) {
                    throw big.api();
                }
                if (t instanceof IOException io && isStorage(io)) {
                    throw storageProblem(io);
                }
            }
            int status = e.reason() == RejectReason.UNTRUSTED_SIGNER || e.reason() == RejectReason.BAD_SIGNATURE ? 403 : 422;
            throw new ApiException(status, "spore " + digest.shortForm() + " refused: " + e.getMessage() + " [" + e.reason() + "]",
                    e.reason() == RejectReason.UNTRUSTED_SIGNER
                            ? "add the publisher's public key to the agent's trust store, or sign the spore with a trusted key"
                            : "check the spore with: mesh spore verify FILE --trust DIR");
        }
    }

    private static boolean isStorage(IOException e) {
        return e instanceof FileSystemException || (e.getMessage() != null && e.getMessage().contains("No space left"));
    }

    private static ApiException storageProblem(IOException e) {
        if (e.getMessage() != null && e.getMessage().contains("No space left")) {
            return new ApiException(507, "the agent's disk is full: " + e.getMessage(), "free space in the agent's data dir and upload again");
        }
        return new ApiException(500, "the agent could not store the upload: " + e.getMessage(), "see the agent's log");
    }

    /** Copies what is read to a file, hashes and counts it, and refuses more than a limit. */
    private static final class Tee extends FilterInputStream {
        final MessageDigest sha = Digest.newSha256();
        private final OutputStream copy;
        private final long max;
        long count;

        Tee(InputStream in, OutputStream copy, long max) {
            super(in);
            this.copy = copy;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > max) {
                    throw new UploadTooLarge(max);
                }
                sha.update(b, off, n);
                copy.write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** An upload over the limit; becomes a 413. */
    private static final class UploadTooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long max;

        UploadTooLarge(long max) {
            super("upload is larger than " + max + " bytes");
            this.max = max;
        }

        ApiException api() {
            return new ApiException(413, "upload is larger than " + max + " bytes", "spores are at most 4 GiB; check the file");
        }
    }
}
