package io.memcached2.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void noArgumentsMeanTheDefaults() {
        assertThat(Arguments.parse()).contains(BenchmarkConfig.defaults());
        assertThat(BenchmarkConfig.defaults().clients())
                .doesNotContain(Clients.SUBJECT_TEXT)
                .noneMatch(name -> name.endsWith("-binary"))
                .contains(Clients.REFERENCE);
        assertThat(BenchmarkConfig.defaults().workloads())
                .containsExactly(
                        "get-1t",
                        "get-64t",
                        "get-1000vt",
                        "async-256",
                        "multiget-100",
                        "multiget-100-4t",
                        "set-100k-4t",
                        "mixed-4t");
        assertThat(BenchmarkConfig.defaults().page()).isEmpty();
    }

    @Test
    void pageNamesTheFileForThisRunsSectionAndTheCReferenceIsAClient() {
        BenchmarkConfig c = Arguments.parse("--page", "section.md", "--clients", "memcached2,c-pingpong")
                .orElseThrow();
        assertThat(c.page()).contains(java.nio.file.Path.of("section.md"));
        assertThat(c.clients()).containsExactly("memcached2", "c-pingpong");
        assertThat(Clients.isReference("c-pingpong")).isTrue();
        assertThat(Clients.isSubject("c-pingpong")).isFalse();
        assertThat(Arguments.USAGE).contains("--page FILE");
    }

    @Test
    void theBinaryVariantsAreChosenByName() {
        BenchmarkConfig c = Arguments.parse("--clients", "memcached2-binary,spymemcached-binary,xmemcached-binary")
                .orElseThrow();
        assertThat(c.clients()).containsExactly("memcached2-binary", "spymemcached-binary", "xmemcached-binary");
        assertThat(c.clients())
                .allSatisfy(name -> assertThat(Clients.create(name).name()).isEqualTo(name));
        assertThat(Clients.isSubject("memcached2-binary")).isTrue();
    }

    @Test
    void parsesEveryOption() {
        BenchmarkConfig c = Arguments.parse(
                        "--servers",
                        "127.0.0.1:1,[::1]:2",
                        "--clients",
                        "folsom,memcached2",
                        "--workloads",
                        "get-1t",
                        "--rounds",
                        "5",
                        "--warmup",
                        "500ms",
                        "--duration",
                        "2m",
                        "--keys",
                        "7",
                        "--server-threads",
                        "2",
                        "--out",
                        "r.json")
                .orElseThrow();
        assertThat(c.servers()).extracting(s -> s.port()).containsExactly(1, 2);
        assertThat(c.clients()).containsExactly("folsom", "memcached2");
        assertThat(c.workloads()).containsExactly("get-1t");
        assertThat(c.rounds()).isEqualTo(5);
        assertThat(c.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.keys()).isEqualTo(7);
        assertThat(c.serverThreads()).isEqualTo(2);
        assertThat(c.output()).contains(Path.of("r.json"));
    }

    @Test
    void helpYieldsNoConfig() {
        assertThat(Arguments.parse("--rounds", "2", "--help")).isEmpty();
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThatThrownBy(() -> Arguments.parse("--bogus", "1")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Arguments.parse("--rounds")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Arguments.parse("--warmup", "5 parsecs")).hasMessageContaining("--warmup");
        assertThatThrownBy(() -> Arguments.parse("--clients", "memcache")).hasMessageContaining("unknown client");
        assertThatThrownBy(() -> Arguments.parse("--workloads", "get-2t")).hasMessageContaining("unknown workload");
        assertThatThrownBy(() -> Arguments.parse("--duration", "0s")).hasMessageContaining("positive");
    }

    @Test
    void mediansTakeTheMiddleOrTheMeanOfTheTwoMiddles() {
        assertThat(Medians.of(List.of(3.0, 1.0, 2.0), Double::doubleValue)).isEqualTo(2.0);
        assertThat(Medians.of(List.of(4.0, 1.0, 2.0, 3.0), Double::doubleValue)).isEqualTo(2.5);
    }
}
