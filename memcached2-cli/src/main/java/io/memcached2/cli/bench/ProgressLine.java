package io.memcached2.cli.bench;

import io.memcached2.load.LoadRecorder;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The live view of a running phase: on a terminal one line redrawn in place, otherwise one plain line per
 * interval (logs and CI output stay readable).
 */
final class ProgressLine {
    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final LoadRecorder m;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mc-bench-progress");
        t.setDaemon(true);
        return t;
    });
    private long last = started;
    private int width;

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
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.m = m;
        timer.scheduleAtFixedRate(this::update, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void update() {
        long now = System.nanoTime();
        Histogram interval = m.drainInterval();
        double seconds = (now - last) / 1e9;
        last = now;
        String line = String.format(Locale.ROOT, "%-8s %5.1fs  %,12.0f ops/s  p50 %,9.1f us  p99 %,9.1f us  "
                + "errors %,d", label, (now - started) / 1e9, interval.getTotalCount() / seconds,
                interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0,
                m.errorCount());
        if (terminal) {
            width = Math.max(width, line.length());
            out.print("\r" + line + " ".repeat(width - line.length()));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Stops printing and waits for an update in progress, so the caller may drain the measurements alone. */
    void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal && width > 0) {
            out.print("\r" + " ".repeat(width) + "\r");
            out.flush();
        }
    }
}
