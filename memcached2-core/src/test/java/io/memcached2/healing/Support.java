package io.memcached2.healing;

import io.memcached2.Memcache;
import io.memcached2.MemcacheBuilder;
import io.memcached2.Protocol;
import io.memcached2.routing.Reconnector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Helpers of the healing tests: clients built through the public API only, bounded waits for conditions, the
 * outcome of a future, and memcached's {@code stats} read over a raw socket of its own.
 */
final class Support {
    private Support() {}

    /**
     * A string client of {@code uri} speaking {@code protocol}; {@code reconnector} null keeps the default policy.
     */
    static MemcacheBuilder<String> client(String uri, Protocol protocol, Reconnector reconnector) {
        MemcacheBuilder<String> b = Memcache.builder().servers(uri).protocol(protocol);
        if (reconnector != null) {
            b.reconnector(reconnector);
        }
        return b;
    }

    /** What a future ended with: its value, or the cause it failed with. */
    static final class Outcome {
        final Object value;
        final Throwable error;

        private Outcome(Object value, Throwable error) {
            this.value = value;
            this.error = error;
        }

        @Override
        public String toString() {
            return error != null ? error.toString() : "value " + value;
        }
    }

    /**
     * Waits for {@code f} to complete.
     *
     * @throws AssertionError if it did not complete within {@code timeout}
     */
    static Outcome outcomeOf(CompletableFuture<?> f, Duration timeout) {
        try {
            return new Outcome(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (ExecutionException | CompletionException e) {
            return new Outcome(null, unwrap(e));
        } catch (TimeoutException e) {
            throw new AssertionError("not complete within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Sends {@code stats} (or {@code stats <kind>}) to memcached on a connection of its own, closed at once, so
     * that reading the stats never leaves an idle connection behind.
     *
     * @return the STAT lines as name to value, in order
     */
    static Map<String, String> stats(String host, int port, String kind) {
        return exchange(host, port, kind, null);
    }

    /**
     * Returns the remote addresses ({@code tcp:127.0.0.1:PORT}) of memcached's client connections, without the one
     * that asks.
     */
    static List<String> clientConnections(String host, int port) {
        String[] self = new String[1];
        Map<String, String> conns = exchange(host, port, "conns", self);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : conns.entrySet()) {
            String fd = e.getKey().substring(0, e.getKey().indexOf(':'));
            if (e.getKey().endsWith(":addr")
                    && conns.containsKey(fd + ":listen_addr")
                    && !e.getValue().equals(self[0])) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private static Map<String, String> exchange(String host, int port, String kind, String[] self) {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(5000);
            if (self != null) {
                self[0] = "tcp:" + s.getLocalAddress().getHostAddress() + ":" + s.getLocalPort();
            }
            s.getOutputStream()
                    .write(("stats" + (kind.isEmpty() ? "" : " " + kind) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            Map<String, String> stats = new LinkedHashMap<>();
            String line;
            while ((line = in.readLine()) != null && !line.equals("END")) {
                String[] parts = line.split(" ", 3);
                if (parts.length != 3 || !parts[0].equals("STAT")) {
                    throw new AssertionError("unexpected stats line from memcached: " + line);
                }
                stats.put(parts[1], parts[2]);
            }
            return stats;
        } catch (IOException e) {
            throw new UncheckedIOException("reading stats from " + host + ":" + port, e);
        }
    }
}
