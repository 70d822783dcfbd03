package io.memcached2.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures what slf4j-simple (the test binding) prints to whatever {@code System.err} is at each call, and picks
 * out one logger's lines. Tests in this module run one at a time, so swapping the stream is safe.
 */
public final class LogCapture implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    /** Starts capturing. */
    public LogCapture() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** @return the captured lines of this logger at this level (such as {@code WARN}) */
    public List<String> lines(String level, Class<?> logger) {
        String tag = level + " " + logger.getName() + " - ";
        return captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains(tag))
                .toList();
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
        System.err.print(captured.toString(StandardCharsets.UTF_8));
    }
}
