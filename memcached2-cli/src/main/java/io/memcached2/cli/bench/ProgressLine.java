package io.memcached2.cli.bench;

import io.memcached2.cli.support.LiveScreen;
import io.memcached2.load.LoadRecorder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The live view of a running phase: on a terminal a block redrawn in place (throughput, and the client-side
 * latency percentiles of the last interval and of the phase so far), otherwise one plain line per interval (logs
 * and CI output stay readable).
 */
final class ProgressLine {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private final LiveScreen screen;
    private final String label;
    private final LoadRecorder m;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mc-bench-progress");
        t.setDaemon(true);
        return t;
    });
    private long last = started;

    /**
     * Starts printing.
     *
     * @param out where to print (stderr, so that stdout holds only the report)
     * @param terminal whether to redraw one line
     * @param interval time between updates
     * @param label the phase, such as "warm-up"
     * @param m the phase's measurements
     */
    ProgressLine(PrintStream out, boolean terminal, Duration interval, String label, LoadRecorder m) {
        this.screen = new LiveScreen(out, terminal);
        this.label = label;
        this.m = m;
        timer.scheduleAtFixedRate(this::update, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void update() {
        long now = System.nanoTime();
        Histogram interval = m.drainInterval();
        double seconds = (now - last) / 1e9;
        last = now;
        String line = String.format(
                Locale.ROOT,
                "%-8s %5.1fs  %,12.0f ops/s  p50 %,9.1f us  p99 %,9.1f us  " + "errors %,d",
                label,
                (now - started) / 1e9,
                interval.getTotalCount() / seconds,
                interval.getValueAtPercentile(50) / 1000.0,
                interval.getValueAtPercentile(99) / 1000.0,
                m.errorCount());
        if (screen.terminal()) {
            screen.draw(List.of(line, percentiles("last", interval), percentiles("total", m.latencies())));
        } else {
            screen.draw(List.of(line));
        }
    }

    /** One line of the live latency histogram: the percentiles of the report, in microseconds. */
    private static String percentiles(String what, Histogram h) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-5s latency us:", what));
        for (double p : PERCENTILES) {
            sb.append(String.format(
                    Locale.ROOT,
                    "  p%s %,9.1f",
                    p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p),
                    h.getValueAtPercentile(p) / 1000.0));
        }
        return sb.append(String.format(Locale.ROOT, "  max %,9.1f", h.getMaxValue() / 1000.0))
                .toString();
    }

    /** Stops printing and waits for an update in progress, so the caller may drain the measurements alone. */
    void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        screen.erase();
        screen.close();
    }
}
