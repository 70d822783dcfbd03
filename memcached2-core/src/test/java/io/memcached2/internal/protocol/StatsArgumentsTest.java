package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which stats sub-commands leave the client: memcached 1.6.18's, with their arguments; nothing else. */
class StatsArgumentsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "items",
                "slabs",
                "sizes",
                "settings",
                "conns",
                "extstore",
                "sizes_enable",
                "sizes_disable",
                "reset",
                "detail on",
                "detail off",
                "detail dump",
                "cachedump 1 100",
                "cachedump 0 0",
                "cachedump 63 4294967295"
            })
    void memcachedsSubcommandsPass(String kind) {
        assertThat(StatsArguments.check(kind)).isEqualTo(kind);
    }

    @Test
    void noSubcommandIsTheGeneralStatistics() {
        assertThat(StatsArguments.check(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch", "proxy", "Items", "RESET", " items", "reset\r\nflush_all"})
    void unknownSubcommandsAreRefusedByName(String kind) {
        assertThatThrownBy(() -> StatsArguments.check(kind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown stats sub-command '" + Keys.escape(kind) + "'")
                .hasMessageContaining("items, slabs, sizes");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "detail",
                "detail ON",
                "detail dump x",
                "cachedump",
                "cachedump 1",
                "cachedump 64 1",
                "cachedump -1 1",
                "cachedump 1 -1",
                "cachedump 1 4294967296",
                "cachedump x 1",
                "cachedump 1 1 1",
                "cachedump  1 1",
                "cachedump 01 1",
                "items x",
                "items ",
                "reset now",
                "sizes_enable 1"
            })
    void badArgumentsAreRefusedNamingTheSubcommand(String kind) {
        assertThatThrownBy(() -> StatsArguments.check(kind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stats " + kind.split(" ")[0])
                .hasMessageContaining("'" + kind + "'");
    }

    @Test
    void anEmptySubcommandIsRefused() {
        assertThatThrownBy(() -> StatsArguments.check(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
