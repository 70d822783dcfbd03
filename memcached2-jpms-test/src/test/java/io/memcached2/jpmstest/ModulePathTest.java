package io.memcached2.jpmstest;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Memcache;
import io.memcached2.testkit.MemcachedServer;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The core as a named module on the module path: exactly the API packages exported, and a real round trip. */
class ModulePathTest {
    private static final Set<String> API_PACKAGES =
            Set.of("io.memcached2", "io.memcached2.event", "io.memcached2.routing", "io.memcached2.transcode");

    @Test
    void bothModulesAreNamed() {
        assertThat(Consumer.class.getModule().getName()).isEqualTo("io.memcached2.jpmstest");
        assertThat(Memcache.class.getModule().getName()).isEqualTo("io.memcached2");
        assertThat(Consumer.class.getModule().canRead(Memcache.class.getModule()))
                .isTrue();
    }

    @Test
    void exportsExactlyTheApiPackagesToEveryone() {
        ModuleDescriptor core = Memcache.class.getModule().getDescriptor();
        Set<String> exported = new TreeSet<>();
        for (ModuleDescriptor.Exports export : core.exports()) {
            assertThat(export.isQualified())
                    .as("export of %s is qualified", export.source())
                    .isFalse();
            exported.add(export.source());
        }
        assertThat(exported).containsExactlyInAnyOrderElementsOf(API_PACKAGES);
        Set<String> internal = core.packages().stream()
                .filter(p -> p.startsWith("io.memcached2.internal"))
                .collect(Collectors.toSet());
        assertThat(internal).isNotEmpty();
        for (String p : internal) {
            assertThat(Memcache.class.getModule().isExported(p, Consumer.class.getModule()))
                    .as(p)
                    .isFalse();
        }
        assertThat(core.opens()).isEmpty();
        assertThat(core.isOpen()).isFalse();
    }

    @Test
    void setThenGetThroughTheModule() {
        try (MemcachedServer server = MemcachedServer.start()) {
            assertThat(Consumer.setThenGet(server.uri(), "jpms:key", "written from a named module"))
                    .isEqualTo("written from a named module");
        }
    }
}
