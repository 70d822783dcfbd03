package io.memcached2.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.cli.support.ExitCodes;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** incr and decr against a real memcached. */
@ExtendWith(MemcachedExtension.class)
class CounterCommandsTest {

    @Test
    void incrAndDecrPrintTheNewValue(MemcachedServer server) {
        McRun.against(server, "set", "n", "10");

        assertThat(McRun.against(server, "incr", "n").out()).isEqualTo("11\n");
        assertThat(McRun.against(server, "incr", "n", "5").out()).isEqualTo("16\n");
        assertThat(McRun.against(server, "decr", "n", "20").out()).isEqualTo("0\n");
        assertThat(McRun.against(server, "incr", "--json", "n", "3").out()).isEqualTo("{\"n\":3}\n");
    }

    @Test
    void aMissingCounterExitsOneUnlessInitialIsGiven(MemcachedServer server) {
        assertThat(McRun.against(server, "incr", "c").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(McRun.against(server, "decr", "c").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

        McRun created = McRun.against(server, "incr", "--initial", "100", "--ttl", "1h", "c");
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).isEqualTo("100\n");
        assertThat(McRun.against(server, "decr", "--initial", "7", "c", "1").out())
                .isEqualTo("99\n");
    }

    @Test
    void aValueThatIsNotANumberIsRefused(MemcachedServer server) {
        McRun.against(server, "set", "word", "hello");

        McRun incr = McRun.against(server, "incr", "word");
        assertThat(incr.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(incr.err()).startsWith("mc incr: ").hasLineCount(1);
        assertThat(McRun.against(server, "incr", "word", "-1").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
