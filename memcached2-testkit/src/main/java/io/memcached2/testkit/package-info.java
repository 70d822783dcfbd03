/**
 * Test tools for memcached clients: {@link io.memcached2.testkit.MemcachedServer} runs a real memcached,
 * {@link io.memcached2.testkit.MemcachedExtension} injects servers into JUnit 5 tests,
 * {@link io.memcached2.testkit.FakeServer} sends scripted replies and socket faults, and
 * {@link io.memcached2.testkit.FaultProxy} injects network faults in front of any TCP server.
 */
package io.memcached2.testkit;
