package io.memcached2.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MemcachedExtension.class)
class MemcachedExtensionTest {

    private static MemcachedServer beforeAllServer;
    private final MemcachedServer constructorServer;
    private MemcachedServer beforeEachServer;

    MemcachedExtensionTest(MemcachedServer server) {
        this.constructorServer = server;
    }

    @BeforeAll
    static void startClassServer(MemcachedServer server) {
        beforeAllServer = server;
    }

    @BeforeEach
    void rememberMethodServer(MemcachedServer server) {
        beforeEachServer = server;
    }

    @AfterAll
    static void classServerRunsUntilTheClassEnds() {
        assertThat(beforeAllServer.isRunning()).isTrue();
    }

    @Test
    void constructorAndBeforeAllShareOneClassServer() throws IOException {
        assertThat(constructorServer).isSameAs(beforeAllServer);
        assertVersion(constructorServer);
    }

    @Test
    void testMethodGetsItsOwnServerSharedWithBeforeEach(MemcachedServer server) throws IOException {
        assertThat(server).isNotSameAs(beforeAllServer).isSameAs(beforeEachServer);
        assertVersion(server);
    }

    @Test
    void injectsSeveralServers(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws IOException {
        assertThat(servers).hasSize(3).doesNotHaveDuplicates();
        assertThat(servers).extracting(MemcachedServer::port).doesNotHaveDuplicates();
        for (MemcachedServer server : servers) {
            assertVersion(server);
        }
    }

    @Test
    @MemcachedConfig(
            maxItemSize = 2 * 1024 * 1024,
            extraArgs = {"-R", "9"})
    void appliesConfig(MemcachedServer server) throws IOException {
        try (TextClient client = TextClient.to(server)) {
            client.send("stats settings\r\n");
            List<String> lines = new java.util.ArrayList<>();
            for (String line = client.readLine(); !"END".equals(line); line = client.readLine()) {
                lines.add(line);
            }
            assertThat(lines).contains("STAT item_size_max 2097152", "STAT reqs_per_event 9");
        }
    }

    private static void assertVersion(MemcachedServer server) throws IOException {
        try (TextClient client = TextClient.to(server)) {
            assertThat(client.call("version\r\n")).startsWith("VERSION ");
        }
    }
}
