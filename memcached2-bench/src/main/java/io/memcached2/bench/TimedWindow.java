package io.memcached2.bench;

import io.memcached2.load.Window;

/** A measurement window that notes the time and the JVM's resource usage when it opens and closes. */
final class TimedWindow implements Window {
    private final ResourceMeter meter;
    private long openedNanos;
    private long closedNanos;
    private ResourceUsage atOpen;
    private ResourceUsage atClose;

    /** @param meter samples CPU and allocation at both ends */
    TimedWindow(ResourceMeter meter) {
        this.meter = meter;
    }

    @Override
    public void open() {
        atOpen = meter.sample();
        openedNanos = System.nanoTime();
    }

    @Override
    public void close() {
        closedNanos = System.nanoTime();
        atClose = meter.sample();
    }

    /** @return wall time between open and close */
    long elapsedNanos() {
        return closedNanos - openedNanos;
    }

    /** @return CPU and allocation between open and close */
    ResourceUsage usage() {
        return atClose.since(atOpen);
    }
}
