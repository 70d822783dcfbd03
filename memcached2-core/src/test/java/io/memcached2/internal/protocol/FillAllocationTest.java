package io.memcached2.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A fill runs on every request, so it allocates nothing a request does not keep: nothing for single-key requests, and
 * for a multi-get only the {@link MultiKeys} holder it stores. A message built before a check fails is the kind of
 * cost this catches.
 */
class FillAllocationTest {
    private static final int CALLS = 200_000;
    private static final byte[] VALUE = new byte[32];
    private static final String[] KEYS = {"a", "b", "c"};
    private static final byte[] FORMS = {Command.KEY_ASCII, Command.KEY_ASCII, Command.KEY_ASCII};

    /** Where the reference loop keeps what it makes, so the JIT cannot drop the allocation. */
    private static volatile MultiKeys kept;

    @Test
    void singleKeyFillsAllocateNothing() {
        Command c = TestCommand.plain(null);
        long allocated = leastOf(() -> {
            for (int i = 0; i < CALLS; i++) {
                c.get(Op.GET, "k", Command.KEY_ASCII, null);
                c.getAndTouch(Op.GAT, "k", Command.KEY_ASCII, 60);
                c.touch("k", Command.KEY_ASCII, 60);
                c.delete("k", Command.KEY_ASCII, 0);
                c.store(Op.SET, "k", Command.KEY_ASCII, VALUE, 0, 0, 0);
                c.arithmetic(Op.INCR, "k", Command.KEY_ASCII, 1, true, 0, 0);
            }
        });
        // Slack for the measuring itself; one allocation a call would be megabytes.
        assertThat(allocated)
                .as("bytes allocated by %d rounds of single-key fills", CALLS)
                .isLessThan(4_096);
    }

    @Test
    void aMultiGetFillAllocatesOnlyItsKeyHolder() {
        Command c = TestCommand.plain(null);
        long holders = leastOf(() -> {
            for (int i = 0; i < CALLS; i++) {
                kept = new MultiKeys(KEYS, FORMS);
            }
        });
        long fills = leastOf(() -> {
            for (int i = 0; i < CALLS; i++) {
                c.multiGet(Op.GET_MULTI, KEYS, FORMS);
            }
        });
        assertThat(holders).as("the reference loop allocated its holders").isGreaterThan(CALLS * 16L);
        assertThat(fills).as("bytes allocated by %d multi-get fills", CALLS).isLessThan(holders + 4_096);
    }

    /** The least of a few rounds, so one-off work while the JIT settles does not count. */
    private static long leastOf(Runnable work) {
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 4; round++) {
            long before = allocatedBytes();
            work.run();
            least = Math.min(least, allocatedBytes() - before);
        }
        return least;
    }

    /**
     * This thread's allocation counter, through reflection because the io.memcached2 module (which the tests patch)
     * does not read java.management.
     */
    private static long allocatedBytes() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean")
                    .invoke(null);
            Method counter =
                    Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (Long) counter.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM cannot count allocated bytes per thread", e);
        }
    }
}
