package io.memcached2.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one row per scenario into the reliability report, in the section of the current run (the CI version or the
 * soak), keeping the other section and the rows of scenarios that did not run this time.
 *
 * <p>A test run writes the report under the module's build directory,
 * {@code memcached2-core/target/reliability/RELIABILITY.md}, so that running the tests never changes a tracked file.
 * The committed {@code docs/RELIABILITY.md} is regenerated only on purpose, with {@code -Dreliability.doc=write}
 * (its header says so too).
 */
final class ReliabilityReport {
    private static final String HEADER = "| scenario | operations | ok | misses | errors by type"
            + " | errors seen by callers per connection loss | wrong values | worst timeout overshoot | recovery"
            + " | leaks |\n|---|---:|---:|---:|---|---:|---|---:|---:|---|\n";
    /** The system property, and its value, that make a run rewrite the committed document. */
    private static final String WRITE_DOC_PROPERTY = "reliability.doc";

    private static final String WRITE_DOC_VALUE = "write";

    private ReliabilityReport() {}

    /** @return docs/RELIABILITY.md with {@code -Dreliability.doc=write}, otherwise the build directory's copy */
    static Path file() {
        Path root = root();
        if (WRITE_DOC_VALUE.equals(System.getProperty(WRITE_DOC_PROPERTY))) {
            return root.resolve("docs").resolve("RELIABILITY.md");
        }
        return root.resolve("memcached2-core")
                .resolve("target")
                .resolve("reliability")
                .resolve("RELIABILITY.md");
    }

