package io.memcached2.internal.discovery;

import java.nio.charset.StandardCharsets;

/** The two ways to ask for the cluster configuration, and how each reply's header starts. */
public enum ConfigCommand {
    /** {@code config get cluster}: ElastiCache engines 1.4.14 and later, Memorystore. */
    CONFIG_GET("config get cluster\r\n", "CONFIG", "cluster"),
    /** {@code get AmazonElastiCache:cluster}: older ElastiCache engines, which answer the other with ERROR. */
    LEGACY_GET("get AmazonElastiCache:cluster\r\n", "VALUE", "AmazonElastiCache:cluster");

    final byte[] request;
    final String replyWord;
    final String key;

    ConfigCommand(String request, String replyWord, String key) {
        this.request = request.getBytes(StandardCharsets.US_ASCII);
        this.replyWord = replyWord;
        this.key = key;
    }

    /** @return the request line, CRLF included (a copy) */
    public byte[] request() {
        return request.clone();
    }
}
