package io.memcached2.event;

import io.memcached2.Protocol;
import io.memcached2.ServerAddress;
import io.memcached2.internal.transport.IoResources;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** A listener for tests: keeps every event as a line, and the ones that ran on an I/O thread. */
class Recorder implements MemcacheListener {
    private final boolean cheap;
    final Queue<String> events = new ConcurrentLinkedQueue<>();
    final Queue<String> onIoThread = new ConcurrentLinkedQueue<>();
    final Queue<Duration> delays = new ConcurrentLinkedQueue<>();
    final Queue<Duration> lateBy = new ConcurrentLinkedQueue<>();
    final Queue<Throwable> refusals = new ConcurrentLinkedQueue<>();

    Recorder(boolean cheap) {
        this.cheap = cheap;
    }

    @Override
    public boolean cheap() {
        return cheap;
    }

    private void note(String event) {
        events.add(event);
        if (IoResources.onIoThread()) {
            onIoThread.add(event + " on " + Thread.currentThread().getName());
        }
    }

    List<String> matching(Predicate<String> p) {
        return events.stream().filter(p).toList();
    }

    boolean has(String prefix) {
        return events.stream().anyMatch(e -> e.startsWith(prefix));
    }

    long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    @Override
    public void requestRefused(String command, ServerAddress server, Throwable reason) {
        refusals.add(reason);
        note("refused " + command + " " + reason.getClass().getSimpleName());
    }

    @Override
    public void requestTimedOut(String command, ServerAddress server, Duration timeout) {
        note("timedOut " + command + " " + timeout.toMillis());
    }

    @Override
    public void lateReply(String command, ServerAddress server, Duration late) {
        lateBy.add(late);
        note("lateReply " + command);
    }

    @Override
    public void connectionOpened(ServerAddress server) {
        note("opened " + server.port());
    }

    @Override
    public void connectionReady(ServerAddress server, Protocol protocol) {
        note("ready " + protocol);
    }

    @Override
    public void connectionClosed(ServerAddress server, Throwable cause) {
        note("closed " + (cause == null ? "by client" : cause.getClass().getSimpleName()));
    }

    @Override
    public void connectionsReady(ServerAddress server, int count) {
        note("count " + count);
    }

    @Override
    public void reconnectScheduled(ServerAddress server, Duration delay) {
        delays.add(delay);
        note("reconnect");
    }

    @Override
    public void serverDown(ServerAddress server, Throwable cause) {
        note("down " + cause.getClass().getSimpleName());
    }

    @Override
    public void serverUp(ServerAddress server) {
        note("up");
    }
}
