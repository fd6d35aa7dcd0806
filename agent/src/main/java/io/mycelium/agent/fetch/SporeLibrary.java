package io.mycelium.agent.fetch;

import io.mycelium.agent.metrics.AgentMetrics;
import io.mycelium.spore.digest.Digest;
import io.mycelium.spore.extract.SporeExtractor;
import io.mycelium.spore.key.TrustStore;
import io.mycelium.spore.store.DigestMismatchException;
import io.mycelium.spore.store.SporeRepo;
import io.mycelium.spore.verify.SporeRejectedException;
import io.mycelium.spore.verify.SporeVerifier;
import io.mycelium.spore.verify.VerifiedSpore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spores of this node: the content-addressed repository, fetching from peers, verification and
 * extraction. {@link #ensure} is blocking and safe to call from several threads (one digest is
 * prepared by one caller at a time).
 */
public final class SporeLibrary {
    private final SporeRepo repo;
    private final TrustStore publishers;
    private final Path sprouts;
    private final long minFreeBytes;
    /**
     * Made on the first fetch from a peer: building a JDK {@code HttpClient} initialises the default
     * TLS context (about 180 classes and the CA certificates), which an agent that never fetches
     * should not pay for at start.
     */
    private volatile HttpClient http;
    private final AgentMetrics metrics;
    private final Map<Digest, Sprout> ready = new ConcurrentHashMap<>();
    private final Map<Digest, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param repo         the spore repository
     * @param publishers   whose signatures make a spore trusted
     * @param sprouts      where spores are extracted, one directory per digest
     * @param minFreeBytes a fetch that would leave less free disk than this is refused
     * @param metrics      where fetches are counted
     */
    public SporeLibrary(SporeRepo repo, TrustStore publishers, Path sprouts, long minFreeBytes, AgentMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.repo = Objects.requireNonNull(repo, "repo");
        this.publishers = Objects.requireNonNull(publishers, "publishers");
        this.sprouts = Objects.requireNonNull(sprouts, "sprouts");
        this.minFreeBytes = minFreeBytes;
    }

    public SporeRepo repo() {
        return repo;
    }

    public boolean holds(Digest d) {
        return repo.contains(d);
    }

    /** The digests in the repository. */
    public List<Digest> list() {
        try {
            return repo.list();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Makes {@code digest} runnable here: fetched from one of {@code peerApis} (tried in order) if
     * the repository lacks it, verified, extracted. Blocking.
     */
    public Sprout ensure(Digest digest, List<URI> peerApis) throws FetchException {
        Sprout s = ready.get(digest);
        if (s != null) {
            return s;
        }
        synchronized (locks.computeIfAbsent(digest, d -> new Object())) {
            s = ready.get(digest);
            if (s != null) {
                return s;
            }
            if (!repo.contains(digest)) {
                fetch(digest, peerApis);
            }
            s = verifyAndExtract(digest);
            ready.put(digest, s);
            return s;
        }
    }

    private void fetch(Digest digest, List<URI> peerApis) throws FetchException {
        if (peerApis.isEmpty()) {
            throw new FetchException(FetchException.Kind.NO_HOLDER, "spore " + digest + " is in no live agent's repository;"
                    + " publish it (mesh publish SPORE --to URL) or fix the plan's digest");
        }
        StringBuilder errors = new StringBuilder();
        for (URI api : peerApis) {
            try {
                fetchFrom(digest, api);
                return;
            } catch (FetchException e) {
                if (e.kind() == FetchException.Kind.DISK_FULL) {
                    throw e;
                }
                errors.append(errors.isEmpty() ? "" : "; ").append(e.getMessage());
            }
        }
        throw new FetchException(FetchException.Kind.NETWORK, "spore " + digest.shortForm() + " could not be fetched: " + errors);
    }

    private void fetchFrom(Digest digest, URI api) throws FetchException {
        URI uri = api.resolve("/v1/spores/" + digest);
        long start = System.nanoTime();
        HttpResponse<InputStream> rsp;
        try {
            rsp = http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.NETWORK, "GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.NETWORK, "GET " + uri + " was interrupted", e);
        }
        CountingStream counting = null;
        boolean ok = false;
        try (InputStream body = rsp.body()) {
            if (rsp.statusCode() != 200) {
                throw new FetchException(FetchException.Kind.NETWORK, "GET " + uri + " answered " + rsp.statusCode());
            }
            long length = rsp.headers().firstValueAsLong("content-length").orElse(0);
            checkFreeSpace(digest, length);
            counting = new CountingStream(body);
            repo.put(counting, digest);
            ok = true;
        } catch (DigestMismatchException e) {
            throw new FetchException(FetchException.Kind.NETWORK, "spore from " + uri + " does not match its digest: " + e.getMessage(), e);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw diskFull(digest, "the disk filled up while it was written (" + e.getMessage() + ")");
            }
            throw new FetchException(FetchException.Kind.NETWORK, "GET " + uri + " failed while streaming: " + e.getMessage(), e);
        } finally {
            metrics.sporeFetched(counting == null ? 0 : counting.count, java.time.Duration.ofNanos(System.nanoTime() - start), ok);
        }
    }

    private void checkFreeSpace(Digest digest, long length) throws FetchException {
        long usable;
        try {
            usable = Files.getFileStore(repo.root()).getUsableSpace();
        } catch (IOException e) {
            return; // cannot tell; the write itself will say
        }
        if (usable - length < minFreeBytes) {
            throw diskFull(digest, "it needs " + mib(length) + " and " + repo.root() + " has " + mib(usable)
                    + " free, below the " + mib(minFreeBytes) + " kept free");
        }
    }

    private FetchException diskFull(Digest digest, String why) {
        return new FetchException(FetchException.Kind.DISK_FULL, "disk full: spore " + digest.shortForm() + " was not fetched: " + why
                + "; free space under " + repo.root() + " (mesh repo gc) or lower min_free_mb");
    }

    private static boolean isDiskFull(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("no space left")) {
                return true;
            }
        }
        return false;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private Sprout verifyAndExtract(Digest digest) throws FetchException {
        Path blob;
        try {
            blob = repo.get(digest, false);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.NETWORK, "spore " + digest.shortForm() + " vanished from the repository: " + e.getMessage(), e);
        }
        Path dir = sprouts.resolve(digest.hex());
        try {
            VerifiedSpore v = Files.isDirectory(dir) ? SporeVerifier.verify(blob, publishers) : SporeExtractor.extract(blob, publishers, dir);
            if (!v.digest().equals(digest)) {
                throw new FetchException(FetchException.Kind.REJECTED, "spore " + digest.shortForm() + " hashes to " + v.digest().shortForm());
            }
            return new Sprout(digest, dir, v.manifest());
        } catch (SporeRejectedException e) {
            throw new FetchException(FetchException.Kind.REJECTED, "spore " + digest.shortForm() + " rejected, never started: " + e.getMessage(), e);
        }
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    h = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).build();
                    http = h;
                }
            }
        }
        return h;
    }
}
