package io.memcached2;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * Tells server trouble apart from other failures, and logs trouble once per change of state rather than once per
 * call: a cache that is down can fail thousands of calls a second, and one line per call would bury the log.
 */
final class TroubleLog {
    private final Logger log;
    private final AtomicBoolean troubled = new AtomicBoolean();
    private final LongAdder missedCalls = new LongAdder();

    TroubleLog(Logger log) {
        this.log = log;
    }

    /**
     * @return true for failures of the servers or the network, which a caller of a cache can do nothing about;
     *     false for everything else, programming errors included
     */
    static boolean isTrouble(Throwable e) {
        return e instanceof ServerDisconnect
                || e instanceof Overloaded
                || e instanceof ProtocolError
                || e instanceof ServerError
                || e instanceof NoAvailableServers;
    }

    /** Records a call that met trouble; the first after a success logs a warning. */
    void failed(RuntimeException e) {
        missedCalls.increment();
        if (troubled.compareAndSet(false, true)) {
            log.warn("memcached trouble, calls now read as misses until one succeeds: {}", e.toString());
        }
    }

    /** Records a call the servers answered; the first after trouble logs the recovery. */
    void succeeded() {
        // a plain read first: the common, healthy case must not write to a shared cache line
        if (troubled.get() && troubled.compareAndSet(true, false)) {
            log.info("memcached answers again; {} calls read as misses during the trouble", missedCalls.sumThenReset());
        }
    }
}
