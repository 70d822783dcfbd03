package io.memcached2.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcached2.ProtocolError;
import io.memcached2.ServerError;
import io.memcached2.internal.discovery.ClusterConfig;
import io.memcached2.internal.discovery.ConfigCommand;
import io.memcached2.internal.discovery.ConfigReply;
import io.memcached2.internal.discovery.NodeEntry;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict reading of configuration replies, from bytes. */
class ConfigReplyTest {
    private static final String EP = "cfg.test:11211";
    private static final String TWO_NODES = "12\nmycluster.fnjyzo.0001.use1.cache.amazonaws.com|10.82.235.120|11211"
            + " mycluster.fnjyzo.0002.use1.cache.amazonaws.com|10.80.249.27|11211\n";

    @Test
    void readsTheDocumentedConfigReply() throws IOException {
        ClusterConfig config = read(
                ConfigCommand.CONFIG_GET,
                "CONFIG cluster 0 " + TWO_NODES.length() + "\r\n" + TWO_NODES + "\r\nEND\r\n");
        assertThat(config.version()).isEqualTo(12);
        assertThat(config.nodes())
                .containsExactly(
                        new NodeEntry("mycluster.fnjyzo.0001.use1.cache.amazonaws.com", "10.82.235.120", 11211),
                        new NodeEntry("mycluster.fnjyzo.0002.use1.cache.amazonaws.com", "10.80.249.27", 11211));
    }

    @Test
    void readsTheLegacyGetReply() throws IOException {
        ClusterConfig config = read(
                ConfigCommand.LEGACY_GET,
                "VALUE AmazonElastiCache:cluster 0 " + TWO_NODES.length() + "\r\n" + TWO_NODES + "\r\nEND\r\n");
        assertThat(config.nodes()).hasSize(2);
    }

    @Test
    void readsMemorystoreEntriesAndEntriesWithoutIp() throws IOException {
        String body = "3\n10.0.0.5|10.0.0.5|11211 node-b.internal||11211 fd00::7|fd00::7|11211\n";
        ClusterConfig config =
                read(ConfigCommand.CONFIG_GET, "CONFIG cluster 0 " + body.length() + "\r\n" + body + "\r\nEND\r\n");
        assertThat(config.nodes())
                .containsExactly(
                        new NodeEntry("10.0.0.5", "10.0.0.5", 11211),
                        new NodeEntry("node-b.internal", "", 11211),
                        new NodeEntry("fd00::7", "fd00::7", 11211));
    }

    @Test
    void errorToConfigMeansTryTheLegacyGet() throws IOException {
        assertThat(read(ConfigCommand.CONFIG_GET, "ERROR\r\n")).isNull();
        assertThatThrownBy(() -> read(ConfigCommand.LEGACY_GET, "ERROR\r\n"))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("answers ERROR to both");
        assertThatThrownBy(() -> read(ConfigCommand.LEGACY_GET, "END\r\n"))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("not an ElastiCache configuration endpoint");
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, "SERVER_ERROR out of memory\r\n"))
                .isInstanceOf(ServerError.class)
                .hasMessageContaining(EP);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CONFIG cluster 0 4\r\n1\nh\r\nEND\r\n", // body not ending in LF
                "CONFIG cluster 0 3\r\n1\n\n\r\nEND\r\n", // no nodes
                "CONFIG cluster 0 8\r\nx\nh|1|1\n\r\nEND\r\n", // version not a number
                "CONFIG cluster 0 25\r\n9999999999999999999\nh||1\n\r\nEND\r\n", // version out of range
                "CONFIG cluster 0 6\r\n1\nh|1\n\r\nEND\r\n", // two fields
                "CONFIG cluster 0 10\r\n1\nh|||11\n\r\nEND\r\n", // four fields
                "CONFIG cluster 0 12\r\n1\nh|1.2.3|1\n\r\nEND\r\n", // bad IP
                "CONFIG cluster 0 8\r\n1\nh||0\n\r\nEND\r\n", // port 0
                "CONFIG cluster 0 12\r\n1\nh||65536\n\r\nEND\r\n", // port too large
                "CONFIG cluster 0 13\r\n1\nh||1  k||1\n\r\nEND\r\n", // empty entry
                "CONFIG cluster 0 12\r\n1\nh||1 h||1\n\r\nEND\r\n", // duplicate node
                "CONFIG cluster 0 9\r\n1\nh/x||1\n\r\nEND\r\n", // bad host
                "CONFIG cluster 0 13\r\n1\n|1.2.3.4|1\n\r\nEND\r\n", // empty host
                "CONFIG cluster 0 8\r\n1\nh||1\n\n\r\nEND\r\n", // a third line
                "CONFIG cluster 0 6\r\n1\nh||1\n\r\nEND\r\n", // length too short: trailer misplaced
                "CONFIG cluster 0 7\r\n1\nh||1\nXXEND\r\n", // bad trailer
                "CONFIG cluster 0 0\r\n\r\nEND\r\n", // empty body
                "CONFIG cluster 0 99999999\r\n", // over the bound, refused before reading
                "CONFIG cluster 0 1048577\r\n", // just over the bound
                "CONFIG cluster 0 -1\r\n",
                "CONFIG cluster 0 12x\r\n",
                "CONFIG cluster x 7\r\n",
                "CONFIG cluster 0\r\n",
                "CONFIG other 0 7\r\n",
                "VALUE AmazonElastiCache:cluster 0 7\r\n1\nh||1\n\r\nEND\r\n", // the other command's header
                "CONFIG cluster 0 7\n1\nh||1\n\r\nEND\r\n", // header without CR
                "hello\r\n",
            })
    void malformedRepliesAreProtocolErrorsNamingTheEndpoint(String reply) {
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, reply))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("configuration endpoint " + EP);
    }

    @Test
    void controlAndNonAsciiBytesAreRefused() {
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, "CONFIG cluster 0 8\r\n1\nh\u0000||1\n\r\nEND\r\n"))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("\\x00");
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, "CONFIG cluster 0 8\r\n1\nh\u00ff||1\n\r\nEND\r\n"))
                .isInstanceOf(ProtocolError.class);
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, "CONF\u0001IG\r\n"))
                .isInstanceOf(ProtocolError.class);
    }

    @Test
    void aHeaderLineIsBounded() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'A';
            }
        };
        assertThatThrownBy(() -> ConfigReply.read(endless, ConfigCommand.CONFIG_GET, EP))
                .isInstanceOf(ProtocolError.class)
                .hasMessageContaining("longer than " + ConfigReply.MAX_LINE);
    }

    @Test
    void aReplyCutShortIsAnEndOfStream() {
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, ""))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("without answering");
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, "CONFIG cluster 0 9\r\n1\nh|"))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> read(ConfigCommand.CONFIG_GET, "CONFIG cluster 0 7\r\n1\nh||1\n\r\nEN"))
                .isInstanceOf(EOFException.class);
    }

    private static ClusterConfig read(ConfigCommand command, String reply) throws IOException {
        return ConfigReply.read(new ByteArrayInputStream(reply.getBytes(StandardCharsets.ISO_8859_1)), command, EP);
    }
}
