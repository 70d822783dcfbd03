package io.memcached2.testkit;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Holds threads back while closed; lets them all through when opened. */
final class Gate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private boolean closed;

    void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    void open() {
        lock.lock();
        try {
            closed = false;
            opened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns once the gate is open; an interrupt (the connection is closing) ends the wait early. */
    void awaitOpen() throws InterruptedException {
        lock.lock();
        try {
            while (closed) {
                opened.await();
            }
        } finally {
            lock.unlock();
        }
    }
}
