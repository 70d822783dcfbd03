package io.memcached2.security;

import io.memcached2.Memcache;
import io.memcached2.Protocol;
import io.memcached2.Tls;
import io.memcached2.testkit.MemcachedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Not a test: a rough comparison of TLS and plain-text throughput against two memcached processes started alike
 * except for {@code -Z} (the testkit starts one listener per server). Blocking gets from one thread, then asynchronous gets with a bounded
 * number in flight; TLS and plain runs alternate so that background load hits both alike. Prints each round and
 * the median ratio.
 *
 * <p>Run: {@code java -cp <test classpath> io.memcached2.security.TlsThroughputCheck [gets-per-run] [rounds]}
 */
public final class TlsThroughputCheck {
    private static final int VALUE_BYTES = 512;
    private static final int IN_FLIGHT = 256;
    private static final int KEYS = 1000;

    private TlsThroughputCheck() {}

    public static void main(String[] args) throws Exception {
        int gets = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("tls-throughput-");
        TestPki ca = TestPki.newCa(dir, "bench");
        TestPki.Issued cert = ca.issue("server", "IP:127.0.0.1");
        try (MemcachedServer tlsServer = MemcachedServer.builder()
                        .tls(cert.cert(), cert.key())
                        .threads(2)
                        .start();
                MemcachedServer plainServer =
                        MemcachedServer.builder().threads(2).start();
                Memcache<String> tls = Memcache.builder()
                        .servers(tlsServer.uri())
                        .protocol(Protocol.META)
                        .tls(Tls.builder().trustPem(ca.caCert).build())
                        .build();
                Memcache<String> plain = Memcache.builder()
                        .servers(plainServer.uri())
                        .protocol(Protocol.META)
                        .build()) {
            String value = "x".repeat(VALUE_BYTES);
            for (int k = 0; k < KEYS; k++) {
                plain.set("k" + k, value);
                tls.set("k" + k, value);
            }
            System.out.printf(
                    "%s vs %s: %d gets of %d-byte values per run, %d async in flight, %d processors%n",
                    tlsServer.uri(),
                    plainServer.uri(),
                    gets,
                    VALUE_BYTES,
                    IN_FLIGHT,
                    Runtime.getRuntime().availableProcessors());
            blocking(plain, gets);
            blocking(tls, gets);
            async(plain, gets);
            async(tls, gets); // warm-up
            List<Double> blockingRatios = new ArrayList<>();
            List<Double> asyncRatios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double bp = blocking(plain, gets);
                double bt = blocking(tls, gets);
                double ap = async(plain, gets);
                double at = async(tls, gets);
                blockingRatios.add(bt / bp);
                asyncRatios.add(at / ap);
                System.out.printf(
                        "round %d: blocking plain %,.0f/s tls %,.0f/s (%.2f) | async plain %,.0f/s tls %,.0f/s"
                                + " (%.2f)%n",
                        round, bp, bt, bt / bp, ap, at, at / ap);
            }
            System.out.printf(
                    "median TLS/plain: blocking %.2f, async %.2f%n", median(blockingRatios), median(asyncRatios));
        }
    }

    /** @return gets per second, one at a time from this thread */
    private static double blocking(Memcache<String> client, int gets) {
        long start = System.nanoTime();
        for (int i = 0; i < gets; i++) {
            client.get("k" + (i % KEYS));
        }
        return gets / ((System.nanoTime() - start) / 1e9);
    }

    /** @return gets per second with up to {@link #IN_FLIGHT} in flight */
    private static double async(Memcache<String> client, int gets) throws Exception {
        Semaphore window = new Semaphore(IN_FLIGHT);
        CompletableFuture<?>[] all = new CompletableFuture<?>[gets];
        long start = System.nanoTime();
        for (int i = 0; i < gets; i++) {
            window.acquire();
            all[i] =
                    client.async().get("k" + (i % KEYS)).toCompletableFuture().whenComplete((v, e) -> window.release());
        }
        CompletableFuture.allOf(all).get();
        return gets / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
