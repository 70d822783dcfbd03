/*
 * The physical limit for one connection: strict ping-pong gets of one key from memcached, with nothing between
 * the socket and the loop. The benchmark module runs it beside the Java clients, so the ratio to it says how much
 * of a round trip a client spends on itself.
 *
 * usage: pingpong HOST PORT SECONDS VALUE_BYTES
 * prints one line: ops=<n> seconds=<s> cpu_seconds=<user+system>
 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static void die(const char *what) {
    fprintf(stderr, "pingpong: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void send_all(int fd, const char *buf, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("write");
        }
        buf += n;
        len -= (size_t) n;
    }
}

/* Reads until the buffer ends with the terminator; the reply's length is known, so this is exact. */
static void read_reply(int fd, char *buf, size_t expected) {
    size_t got = 0;
    while (got < expected) {
        ssize_t n = read(fd, buf + got, expected - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("read");
        }
        if (n == 0) {
            errno = ECONNRESET;
            die("server closed the connection");
        }
        got += (size_t) n;
    }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: pingpong HOST PORT SECONDS VALUE_BYTES\n");
        return 2;
    }
    double seconds = atof(argv[3]);
    int value_bytes = atoi(argv[4]);
    if (seconds <= 0 || value_bytes < 1 || value_bytes > 1 << 20) {
        fprintf(stderr, "pingpong: SECONDS must be positive and VALUE_BYTES within 1..1048576\n");
        return 2;
    }
    struct addrinfo hints = {0}, *addr;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(argv[1], argv[2], &hints, &addr);
    if (rc != 0) {
        fprintf(stderr, "pingpong: %s:%s: %s\n", argv[1], argv[2], gai_strerror(rc));
        return 2;
    }
    int fd = socket(addr->ai_family, addr->ai_socktype, addr->ai_protocol);
    if (fd < 0) die("socket");
    if (connect(fd, addr->ai_addr, addr->ai_addrlen) < 0) die("connect");
    freeaddrinfo(addr);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    const char *key = "pingpong:key";
    size_t cap = (size_t) value_bytes + 256;
    char *buf = malloc(cap);
    char *value = malloc((size_t) value_bytes);
    if (buf == NULL || value == NULL) die("malloc");
    memset(value, 'v', (size_t) value_bytes);
    int head = snprintf(buf, cap, "set %s 0 0 %d\r\n", key, value_bytes);
    send_all(fd, buf, (size_t) head);
    send_all(fd, value, (size_t) value_bytes);
    send_all(fd, "\r\n", 2);
    read_reply(fd, buf, strlen("STORED\r\n"));
    if (memcmp(buf, "STORED\r\n", 8) != 0) {
        fprintf(stderr, "pingpong: set was not stored\n");
        return 1;
    }

    char request[64];
    int request_len = snprintf(request, sizeof request, "get %s\r\n", key);
    char header[64];
    int header_len = snprintf(header, sizeof header, "VALUE %s 0 %d\r\n", key, value_bytes);
    size_t reply_len = (size_t) header_len + (size_t) value_bytes + strlen("\r\nEND\r\n");

    long ops = 0;
    double cpu0 = cpu();
    double start = now(), end = start + seconds, t = start;
    while (t < end) {
        for (int i = 0; i < 256; i++) {
            send_all(fd, request, (size_t) request_len);
            read_reply(fd, buf, reply_len);
            if (memcmp(buf, header, (size_t) header_len) != 0) {
                fprintf(stderr, "pingpong: unexpected reply: %.*s\n", header_len, buf);
                return 1;
            }
        }
        ops += 256;
        t = now();
    }
    printf("ops=%ld seconds=%.3f cpu_seconds=%.3f\n", ops, t - start, cpu() - cpu0);
    close(fd);
    return 0;
}
