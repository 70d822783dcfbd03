package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MemcachedExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemcachedExtensionTeardownTest {

    private static long firstPid;

    @Test
    @Order(1)
    void startsAServer(MemcachedServer server) {
        firstPid = server.pid();
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    @Order(2)
    void theServerOfTheEarlierTestIsGone() {
        assertThat(firstPid).isPositive();
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }
}
