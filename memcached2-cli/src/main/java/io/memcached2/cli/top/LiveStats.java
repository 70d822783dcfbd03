package io.memcached2.cli.top;

import io.memcached2.Memcache;
import io.memcached2.ServerStats;
import io.memcached2.cli.support.ExitCodes;
import io.memcached2.cli.support.LiveScreen;
import io.memcached2.cli.support.Streams;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The live view behind {@code mc top} and {@code mc stats --watch}: samples every server's statistics each
 * interval and draws the rates since the previous sample, in place on a terminal, one line per server otherwise.
 *
 * <p>Ctrl-C stops it cleanly: a shutdown hook ends the loop, waits for a frame being drawn, and shows the cursor
 * again. The JVM then exits as a process stopped by SIGINT does: with code 130.
 */
public final class LiveStats {
    /** How long the stop hook waits for the loop to finish a sample in progress (bounded by the client's timeout). */
    private static final Duration FINISH_BOUND = Duration.ofSeconds(5);

    private final Memcache<byte[]> client;
    private final List<String> servers;
    private final Streams streams;
    private final Duration interval;
    private final boolean plain;
    private final int count;

    /**
     * @param client a client over the servers
     * @param servers the servers, as shown, in the client's order
     * @param streams where to draw (stdout) and whether it is a terminal
     * @param interval time between frames
     * @param plain one line per server even on a terminal
     * @param count frames to draw before returning, or 0 for no limit
     */
    public LiveStats(
            Memcache<byte[]> client,
            List<String> servers,
            Streams streams,
            Duration interval,
            boolean plain,
            int count) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--interval must be positive: " + interval);
        }
        if (count < 0) {
            throw new IllegalArgumentException("--count must not be negative: " + count);
        }
        this.client = client;
        this.servers = servers;
        this.streams = streams;
        this.interval = interval;
        this.plain = plain;
        this.count = count;
    }

    /**
     * Draws frames until {@code count} are drawn or the process is interrupted by Ctrl-C.
     *
     * @return {@link ExitCodes#OK}
     * @throws InterruptedException when the calling thread is interrupted
     */
    public int run() throws InterruptedException {
        LiveScreen screen = new LiveScreen(streams.out(), streams.terminal() && !plain);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        finished.await(FINISH_BOUND.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    screen.close();
                },
                "mc-live-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<ServerStats> before = client.stats();
            long then = System.nanoTime();
            int frames = 0;
            while ((count == 0 || frames < count) && !stop.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
                List<ServerStats> after = client.stats();
                long now = System.nanoTime();
                double seconds = Math.max(1e-9, (now - then) / 1e9);
                screen.draw(
                        screen.terminal()
                                ? TopView.table(servers, before, after, seconds, describe(interval))
                                : TopView.lines(servers, before, after, seconds));
                before = after;
                then = now;
                frames++;
            }
        } finally {
            finished.countDown();
            screen.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running, and closes the screen it shares with this loop.
            }
        }
        return ExitCodes.OK;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
