// An open-loop HTTP/1.1 load generator in the wrk2 model, in C so that the generator costs the
// machine little CPU: request i is due at t0 + i/rate on connection i mod N, and its latency is
// measured from when it was due, not when it was sent (no coordinated omission). One thread, one
// epoll set, a timerfd armed to the next due time with 1 ns timer slack.
//
// cc -O2 -o openloop bench/edge/openloop.c
// openloop HOST PORT PATH RATE CONNECTIONS SECONDS
// prints one line: rate_target rate_achieved p50_us p90_us p99_us p999_us max_us errors
// Responses must carry a Content-Length (the benchmark's backend does).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define FINE 50000          /* 1 us buckets up to 50 ms */
#define COARSE 60000        /* then 1 ms buckets up to 60 s */
#define BUF 16384
#define MAXQ 4096

typedef struct {
    int fd;
    char buf[BUF];
    int len;
    uint64_t queue[MAXQ]; /* due times of requests sent or waiting on this connection */
    int head, count;
    int inflight;         /* whether a request is on the wire */
} conn_t;

static uint64_t hist[FINE + COARSE + 1];

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static int bucket(uint64_t us) {
    if (us < FINE) return (int) us;
    uint64_t ms = us / 1000;
    uint64_t b = FINE + ms - FINE / 1000;
    return (int) (b > FINE + COARSE ? FINE + COARSE : b);
}

static uint64_t value(int b) {
    return b < FINE ? (uint64_t) b : (uint64_t) (b - FINE + FINE / 1000) * 1000ull;
}

static uint64_t quantile(double q, uint64_t n) {
    uint64_t rank = (uint64_t) (q * (double) n + 0.999999);
    uint64_t seen = 0;
    for (int i = 0; i <= FINE + COARSE; i++) {
        seen += hist[i];
        if (seen >= rank && hist[i] > 0) return value(i);
    }
    return 0;
}

static char request[512];
static int request_len;
static uint64_t errors, done_count;

static void send_request(conn_t *c) {
    int off = 0;
    while (off < request_len) {
        ssize_t n = write(c->fd, request + off, request_len - off);
        if (n < 0) {
            if (errno == EAGAIN) continue; /* a 60-byte request into an empty socket buffer */
            errors++;
            return;
        }
        off += (int) n;
    }
    c->inflight = 1;
}

/* Takes complete responses from the buffer; returns -1 on a malformed one. */
static int take_responses(conn_t *c, uint64_t now) {
    for (;;) {
        if (!c->inflight) return 0;
        char *end = memmem(c->buf, c->len, "\r\n\r\n", 4);
        if (!end) return 0;
        int head = (int) (end - c->buf) + 4;
        long length = -1;
        for (char *p = c->buf; p < end; p++) {
            if ((*p == 'c' || *p == 'C') && end - p > 15 && strncasecmp(p, "content-length:", 15) == 0) {
                length = strtol(p + 15, NULL, 10);
                break;
            }
        }
        if (length < 0) return -1;
        if (c->len < head + length) return 0;
        if (strncmp(c->buf, "HTTP/1.1 2", 10) != 0) errors++;
        uint64_t due = c->queue[c->head];
        c->head = (c->head + 1) % MAXQ;
        c->count--;
        hist[bucket((now - due) / 1000)]++;
        done_count++;
        memmove(c->buf, c->buf + head + length, c->len - head - length);
        c->len -= head + (int) length;
        c->inflight = 0;
        if (c->count > 0) send_request(c);
    }
}

int main(int argc, char **argv) {
    if (argc != 7) {
        fprintf(stderr, "usage: openloop HOST PORT PATH RATE CONNECTIONS SECONDS\n");
        return 2;
    }
    const char *host = argv[1];
    int port = atoi(argv[2]);
    const char *path = argv[3];
    double rate = atof(argv[4]);
    int nconn = atoi(argv[5]);
    double seconds = atof(argv[6]);
    uint64_t interval = (uint64_t) (1e9 / rate);
    uint64_t total = (uint64_t) (rate * seconds);
    request_len = snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n", path, host, port);
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

    int ep = epoll_create1(0);
    conn_t *conns = calloc((size_t) nconn, sizeof(conn_t));
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    inet_pton(AF_INET, host, &addr.sin_addr);
    for (int k = 0; k < nconn; k++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
            perror("connect");
            return 1;
        }
        conns[k].fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t) k};
        epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    }
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct epoll_event tev = {.events = EPOLLIN, .data.u32 = UINT32_MAX};
    epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);

    uint64_t t0 = now_ns() + 200000000ull;
    uint64_t next = 0;
    struct epoll_event events[256];
    uint64_t last_due = t0 + (total - 1) * interval;
    while (done_count + errors < total) {
        uint64_t now = now_ns();
        while (next < total && t0 + next * interval <= now) {
            conn_t *c = &conns[next % (uint64_t) nconn];
            if (c->count == MAXQ) {
                errors++;
            } else {
                c->queue[(c->head + c->count) % MAXQ] = t0 + next * interval;
                c->count++;
                if (!c->inflight) send_request(c);
            }
            next++;
        }
        if (next < total) {
            uint64_t due = t0 + next * interval;
            struct itimerspec its = {.it_value = {.tv_sec = (time_t) (due / 1000000000ull), .tv_nsec = (long) (due % 1000000000ull)}};
            timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
        }
        int n = epoll_wait(ep, events, 256, now > last_due + 30000000000ull ? 0 : 1000);
        if (n == 0 && now > last_due + 30000000000ull) break; /* answers owed for 30 s: give up */
        uint64_t after = now_ns();
        for (int i = 0; i < n; i++) {
            if (events[i].data.u32 == UINT32_MAX) {
                uint64_t expirations;
                ssize_t r = read(tfd, &expirations, sizeof expirations);
                (void) r;
                continue;
            }
            conn_t *c = &conns[events[i].data.u32];
            ssize_t r = read(c->fd, c->buf + c->len, BUF - c->len);
            if (r <= 0) {
                fprintf(stderr, "connection %u closed\n", events[i].data.u32);
                epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
                errors += (uint64_t) c->count;
                c->count = 0;
                c->inflight = 0;
                continue;
            }
            c->len += (int) r;
            if (take_responses(c, after) < 0) {
                fprintf(stderr, "a response without Content-Length\n");
                return 1;
            }
        }
    }
    double elapsed = (double) (now_ns() - t0) / 1e9;
    printf("%.0f %.0f %lu %lu %lu %lu %lu %lu\n", rate, (double) done_count / elapsed,
           (unsigned long) quantile(0.5, done_count), (unsigned long) quantile(0.9, done_count),
           (unsigned long) quantile(0.99, done_count), (unsigned long) quantile(0.999, done_count),
           (unsigned long) quantile(1.0, done_count), (unsigned long) errors);
    return 0;
}
