package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs after every other class (see junit-platform.properties): no process the suite started is left. */
@Order(Integer.MAX_VALUE)
class NoLeftoverProcessesTest {

    @Test
    void noChildProcessOutlivesItsTest() {
        assertThat(Deadline.after(Duration.ofSeconds(5))
                        .await(() -> ProcessHandle.current()
                                .descendants()
                                .noneMatch(handle -> Processes.isAlive(handle.pid()))))
                .as(
                        "live descendants: %s",
                        ProcessHandle.current()
                                .descendants()
                                .map(handle -> handle.pid() + " "
                                        + handle.info().commandLine().orElse("?"))
                                .toList())
                .isTrue();
    }
}
