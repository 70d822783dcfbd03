package io.memcached2.bench;

import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.event.MemcacheListener;
import io.memcached2.event.RequestEnd;
import io.memcached2.event.RequestStart;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every event the client reports, the cheapest listener that still receives them all: run beside the
 * listener-less client, it measures what the events themselves cost (the target is under 5 %).
 */
public final class CountingListener implements MemcacheListener {
    private final LongAdder events = new LongAdder();

    /** @return how many events were received */
    public long events() {
        return events.sum();
    }

    @Override
    public boolean cheap() {
        return true;
    }

    @Override
    public Object requestStarted(RequestStart start) {
        events.increment();
        return null;
    }

    @Override
    public void requestEnded(RequestEnd end, Object state) {
        events.increment();
    }

    @Override
    public void requestRefused(String command, ServerAddress server, Throwable reason) {
        events.increment();
    }

    @Override
    public void requestTimedOut(String command, ServerAddress server, Duration timeout) {
        events.increment();
    }

    @Override
    public void lateReply(String command, ServerAddress server, Duration late) {
        events.increment();
    }

    @Override
    public void connectionOpened(ServerAddress server) {
        events.increment();
    }

    @Override
    public void connectionReady(ServerAddress server, Protocol protocol) {
        events.increment();
    }

    @Override
    public void connectionClosed(ServerAddress server, Throwable cause) {
        events.increment();
    }

    @Override
    public void reconnectScheduled(ServerAddress server, Duration delay) {
        events.increment();
    }

    @Override
    public void serverDown(ServerAddress server, Throwable cause) {
        events.increment();
    }

    @Override
    public void serverUp(ServerAddress server) {
        events.increment();
    }
}
