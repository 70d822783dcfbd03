package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.cli.support.LiveScreen;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * mc top in a separate JVM under a pseudo-terminal (util-linux {@code script}) against a real server: the table
 * redraws in place with ANSI escapes, and SIGINT (Ctrl-C) stops it within a bound, restoring the cursor, with exit
 * code 130.
 */
@ExtendWith(MemcachedExtension.class)
class TopTerminalTest {
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void redrawsInPlaceAndStopsCleanlyOnSigint(MemcachedServer server) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -cp " + System.getProperty("java.class.path") + " io.memcached2.cli.Main --servers "
                + server.uri() + " top --interval 200ms";
        Process script = new ProcessBuilder("script", "-qefc", command, "/dev/null")
                .redirectErrorStream(true)
                .start();
        Output output = new Output(script.getInputStream());
        try {
            assertThat(output.await(s -> count(s, "mc top: 1 server") >= 3))
                    .as("three frames within the bound: %s", output.text())
                    .isTrue();
            String frames = output.text();
            assertThat(frames)
                    .startsWith(LiveScreen.HIDE_CURSOR)
                    .contains(LiveScreen.CLEAR_LINE)
                    .containsPattern("\r\033\\[\\d+A")
                    .contains("gets/s", "hit ratio", "memory used", server.uri());

            ProcessHandle mc = script.descendants().filter(isJava()).findFirst().orElseThrow();
            long signalled = System.nanoTime();
            assertThat(new ProcessBuilder("kill", "-INT", Long.toString(mc.pid()))
                            .start()
                            .waitFor())
                    .isZero();

            assertThat(script.waitFor(BOUND_NANOS, TimeUnit.NANOSECONDS))
                    .as("stopped within the bound")
                    .isTrue();
            assertThat(System.nanoTime() - signalled).isLessThan(BOUND_NANOS);
            assertThat(script.exitValue()).isEqualTo(130);
            output.join();
            assertThat(output.text().substring(frames.length())).contains(LiveScreen.SHOW_CURSOR);
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    private static Predicate<ProcessHandle> isJava() {
        return p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** Everything the pseudo-terminal printed, read by a thread of its own. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(InputStream in) {
            reader = new Thread(
                    () -> {
                        byte[] buffer = new byte[8192];
                        try {
                            for (int n; (n = in.read(buffer)) >= 0; ) {
                                synchronized (this) {
                                    bytes.write(buffer, 0, n);
                                    notifyAll();
                                }
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    "pty-reader");
            reader.setDaemon(true);
            reader.start();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean await(Predicate<String> condition) throws InterruptedException {
            long deadline = System.nanoTime() + BOUND_NANOS;
            while (!condition.test(text())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }

        void join() throws InterruptedException {
            reader.join(TimeUnit.NANOSECONDS.toMillis(BOUND_NANOS));
        }
    }
}
