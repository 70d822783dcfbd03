package io.memcached2.internal.transport;

import io.memcached2.MemcachedException;
import io.memcached2.OperationTimeout;
import io.memcached2.ProtocolError;
import io.memcached2.ServerDisconnect;
import io.memcached2.internal.events.TransportEvents;
import io.memcached2.internal.protocol.Dialect;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipelined connection to one server. Any thread may {@link #enqueue}; requests queue in a lock-free queue
 * and the event loop writes what is queued in one write and one flush per turn, while the channel takes more.
 * Replies are matched to requests strictly in order (and by opaque token in meta mode); anything unexpected closes
 * the connection and fails exactly the requests written on it. Requests queued but never written are handed back
 * to the node when the connection closes, since the server never saw them. All state below the submission queue
 * belongs to the event-loop thread.
 */
public final class Connection extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final AtomicIntegerFieldUpdater<Connection> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "scheduled");
    private static final AtomicIntegerFieldUpdater<Connection> CONSUMING =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "consuming");
    private static final int WRITE_CHUNK = 64 * 1024;
    /** A write buffer starts small (most batches are a few short commands) and grows as commands are encoded. */
    private static final int FIRST_BUFFER = 1024;

    private static final int OPAQUE_WRAP = 1 << 30;

    /** How a connection ended, which decides what its node does next. */
    enum Closure {
        /** An established connection was lost: reconnect at once. */
        LOST,
        /** The connection never became ready: a failed attempt, for the reconnect policy. */
        ATTEMPT_FAILED,
        /** The server refused the meta probe: reconnect at once, speaking text. */
        TEXT_ONLY
    }

    /** What the connection tells its node; called on the event loop. */
    interface Listener {
        void onReady(Connection connection, Dialect dialect, boolean authSkipped);

        void onClosed(Connection connection, Throwable cause, Closure closure);

        /** Takes back a request this connection accepted and never wrote. */
        void requeue(Request request, Throwable cause, Deliveries deliveries);

        /** @return whether the server's requests in flight, over all its connections, reached the cap */
        boolean atInFlightCap();
    }

    private final Listener listener;
    private final Settings settings;
    private final String server;
    private final EventLoop loop;
    private final Queue<Request> submissions = PlatformDependent.newMpscQueue();
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private final AtomicInteger load = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Deliveries deliveries;
    private final Runnable flushTask = this::flush;
    private final ScheduledFuture<?> sweeper;
    private final long stuckNanos;
    private final long connectDeadlineNanos;
    private final long createdNanos;
    private final Handshake handshake;
    private final TransportEvents events;
    private volatile int scheduled;
    /** Guards the single-consumer submission queue: the event loop, or a submitter once the loop is gone. */
    private volatile int consuming;

    private volatile boolean loopGone;
    private volatile boolean closed;
    /** Mirrors {@link #ready} for submitting threads. */
    private volatile boolean open;

    private Throwable closeCause;

    private ChannelHandlerContext ctx;
    private Dialect dialect;
    private boolean ready;
    private boolean draining;
    /** TCP is up and, for TLS, the TLS handshake is done: the hello has reached the server. */
    private boolean transportUp;
    /** The server closed or reset the connection (rather than the client giving up on it). */
    private boolean peerClosed;

    private long drainDeadlineNanos;
    private long lastActivityNanos;
    private long replies;
    private int nextOpaque = 1;
    /** The timeout shared by the requests one {@link #write()} finds expired; made when the first is found. */
    private OperationTimeout writeTimeout;
    /** Members of the {@link GetBatch} being gathered; made on the first batch. */
    private Request[] batching;

    Connection(
            Listener listener,
            Settings settings,
            String server,
            EventLoop loop,
            Boolean knownMeta,
            TransportEvents events) {
        this.listener = listener;
        this.events = events;
        this.settings = settings;
        this.server = server;
        this.loop = loop;
        this.deliveries = new Deliveries(settings.callbackExecutor);
        this.handshake = new Handshake(settings, server, knownMeta);
        this.createdNanos = System.nanoTime();
        this.connectDeadlineNanos = createdNanos + settings.connectTimeoutNanos;
        this.lastActivityNanos = createdNanos;
        long timeout = settings.operationTimeoutNanos;
        this.stuckNanos = Math.max(timeout, TimeUnit.SECONDS.toNanos(1));
        long tick =
                Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(timeout / 10, TimeUnit.MILLISECONDS.toNanos(20)));
        this.sweeper = loop.scheduleAtFixedRate(this::sweep, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** @return whether the connection has closed (it never reopens) */
    boolean isClosed() {
        return closed;
    }

    /** @return whether the server has answered the handshake; event-loop thread only */
    boolean isReady() {
        return ready;
    }

    /** @return requests accepted and not yet answered or failed */
    int load() {
        return load.get();
    }

    /** @return bytes of values accepted and not yet written */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** @return whether the server answered any request here (beyond the handshake), for its node's loop guard */
    boolean answeredRequests() {
        return replies > 0;
    }

    /** @return when the connection was created */
    long createdNanos() {
        return createdNanos;
    }

    /**
     * Queues a request; the node has checked the limits. A request that waits for the connection to be ready is
     * bounded by the connect timeout first, then by its own; a request handed over from a closed connection keeps
     * the deadline it had.
     */
    void enqueue(Request r) {
        if (!r.deadlineSet) {
            long now = System.nanoTime();
            long start = open || now - connectDeadlineNanos > 0 ? now : connectDeadlineNanos;
            r.deadlineNanos = start + settings.operationTimeoutNanos;
            r.deadlineSet = true;
        }
        load.incrementAndGet();
        if (r.payload() != null) {
            queuedBytes.addAndGet(r.payload().length);
        }
        submissions.offer(r);
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                loop.execute(flushTask);
            } catch (RejectedExecutionException e) {
                loopGone = true;
            }
        }
        if (loopGone) {
            drainAfterLoop();
        }
    }

    /**
     * Fails what is queued once the event loop is gone (the client is closed). Only one thread polls the queue at a
     * time; a submitter that finds the guard taken leaves its request to the holder, which looks again after
     * releasing it.
     */
    private void drainAfterLoop() {
        while (!submissions.isEmpty() && CONSUMING.compareAndSet(this, 0, 1)) {
            try {
                Request r;
                while ((r = submissions.poll()) != null) {
                    release(r);
                    r.fail(
                            new ServerDisconnect(
                                    "server " + server + ": client is closed; " + r.describe() + " not sent"),
                            null);
                }
            } finally {
                consuming = 0;
            }
        }
    }

    private void release(Request r) {
        load.decrementAndGet();
        if (r.payload() != null) {
            queuedBytes.addAndGet(-r.payload().length);
        }
    }

    /** Writes what is queued while the channel takes more; runs on the event loop. */
    private void flush() {
        scheduled = 0;
        if (closed) {
            handBackQueued(closedCause());
            return;
        }
        // The channel may become writable again while a write is flushing, when this method cannot re-enter.
        while (ready && !closed && ctx.channel().isWritable() && !submissions.isEmpty()) {
            if (!CONSUMING.compareAndSet(this, 0, 1)) {
                return;
            }
            try {
                write();
            } finally {
                consuming = 0;
            }
        }
        if (loopGone) {
            drainAfterLoop();
        }
    }

    private void write() {
        long now = System.nanoTime();
        ByteBuf buf = null;
        boolean wrote = false;
        writeTimeout = null;
        // Only while replies are awaited: a caller on an idle connection is never batched, so a lone or first get
        // keeps its single-key form and latency, and batches form exactly when the server is the one keeping up.
        boolean coalesce = !pending.isEmpty() && dialect.coalescesGets();
        Request r;
        while ((r = submissions.poll()) != null) {
            if (!admit(r, now)) {
                continue;
            }
            if (coalesce && r.joinsBatch()) {
                r = gather(r, now);
            }
            int storeBytes = r.storeBytesBound();
            if (buf != null && storeBytes > buf.writableBytes() && buf.isReadable()) {
                // Growing the buffer would copy what it holds, and without Unsafe make a NIO view for the copy.
                ctx.write(buf, ctx.voidPromise());
                buf = null;
                wrote = true;
            }
            if (buf == null) {
                buf = ctx.alloc().ioBuffer(Math.max(FIRST_BUFFER, storeBytes));
            }
            r.assignOpaque(nextOpaque);
            nextOpaque += r.opaques();
            if (nextOpaque >= OPAQUE_WRAP) {
                nextOpaque = 1;
            }
            int mark = buf.writerIndex();
            try {
                dialect.encode(r, buf);
            } catch (RuntimeException e) {
                // the dialect cannot express it (a meta-only command to a text-only server): only this one fails
                buf.writerIndex(mark);
                releaseAll(r);
                r.fail(
                        e instanceof IllegalArgumentException
                                ? new IllegalArgumentException(
                                        "server " + server + " (" + dialect.name() + " protocol): " + e.getMessage(), e)
                                : e,
                        deliveries);
                continue;
            }
            r.bytesSent = Request.count(r.bytesSent, buf.writerIndex() - mark);
            if (r instanceof GetBatch) {
                ((GetBatch) r).shareBytesSent();
            }
            if (r.payload() != null) {
                queuedBytes.addAndGet(-r.payload().length);
                // The bytes are in the buffer now; the request need not keep the value until its reply.
                r.releasePayload();
            }
            pending.add(r);
            if (buf.readableBytes() >= WRITE_CHUNK) {
                ctx.write(buf, ctx.voidPromise());
                buf = null;
                wrote = true;
                if (!ctx.channel().isWritable()) {
                    break;
                }
            }
        }
        if (buf != null) {
            if (buf.isReadable()) {
                ctx.write(buf, ctx.voidPromise());
                wrote = true;
            } else {
                buf.release();
            }
        }
        if (wrote) {
            lastActivityNanos = now;
            ctx.flush();
        }
    }

    /**
     * Decides whether a request taken from the queue is written: one already complete is dropped, one past its
     * deadline fails; one written gets at most the operation timeout from now, whatever it waited for before.
     */
    private boolean admit(Request r, long now) {
        if (r.isDone()) {
            release(r);
            return false;
        }
        if (r.deadlineNanos - now <= 0) {
            release(r);
            if (writeTimeout == null) {
                writeTimeout = timeout();
            }
            r.failShared(writeTimeout, deliveries);
            events.timedOut(r.op());
            return false;
        }
        r.deadlineNanos = Math.min(r.deadlineNanos, now + settings.operationTimeoutNanos);
        return true;
    }

    /**
     * @return {@code first} alone, or a {@link GetBatch} of it and the eligible gets queued right behind it; never
     *     waits for more
     */
    private Request gather(Request first, long now) {
        int n = 0;
        Request next;
        while (n < GetBatch.MAX_MEMBERS - 1 && (next = submissions.peek()) != null && next.joinsBatch()) {
            submissions.poll();
            if (admit(next, now)) {
                if (batching == null) {
                    batching = new Request[GetBatch.MAX_MEMBERS];
                }
                batching[n++] = next;
            }
        }
        if (n == 0) {
            return first;
        }
        Request[] members = new Request[n + 1];
        members[0] = first;
        System.arraycopy(batching, 0, members, 1, n);
        java.util.Arrays.fill(batching, 0, n, null);
        return new GetBatch(members);
    }

    private void releaseAll(Request r) {
        if (r instanceof GetBatch) {
            load.addAndGet(1 - r.parts);
        }
        release(r);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            flush();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (closed) {
            ctx.channel().close(); // closed before its channel existed: the channel must not outlive it
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        if (closed) {
            ctx.channel().close();
            return;
        }
        transportUp = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) == null;
        events.opened();
        ctx.writeAndFlush(handshake.hello(), ctx.voidPromise());
    }

    private void send(ByteBuf greeting) {
        ctx.writeAndFlush(greeting, ctx.voidPromise());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (!ready && !greet(in)) {
                return;
            }
            if (settings.keepAliveNanos > 0) {
                lastActivityNanos = System.nanoTime(); // read by the keep-alive only; no clock read otherwise
            }
            while (in.isReadable()) {
                Request r = pending.peek();
                if (r == null) {
                    throw new ProtocolError("server " + server + " sent a reply to no request: '"
                            + Wire.quote(in, in.readerIndex(), in.readableBytes()) + "'");
                }
                int before = in.readerIndex();
                boolean complete = dialect.decode(r, in);
                r.bytesReceived = Request.count(r.bytesReceived, in.readerIndex() - before);
                if (!complete) {
                    break;
                }
                pending.poll();
                load.addAndGet(-r.parts);
                replies++;
                lateReplies(r);
                r.succeed(deliveries);
                if (r.poisonsConnection()) {
                    close(new ServerDisconnect("server " + server + " answered '" + r.text() + "' to " + r.describe()
                            + "; closing the connection, since more error lines may follow"));
                    return;
                }
            }
            closeIfDrained();
        } catch (ProtocolError e) {
            in.skipBytes(in.readableBytes());
            close(new ProtocolError("server " + server + ": " + e.getMessage()));
        }
    }

    private void closeIfDrained() {
        if (draining && !closed && pending.isEmpty() && submissions.isEmpty()) {
            close(new ServerDisconnect("server " + server + ": client is closed"));
        }
    }

    /** @return true once the handshake is over and the connection is ready */
    private boolean greet(ByteBuf in) {
        while (true) {
            switch (handshake.read(in, this::send)) {
                case NEED_MORE:
                    return false;
                case SENT:
                    continue;
                case FAILED:
                    in.skipBytes(in.readableBytes());
                    close(handshake.failure());
                    return false;
                case TEXT_ONLY:
                    in.skipBytes(in.readableBytes());
                    closeAs(handshake.failure(), Closure.TEXT_ONLY);
                    return false;
                default:
                    dialect = handshake.dialect();
                    ready = true;
                    open = true;
                    events.ready(dialect.name());
                    listener.onReady(this, dialect, handshake.authSkipped());
                    flush();
                    return true;
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!closed) {
            peerClosed = true;
            String when = ready
                    ? ""
                    : " before answering the "
                            + (handshake.closeMeansTextOnly() ? "meta protocol probe 'mn'" : "connection handshake");
            close(new ServerDisconnect("server " + server + " closed the connection" + when));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection to {} failed", server, cause);
        if (cause instanceof MemcachedException) {
            close(cause);
        } else if (TlsFailures.isTls(cause)) {
            close(tlsFailed(cause));
        } else {
            peerClosed = cause instanceof java.io.IOException;
            close(new ServerDisconnect("server " + server + ": " + cause, cause));
        }
    }

    /** A failed handshake is reported here; Netty does not always raise it as an exception too. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent && ((SslHandshakeCompletionEvent) evt).isSuccess()) {
            transportUp = true;
        } else if (evt instanceof SslHandshakeCompletionEvent) {
            Throwable cause = ((SslHandshakeCompletionEvent) evt).cause();
            LOG.debug("TLS handshake with {} failed", server, cause);
            close(tlsFailed(cause));
        }
        super.userEventTriggered(ctx, evt);
    }

    private ServerDisconnect tlsFailed(Throwable cause) {
        return new ServerDisconnect("server " + server + ": TLS failed: " + TlsFailures.explain(cause), cause);
    }

    /**
     * Fails timed-out requests, closes the connection when its oldest request is stuck, when every request on it
     * timed out while the server is at its in-flight cap, or when a graceful close ran out of time, and keeps an idle
     * connection alive. Never lets an exception escape: that would stop the timer.
     */
    private void sweep() {
        try {
            long now = System.nanoTime();
            OperationTimeout expired = null;
            boolean awaited = false;
            // Every written request is looked at: deadlines are not in order, and a long one must not hide the rest.
            for (Request r : pending) {
                if (r instanceof GetBatch) {
                    for (Request m : ((GetBatch) r).members) {
                        expired = expireWritten(m, now, expired);
                        awaited |= !m.isDone();
                    }
                } else {
                    expired = expireWritten(r, now, expired);
                    awaited |= !r.isDone();
                }
            }
            expired = expireQueued(now, expired);
            Request oldest = pending.peek();
            if (oldest != null && !awaited && listener.atInFlightCap()) {
                // Nobody waits for these replies, yet they hold the server's cap, so every new request is refused
                // until they are read: a new connection serves callers sooner. Below the cap they are read and
                // dropped, as a single slow reply is no reason to reconnect.
                close(new OperationTimeout("server " + server + ": every request written on the connection timed out"
                        + " and the in-flight cap is reached; replacing it rather than reading " + pending.size()
                        + " stale replies"));
            } else if (oldest != null && now - oldest.deadlineNanos > stuckNanos) {
                close(new OperationTimeout("server " + server + ": no reply for "
                        + TimeUnit.NANOSECONDS.toMillis(now - oldest.deadlineNanos + settings.operationTimeoutNanos)
                        + " ms; closing the connection and failing its " + pending.size() + " requests"));
            } else if (draining && now - drainDeadlineNanos > 0) {
                close(new ServerDisconnect("server " + server + ": client closed before the reply came (close timeout "
                        + TimeUnit.NANOSECONDS.toMillis(settings.closeTimeoutNanos) + " ms)"));
            } else if (settings.keepAliveNanos > 0
                    && ready
                    && !draining
                    && pending.isEmpty()
                    && submissions.isEmpty()
                    && now - lastActivityNanos > settings.keepAliveNanos) {
                lastActivityNanos = now;
                KeepAlive ping = new KeepAlive();
                ping.admin(Op.NOOP, null, 0);
                ping.server = server;
                enqueue(ping);
            }
        } catch (RuntimeException | Error e) {
            LOG.error("timer of the connection to {} failed; it keeps running", server, e);
        }
    }

    private OperationTimeout expireWritten(Request r, long now, OperationTimeout expired) {
        if (r.deadlineNanos - now <= 0 && !r.isDone()) {
            if (expired == null) {
                expired = timeout();
            }
            r.failShared(expired, deliveries);
            events.timedOut(r.op());
        }
        return expired;
    }

    /** Reports the replies that came after their request timed out (read and dropped). */
    private void lateReplies(Request r) {
        if (r instanceof GetBatch) {
            for (Request m : ((GetBatch) r).members) {
                lateReplies(m);
            }
        } else if (r.isDone() && r.failure() instanceof OperationTimeout) {
            events.lateReply(r.op(), r.deadlineNanos);
        }
    }

    private OperationTimeout expireQueued(long now, OperationTimeout expired) {
        if (!CONSUMING.compareAndSet(this, 0, 1)) {
            return expired;
        }
        try {
            Request queued;
            while ((queued = submissions.peek()) != null && queued.deadlineNanos - now <= 0) {
                submissions.poll();
                release(queued);
                if (expired == null) {
                    expired = timeout();
                }
                queued.failShared(expired, deliveries);
                events.timedOut(queued.op());
            }
        } finally {
            consuming = 0;
        }
        return expired;
    }

    /** One exception per sweep, not one per request: callers get their own copy, with their own stack. */
    private OperationTimeout timeout() {
        return new OperationTimeout("server " + server + ": no reply within "
                + TimeUnit.NANOSECONDS.toMillis(settings.operationTimeoutNanos) + " ms (operation timeout)");
    }

    /**
     * Stops taking new work and closes once every request written or queued here has its reply, or at the
     * deadline, failing what is left; safe from any thread.
     */
    void closeGracefully(long deadlineNanos) {
        execute(() -> {
            if (closed) {
                return;
            }
            draining = true;
            drainDeadlineNanos = deadlineNanos;
            // A connection still being made sends what waits for it once ready, or fails it when it cannot be.
            if (ready) {
                flush();
                closeIfDrained();
            } else if (submissions.isEmpty()) {
                close(new ServerDisconnect("server " + server + ": client is closed"));
            }
        });
    }

    /** Closes the connection; requests written on it fail with {@code cause}; safe from any thread. */
    void close(Throwable cause) {
        closeAs(cause, null);
    }

    private void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            closed = true;
            loopGone = true;
            drainAfterLoop();
        }
    }

    private void closeAs(Throwable cause, Closure closure) {
        if (!loop.inEventLoop()) {
            execute(() -> closeAs(cause, closure));
            return;
        }
        if (closed) {
            return;
        }
        closeCause = cause;
        closed = true;
        open = false;
        sweeper.cancel(false);
        events.closed(draining ? null : cause, ready);
        Closure how = closure != null
                ? closure
                : ready
                        ? Closure.LOST
                        : peerClosed && transportUp && handshake.closeMeansTextOnly()
                                ? Closure.TEXT_ONLY
                                : Closure.ATTEMPT_FAILED;
        // The node replaces the connection first, so that the requests handed back below find the new one.
        try {
            listener.onClosed(this, cause, how);
        } catch (RuntimeException | Error e) {
            LOG.error("node of {} failed on a closed connection; failing its requests anyway", server, e);
        }
        Request r;
        while ((r = pending.poll()) != null) {
            load.addAndGet(-r.parts);
            r.failShared(cause, deliveries);
        }
        handBackQueued(cause);
        if (ctx != null) {
            ctx.channel().close();
        }
    }

    private void handBackQueued(Throwable cause) {
        if (!CONSUMING.compareAndSet(this, 0, 1)) {
            return;
        }
        try {
            Request r;
            while ((r = submissions.poll()) != null) {
                release(r);
                if (r.isDone()) {
                    continue;
                }
                try {
                    listener.requeue(r, cause, deliveries);
                } catch (RuntimeException | Error e) {
                    r.failShared(cause, deliveries);
                }
            }
        } finally {
            consuming = 0;
        }
    }

    private Throwable closedCause() {
        return closeCause != null ? closeCause : new ServerDisconnect("server " + server + ": connection closed");
    }

    /** The no-op a connection sends when idle, so that a dead peer is found before a caller needs it. */
    private static final class KeepAlive extends Request {
        @Override
        protected void onDone(Deliveries deliveries) {
            // Nobody waits: a missing reply times out and the stuck-request check closes the connection.
        }
    }
}