    private static Path root() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("memcached2-core"))) {
                return p;
            }
        }
        return dir;
    }

    static String row(Tally t) {
        String wrong = String.valueOf(t.wrong.sum());
        if (t.garbled.sum() > 0) {
            wrong += " (+" + t.garbled.sum() + " garbled in flight)";
        }
        return "| " + t.scenario + " | " + t.ops.sum() + " | " + t.ok.sum() + " | " + t.misses.sum() + " | "
                + t.errorSummary() + " | " + t.errorsPerLoss() + " | " + wrong + " | " + Chaos.ms(t.overshootNanos())
                + (t.margin.equals(Chaos.MARGIN) ? "" : " (margin " + t.margin.toMillis() + " ms)")
                + (t.late.sum() > 0 ? " (" + t.late.sum() + " late)" : "") + " | "
                + Chaos.ms(t.recoveryNanos) + (t.notes.isEmpty() ? "" : " (worst of " + t.notes + ")") + " | "
                + t.leaks + " |";
    }

    /** Adds or replaces the scenario's row in the current run's section. */
    static synchronized void record(Tally t) {
        String section = Chaos.soak() ? "soak" : "ci";
        String title = Chaos.soak()
                ? "## Long run (`-Dsoak=" + System.getProperty("soak") + "`), " + LocalDate.now()
                : "## Short CI run (default `./test`), " + LocalDate.now();
        Path file = file();
        try {
            Files.createDirectories(file.getParent());
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : intro();
            int firstSection = text.indexOf("<!-- ");
            text = intro() + (firstSection >= 0 ? "\n" + text.substring(firstSection) : "");
            String begin = "<!-- " + section + ":begin -->\n";
            String end = "<!-- " + section + ":end -->\n";
            int b = text.indexOf(begin);
            int e = text.indexOf(end);
            Map<String, String> rows = new LinkedHashMap<>();
            if (b >= 0 && e > b) {
                for (String line : text.substring(b + begin.length(), e).split("\n")) {
                    if (line.startsWith("| ") && !line.startsWith("| scenario ")) {
                        rows.put(line.substring(2, line.indexOf(" |", 2)), line);
                    }
                }
            } else {
                text = text + "\n" + begin + end;
                b = text.indexOf(begin);
                e = text.indexOf(end);
            }
            rows.put(t.scenario, row(t));
            List<String> lines = new ArrayList<>(rows.values());
            String body = title + "\n\n" + HEADER + String.join("\n", lines) + "\n";
            text = text.substring(0, b + begin.length()) + body + text.substring(e);
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String intro() {
        return "# Reliability\n\n"
                + "Generated by the suites in `memcached2-core/src/test/java/io/memcached2/chaos/` (do not edit the tables"
                + " by hand). The short version runs with the README's test command (`./test`); the long one with"
                + " `./mvnw -B -ntp -pl memcached2-core -am verify -Dtest='io.memcached2.chaos.**'"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dsoak=10m` (any `90s`, `10m`, `1h`). A test run writes its"
                + " tables to `memcached2-core/target/reliability/RELIABILITY.md` and leaves this file alone; add"
                + " `-D" + WRITE_DOC_PROPERTY + "=" + WRITE_DOC_VALUE + "` to either command to regenerate this file"
                + " on purpose.\n\n"
                + "Setup: three real memcached 1.6 servers, each behind a FaultProxy; clients with operation timeout "
                + Chaos.OP_TIMEOUT.toMillis() + " ms, connect timeout " + Chaos.CONNECT_TIMEOUT.toMillis()
                + " ms, exponential reconnect backoff 20 ms to " + Chaos.MAX_BACKOFF.toMillis() + " ms, protocol AUTO"
                + " (meta). Load: 16 worker threads (32 in the long run), get 40 % / set 30 % / 5-key multi-get 15 % /"
                + " incr 15 %, self-checking values `key|writer|seq|padding`. Java 17 has no virtual threads, so every"
                + " worker is a platform thread.\n\n"
                + "Properties checked on every operation, each of which fails the build:\n\n"
                + "* **wrong values**: a value read must name the key it was read under and be exactly a value some"
                + " writer attempted to store under it; a counter can never exceed the increments attempted. Values"
                + " whose bytes the proxy inverted in flight (only in the corruption scenario; the protocol has no"
                + " checksum) are counted apart as *garbled*.\n"
                + "* **worst timeout overshoot**: how far the slowest call went past the operation timeout; the bound"
                + " is " + Chaos.MARGIN.toMillis() + " ms (the timer sweep runs every 20 ms; the machine is a"
                + " loaded 2-core box). When the load stops, every worker thread must finish within the timeout plus"
                + " the margin plus 1 s, or it counts as stuck.\n"
                + "* **recovery**: from the moment the fault clears until every server answers again through the"
                + " client; the bound is the largest backoff plus one second (" + Chaos.RECOVERY_BOUND.toMillis()
                + " ms).\n"
                + "* **errors by type**: only the documented exceptions (`ServerDisconnect` and its subclasses"
                + " `OperationTimeout` / `ConnectTimeout`, `NoAvailableServers`, `MultiRetrieveException`, and where the"
                + " scenario calls for them `Overloaded`, `ProtocolError`, `ServerError`); a raw Netty or I/O exception"
                + " fails the build.\n"
                + "* **leaks**: growth of threads, file descriptors (`/proc/self/fd`) and Netty buffer memory across"
                + " the scenario, with Netty's leak detector at PARANOID: any reported leak fails the build. Under"
                + " overload and the 100,000-request burst, the live heap (after a collection) must stay bounded,"
                + " and after each burst every Netty buffer it took must have been released (counted by the leak"
                + " detector; the size of Netty's pool is reported, not bounded: its allocator keeps freed chunks of up"
                + " to 8 MiB for reuse).\n\n"
                + "Notes:\n\n"
                + "* Java 17 has no virtual threads: every load thread is a platform thread.\n"
                + "* The 100,000-request burst uses a stated margin of 500 ms: its 16,384 timeouts are handed over"
                + " in one batch by the callback pool while the caller is still submitting on this 2-core machine.\n"
                + "* *misses* include keys not written yet and keys on a server that came back empty; *NoAvailableServers*"
                + " is the documented fast failure while every server is down (reset every 100 ms).\n"
                + "* Bad replies: a reply cut short and followed by the server closing the connection fails with"
                + " `ServerDisconnect` (the bytes so far were valid); every malformed reply fails with `ProtocolError`."
                + " Each case fails the request and the one written behind it (2.00 errors per loss), then the client"
                + " replaces the connection at once: the next request succeeds (the healing suite checks that without"
                + " any wait).\n"
                + "* *errors seen by callers per connection loss*: every error a caller saw in the scenario, divided"
                + " by the established connections it lost (counted at the proxies: connections that had carried a"
                + " server reply and then ended, whoever ended them; with FakeServer, one per case). Requests already"
                + " written to a lost connection fail and are never resent; requests queued but unwritten go out on the"
                + " new connection. A dash: not counted (no proxy in front, or a fault that is not a loss of connections, such as a"
                + " stopped, silent or refusing server, where calls fail by timeouts and refusals instead).\n"
                + "* Rows with their own bound: *queued during connect* is measured from when every request was"
                + " written and bounded by the operation timeout; *stalled server* by its client's connect plus"
                + " operation timeouts (3 s). *Callbacks that block* and *full user executor* measure from the call to"
                + " its callback running.\n"
                + "* Bad input: with the meta protocol, keys with spaces or control characters are not refused but"
                + " sent base64-encoded (documented in `Memcache`); with the text protocol they are refused.\n"
                + "* Found by these suites and fixed (their tests in `BadInputTest` now pass): negative incr/decr"
                + " deltas were sent as huge unsigned numbers; TTLs near `Long.MAX_VALUE` seconds overflowed.\n"
                + "* The first 10-minute run (beside another project's CPU-bound benchmark on the same machine) saw 97"
                + " calls complete up to 4.6 s late in *reset every connection every 100 ms*, while 32 workers spun on"
                + " instant `NoAvailableServers` failures; a rerun of that scenario alone, still spinning, saw none."
                + " Not reproduced, so not filed as a client bug; workers now pause 1 ms after an instant failure"
                + " (`-Dchaos.spin=true` restores spinning) and a late call's message names the call and its outcome.\n";
    }
}
