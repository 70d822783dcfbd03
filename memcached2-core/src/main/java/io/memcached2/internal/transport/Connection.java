package io.memcached2.internal.transport;

import io.memcached2.AuthenticationFailed;
import io.memcached2.MemcachedException;
import io.memcached2.OperationTimeout;
import io.memcached2.Overloaded;
import io.memcached2.Protocol;
import io.memcached2.ProtocolError;
import io.memcached2.ServerDisconnect;
import io.memcached2.internal.protocol.Dialect;
import io.memcached2.internal.protocol.MetaDialect;
import io.memcached2.internal.protocol.Op;
import io.memcached2.internal.protocol.Probe;
import io.memcached2.internal.protocol.Status;
import io.memcached2.internal.protocol.TextDialect;
import io.memcached2.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipelined connection to one server. Any thread may {@link #submit}; requests queue in a lock-free queue
 * and the event loop writes everything queued in one write and one flush per turn. Replies are matched to
 * requests strictly in order (and by opaque token in meta mode); anything unexpected closes the connection and
 * fails exactly the requests on it. All state below the submission queue belongs to the event-loop thread.
 */
public final class Connection extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final AtomicIntegerFieldUpdater<Connection> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(Connection.class, "scheduled");
    private static final int WRITE_CHUNK = 64 * 1024;
    /** A write buffer starts small (most batches are a few short commands) and grows as commands are encoded. */
    private static final int FIRST_BUFFER = 1024;
    private static final int OPAQUE_WRAP = 1 << 30;

    /** What the connection tells its node. */
    interface Listener {
        void onReady(Connection connection, Dialect dialect);

        void onClosed(Connection connection, Throwable cause, boolean wasReady);
    }

    private final Listener listener;
    private final Settings settings;
    private final String server;
    private final EventLoop loop;
    private final Queue<Request> submissions = PlatformDependent.newMpscQueue();
    private final ArrayDeque<Request> pending = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Deliveries deliveries;
    private final Runnable flushTask = this::flush;
    private final ScheduledFuture<?> sweeper;
    private final long stuckNanos;
    private final long connectDeadlineNanos;
    private volatile int scheduled;
    private volatile boolean closed;
    /** Mirrors {@link #ready} for submitting threads. */
    private volatile boolean open;
    private Throwable closeCause;

    private ChannelHandlerContext ctx;
    private Dialect dialect;
    private boolean probing;
    private Request authentication;
    private Dialect authDialect;
    private boolean ready;
    private int nextOpaque = 1;

    Connection(Listener listener, Settings settings, String server, EventLoop loop) {
        this.listener = listener;
        this.settings = settings;
        this.server = server;
        this.loop = loop;
        this.deliveries = new Deliveries(settings.callbackExecutor);
        this.connectDeadlineNanos = System.nanoTime() + settings.connectTimeoutNanos;
        long timeout = settings.operationTimeoutNanos;
        this.stuckNanos = Math.max(timeout, TimeUnit.SECONDS.toNanos(1));
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(timeout / 10, TimeUnit.MILLISECONDS.toNanos(20)));
        this.sweeper = loop.scheduleAtFixedRate(this::sweep, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** @return the server this connection talks to, for messages */
    String server() {
        return server;
    }

    /** @return whether the connection has closed (it never reopens) */
    boolean isClosed() {
        return closed;
    }

    /** @return whether the handshake finished; event-loop thread only */
    boolean isReady() {
        return ready;
    }

    /** @return requests submitted and not yet answered or failed */
    int inFlight() {
        return inFlight.get();
    }

    /**
     * Queues a request. Refused at once with {@link Overloaded} past the in-flight cap; a request on a closed
     * connection fails with the reason it closed.
     */
    void submit(Request r) {
        if (inFlight.incrementAndGet() > settings.maxInFlight) {
            inFlight.decrementAndGet();
            r.fail(new Overloaded("server " + server + ": " + settings.maxInFlight + " requests already in flight; "
                    + r.describe() + " refused"), null);
            return;
        }
        // A request that waits for the connection is bounded by the connect timeout first, then by its own.
        long now = System.nanoTime();
        long start = open || now - connectDeadlineNanos > 0 ? now : connectDeadlineNanos;
        r.deadlineNanos = start + settings.operationTimeoutNanos;
        submissions.offer(r);
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                loop.execute(flushTask);
            } catch (RejectedExecutionException e) {
                scheduled = 0;
                drainRefused(new ServerDisconnect("server " + server + ": client is closed"));
            }
        }
    }

    private void drainRefused(Throwable cause) {
        Request r;
        while ((r = submissions.poll()) != null) {
            inFlight.decrementAndGet();
            r.fail(cause, null);
        }
    }

    /** Writes everything queued; runs on the event loop. */
    private void flush() {
        scheduled = 0;
        if (closed) {
            failQueued(closedCause());
            deliveries.flush();
            return;
        }
        if (!ready) {
            return;
        }
        ByteBuf buf = null;
        boolean wrote = false;
        Request r;
        while ((r = submissions.poll()) != null) {
            if (r.isDone()) {
                inFlight.decrementAndGet();
                continue;
            }
            if (buf == null) {
                buf = ctx.alloc().ioBuffer(FIRST_BUFFER);
            }
            r.opaque = nextOpaque;
            nextOpaque += r.keys != null ? r.keys.length : 1;
            if (nextOpaque >= OPAQUE_WRAP) {
                nextOpaque = 1;
            }
            int mark = buf.writerIndex();
            try {
                dialect.encode(r, buf);
            } catch (RuntimeException e) {
                buf.writerIndex(mark);
                inFlight.decrementAndGet();
                r.fail(e, deliveries);
                continue;
            }
            pending.add(r);
            if (buf.readableBytes() >= WRITE_CHUNK) {
                ctx.write(buf, ctx.voidPromise());
                buf = null;
                wrote = true;
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
            ctx.flush();
        }
        deliveries.flush();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx);
        if (settings.authPayload != null) {
            authenticate();
        } else {
            chooseDialect();
        }
    }

    /**
     * Sends the credentials as the connection's first command: memcached -Y answers anything sent before them,
     * the protocol probe included, with an error. The exchange is the same in both dialects.
     */
    private void authenticate() {
        Request auth = new BlockingRequest();
        auth.op = Op.AUTH;
        auth.value = settings.authPayload;
        auth.deadlineNanos = Long.MAX_VALUE; // bounded by the connect timeout instead
        authentication = auth;
        authDialect = new TextDialect(settings.maxItemSize);
        ByteBuf buf = ctx.alloc().ioBuffer(64);
        authDialect.encode(auth, buf);
        pending.add(auth);
        inFlight.incrementAndGet();
        ctx.writeAndFlush(buf, ctx.voidPromise());
    }

    /** Uses the known or configured dialect, or asks the server with the probe. */
    private void chooseDialect() {
        if (dialect == null && settings.protocol != Protocol.AUTO) {
            dialect = settings.protocol == Protocol.TEXT ? new TextDialect(settings.maxItemSize)
                    : new MetaDialect(settings.maxItemSize);
        }
        if (dialect != null) {
            becomeReady();
            return;
        }
        probing = true;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Probe.REQUEST), ctx.voidPromise());
    }

    private void becomeReady() {
        ready = true;
        open = true;
        listener.onReady(this, dialect);
        flush();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (probing) {
                int kind = Probe.decode(in);
                if (kind == Probe.NEED_MORE) {
                    return;
                }
                probing = false;
                dialect = kind == Probe.META ? new MetaDialect(settings.maxItemSize) : new TextDialect(settings.maxItemSize);
                becomeReady();
            }
            while (in.isReadable()) {
                Request r = pending.peek();
                if (r == null) {
                    throw new ProtocolError("server " + server + " sent a reply to no request: '"
                            + Wire.quote(in, in.readerIndex(), in.readableBytes()) + "'");
                }
                if (!(r == authentication ? authDialect : dialect).decode(r, in)) {
                    break;
                }
                pending.poll();
                inFlight.decrementAndGet();
                if (r == authentication) {
                    finishAuthentication(r);
                    if (closed || probing) {
                        return; // the probe's reply comes in a later read
                    }
                    continue;
                }
                r.succeed(deliveries);
                if (r.poisonsConnection) {
                    close(new ServerDisconnect("server " + server + " answered '" + r.text + "' to " + r.describe()
                            + "; closing the connection, since more error lines may follow"));
                    return;
                }
            }
        } catch (ProtocolError e) {
            in.skipBytes(in.readableBytes());
            close(new ProtocolError("server " + server + ": " + e.getMessage()));
        } finally {
            deliveries.flush();
        }
    }

    private void finishAuthentication(Request auth) {
        authentication = null;
        authDialect = null;
        if (auth.status == Status.OK) {
            chooseDialect();
        } else {
            close(new AuthenticationFailed("server " + server + " refused the credentials: "
                    + (auth.text != null ? auth.text : String.valueOf(auth.status))));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        close(new ServerDisconnect("server " + server + " closed the connection"));
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
            close(new ServerDisconnect("server " + server + ": " + cause, cause));
        }
    }

    /** A failed handshake is reported here; Netty does not always raise it as an exception too. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent && !((SslHandshakeCompletionEvent) evt).isSuccess()) {
            Throwable cause = ((SslHandshakeCompletionEvent) evt).cause();
            LOG.debug("TLS handshake with {} failed", server, cause);
            close(tlsFailed(cause));
        }
        super.userEventTriggered(ctx, evt);
    }

    private ServerDisconnect tlsFailed(Throwable cause) {
        return new ServerDisconnect("server " + server + ": TLS failed: " + TlsFailures.explain(cause), cause);
    }

    /** Fails timed-out requests, and closes the connection when its oldest request is stuck. */
    private void sweep() {
        long now = System.nanoTime();
        for (Request r : pending) {
            if (r.deadlineNanos - now > 0) {
                break;
            }
            if (!r.isDone()) {
                r.fail(timeout(r), deliveries);
            }
        }
        Request queued;
        while ((queued = submissions.peek()) != null && queued.deadlineNanos - now <= 0) {
            submissions.poll();
            inFlight.decrementAndGet();
            queued.fail(timeout(queued), deliveries);
        }
        Request oldest = pending.peek();
        if (oldest != null && now - oldest.deadlineNanos > stuckNanos) {
            close(new OperationTimeout("server " + server + ": no reply for "
                    + TimeUnit.NANOSECONDS.toMillis(now - oldest.deadlineNanos + settings.operationTimeoutNanos)
                    + " ms; closing the connection and failing its " + pending.size() + " requests"));
        }
        deliveries.flush();
    }

    private OperationTimeout timeout(Request r) {
        return new OperationTimeout("server " + server + ": no reply to " + r.describe() + " within "
                + TimeUnit.NANOSECONDS.toMillis(settings.operationTimeoutNanos) + " ms (operation timeout)");
    }

    /** Closes the connection and fails every request on it with {@code cause}; safe from any thread. */
    void close(Throwable cause) {
        if (!loop.inEventLoop()) {
            try {
                loop.execute(() -> close(cause));
            } catch (RejectedExecutionException e) {
                closed = true;
                drainRefused(cause);
            }
            return;
        }
        if (closed) {
            return;
        }
        closeCause = cause;
        closed = true;
        sweeper.cancel(false);
        // The node learns first, so that a caller woken by the failures below and retrying at once finds it down.
        listener.onClosed(this, cause, ready);
        Request r;
        while ((r = pending.poll()) != null) {
            inFlight.decrementAndGet();
            r.fail(cause, deliveries);
        }
        failQueued(cause);
        deliveries.flush();
        if (ctx != null) {
            ctx.channel().close();
        }
    }

    private Throwable closedCause() {
        return closeCause != null ? closeCause : new ServerDisconnect("server " + server + ": connection closed");
    }

    private void failQueued(Throwable cause) {
        Request r;
        while ((r = submissions.poll()) != null) {
            inFlight.decrementAndGet();
            r.fail(cause, deliveries);
        }
    }
}
