package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessCleanupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void serverDiesWithAJvmKilledBySigkill() throws Exception {
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-cp",
                        location(MemcachedServer.class) + File.pathSeparator + location(OrphanedServerMain.class),
                        OrphanedServerMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.US_ASCII));
            long pid = Long.parseLong(CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .strip());
            assertThat(Processes.isAlive(pid)).isTrue();

            jvm.destroyForcibly();

            assertThat(jvm.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(Processes.awaitGone(pid, TIMEOUT))
                    .as("memcached %d is gone", pid)
                    .isTrue();
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void killLeavesNoWatchdogBehind() {
        try (MemcachedServer server = MemcachedServer.start()) {
            server.kill();
            assertThat(ProcessHandle.current().children()).noneMatch(ProcessHandle::isAlive);
        }
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }
}
