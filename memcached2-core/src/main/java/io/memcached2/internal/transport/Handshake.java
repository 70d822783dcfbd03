package io.memcached2.internal.transport;

import io.memcached2.AuthenticationFailed;
import io.memcached2.MemcachedException;
import io.memcached2.Protocol;
import io.memcached2.ProtocolError;
import io.memcached2.ServerDisconnect;
import io.memcached2.internal.protocol.BinaryDialect;
import io.memcached2.internal.protocol.BinaryGreeting;
import io.memcached2.internal.protocol.Dialect;
import io.memcached2.internal.protocol.Greeting;
import io.memcached2.internal.protocol.MetaDialect;
import io.memcached2.internal.protocol.TextDialect;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Brings a new connection from connected to ready, with nothing but the server's own answers: a hello first
 * ({@code mn}, which is also the protocol probe, or {@code version} once the server is known to speak only text),
 * then the credentials only if the hello was answered {@code CLIENT_ERROR unauthenticated}, so the secret never
 * reaches a server that would store it as an ordinary item, then the probe if authentication hid it. With
 * {@link Protocol#BINARY}, the hello is a binary NOOP; with credentials, SASL_LIST_MECHS instead (a server without
 * SASL answers "unknown command", and the credentials are not sent), then SASL_AUTH with PLAIN. The server has
 * answered when the handshake ends, so a connection that is ready is a server that is up.
 */
final class Handshake {
    /** What a greeting line led to. */
    enum Result {
        /** More bytes are needed. */
        NEED_MORE,
        /** The next greeting line was written; keep reading. */
        SENT,
        /** The connection is ready; see {@link #dialect()}. */
        READY,
        /** The connection cannot be used; see {@link #failure()}. */
        FAILED,
        /** The server does not take the meta probe; it speaks text from now on. See {@link #failure()}. */
        TEXT_ONLY
    }

    private enum Step {
        HELLO,
        AUTH,
        PROBE,
        BINARY_HELLO,
        BINARY_MECHANISMS,
        BINARY_AUTH
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final Settings settings;
    private final String server;
    /** What is known of the server's dialect: true meta, false text, null not known yet (probe). */
    private final Boolean knownMeta;

    private Step step = Step.HELLO;
    private boolean helloIsMeta;
    private Dialect dialect;
    private MemcachedException failure;
    private boolean authSkipped;

    Handshake(Settings settings, String server, Boolean knownMeta) {
        this.settings = settings;
        this.server = server;
        this.knownMeta =
                settings.protocol == Protocol.AUTO ? knownMeta : Boolean.valueOf(settings.protocol == Protocol.META);
    }

    /** @return the first bytes to send */
    ByteBuf hello() {
        if (settings.protocol == Protocol.BINARY) {
            step = settings.authPayload == null ? Step.BINARY_HELLO : Step.BINARY_MECHANISMS;
            return settings.authPayload == null ? BinaryGreeting.hello() : BinaryGreeting.listMechanisms();
        }
        helloIsMeta = knownMeta == null || knownMeta;
        return Unpooled.wrappedBuffer(helloIsMeta ? Greeting.META_HELLO : Greeting.TEXT_HELLO);
    }

    /**
     * @return whether a close now means the server refuses the meta probe: only while the first probe of a server
     *     whose dialect is not known is unanswered
     */
    boolean closeMeansTextOnly() {
        return knownMeta == null && (step == Step.HELLO || step == Step.PROBE);
    }

    /** @return the dialect, once {@link Result#READY} */
    Dialect dialect() {
        return dialect;
    }

    /** @return why the connection cannot be used, after {@link Result#FAILED} or {@link Result#TEXT_ONLY} */
    MemcachedException failure() {
        return failure;
    }

    /** @return whether credentials were configured but the server did not ask for them (and was allowed not to) */
    boolean authSkipped() {
        return authSkipped;
    }

    /** Reads greeting lines; anything the server sends after the handshake stays in {@code in}. */
    Result read(ByteBuf in, Consumer<ByteBuf> send) {
        if (settings.protocol == Protocol.BINARY) {
            return readBinary(in, send);
        }
        Greeting.Line line = Greeting.decode(in);
        if (line == null) {
            return Result.NEED_MORE;
        }
        switch (step) {
            case HELLO:
                return afterHello(line, send);
            case AUTH:
                return afterAuth(line, send);
            default:
                return afterProbe(line);
        }
    }

    private Result afterHello(Greeting.Line line, Consumer<ByteBuf> send) {
        switch (line.kind()) {
            case META:
            case VERSION:
                return unauthenticatedServer(line.kind() == Greeting.Kind.META);
            case TEXT_ONLY:
                if (settings.protocol == Protocol.META) {
                    return fail(
                            new ProtocolError("server " + server + " does not speak the meta protocol (it answered '"
                                    + line.text() + "' to 'mn'); use Protocol.TEXT or Protocol.AUTO"));
                }
                return helloIsMeta ? unauthenticatedServer(false) : unexpected(line, "version");
            case TOO_MANY_CONNECTIONS:
                return fail(new ServerDisconnect("server " + server + " refused the connection: '" + line.text()
                        + "' (over its connection limit, memcached -c)"));
            case UNAUTHENTICATED:
                if (settings.authPayload == null) {
                    return fail(new AuthenticationFailed("server " + server + " requires authentication (memcached -Y)"
                            + " and no credentials are configured; set MemcacheBuilder.credentials(...)"));
                }
                step = Step.AUTH;
                send.accept(authRequest());
                return Result.SENT;
            default:
                if (knownMeta == null) {
                    return textOnly("answered '" + line.text() + "' to the meta protocol probe 'mn'");
                }
                return unexpected(line, helloIsMeta ? "mn" : "version");
        }
    }

    private Result unauthenticatedServer(boolean meta) {
        if (settings.authPayload != null) {
            if (settings.authRequired) {
                return fail(new AuthenticationFailed("server " + server + " does not require authentication, but"
                        + " credentials are configured; they were not sent. Start memcached with -Y, or allow servers"
                        + " without authentication with MemcacheBuilder.requireAuthentication(false)"));
            }
            authSkipped = true;
        }
        return ready(meta);
    }

    private Result afterAuth(Greeting.Line line, Consumer<ByteBuf> send) {
        switch (line.kind()) {
            case AUTHENTICATED:
                if (knownMeta != null) {
                    return ready(knownMeta);
                }
                step = Step.PROBE;
                helloIsMeta = true;
                send.accept(Unpooled.wrappedBuffer(Greeting.META_HELLO));
                return Result.SENT;
            case CLIENT_ERROR:
            case UNAUTHENTICATED:
                return fail(new AuthenticationFailed("server " + server + " refused the credentials: " + line.text()));
            default:
                return unexpected(line, "the authentication");
        }
    }

    private Result afterProbe(Greeting.Line line) {
        switch (line.kind()) {
            case META:
                return ready(true);
            case TEXT_ONLY:
                return ready(false);
            default:
                return textOnly("answered '" + line.text() + "' to the meta protocol probe 'mn'");
        }
    }

    private Result readBinary(ByteBuf in, Consumer<ByteBuf> send) {
        BinaryGreeting.Reply reply;
        try {
            reply = BinaryGreeting.decode(in);
        } catch (ProtocolError e) {
            return fail(new ProtocolError("server " + server + ": " + e.getMessage()));
        }
        if (reply == null) {
            return Result.NEED_MORE;
        }
        switch (step) {
            case BINARY_HELLO:
                if (reply.opcode() == BinaryGreeting.NOOP && reply.status() == BinaryGreeting.AUTH_ERROR) {
                    return fail(new AuthenticationFailed("server " + server + " requires SASL authentication (memcached"
                            + " -S) and no credentials are configured; set MemcacheBuilder.credentials(...)"));
                }
                return reply.opcode() == BinaryGreeting.NOOP && reply.status() == BinaryGreeting.SUCCESS
                        ? binaryReady()
                        : unexpectedBinary(reply, "the binary no-op");
            case BINARY_MECHANISMS:
                if (reply.opcode() != BinaryGreeting.SASL_LIST_MECHS) {
                    return unexpectedBinary(reply, "SASL_LIST_MECHS");
                }
                if (reply.status() == BinaryGreeting.UNKNOWN_COMMAND) {
                    return unauthenticatedBinaryServer();
                }
                if (reply.status() != BinaryGreeting.SUCCESS || !BinaryGreeting.offersPlain(reply.text())) {
                    return fail(new AuthenticationFailed("server " + server + " does not offer SASL PLAIN: it answered"
                            + " SASL_LIST_MECHS with status 0x" + Integer.toHexString(reply.status()) + ", '"
                            + reply.text() + "'"));
                }
                step = Step.BINARY_AUTH;
                send.accept(BinaryGreeting.plainAuth(settings.authPayload));
                return Result.SENT;
            default:
                if (reply.opcode() != BinaryGreeting.SASL_AUTH) {
                    return unexpectedBinary(reply, "SASL_AUTH");
                }
                if (reply.status() == BinaryGreeting.AUTH_ERROR) {
                    return fail(new AuthenticationFailed(
                            "server " + server + " refused the credentials (SASL PLAIN): " + reply.text()));
                }
                return reply.status() == BinaryGreeting.SUCCESS ? binaryReady() : unexpectedBinary(reply, "SASL_AUTH");
        }
    }

    private Result unauthenticatedBinaryServer() {
        if (settings.authRequired) {
            return fail(new AuthenticationFailed("server " + server + " does not require authentication (it has no"
                    + " SASL), but credentials are configured; they were not sent. Start memcached with -S, or allow"
                    + " servers without authentication with MemcacheBuilder.requireAuthentication(false)"));
        }
        authSkipped = true;
        return binaryReady();
    }

    private Result binaryReady() {
        dialect = new BinaryDialect(settings.maxItemSize);
        return Result.READY;
    }

    private Result unexpectedBinary(BinaryGreeting.Reply reply, String after) {
        return fail(new ProtocolError("server " + server + ": unexpected reply to " + after + " while connecting:"
                + " opcode 0x" + Integer.toHexString(reply.opcode()) + ", status 0x"
                + Integer.toHexString(reply.status())
                + ", '" + reply.text() + "'"));
    }

    private Result ready(boolean meta) {
        dialect = meta ? new MetaDialect(settings.maxItemSize) : new TextDialect(settings.maxItemSize);
        return Result.READY;
    }

    private Result fail(MemcachedException e) {
        failure = e;
        return Result.FAILED;
    }

    private Result textOnly(String why) {
        failure = new ServerDisconnect("server " + server + " " + why);
        return Result.TEXT_ONLY;
    }

    private Result unexpected(Greeting.Line line, String after) {
        return fail(new ProtocolError("server " + server + ": unexpected reply to " + after
                + " while connecting: received '" + line.text() + "'"));
    }

    /** memcached -Y takes the credentials as the data of any set command. */
    private ByteBuf authRequest() {
        byte[] head = ("set auth 0 0 " + settings.authPayload.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return Unpooled.wrappedBuffer(head, settings.authPayload, CRLF);
    }
}
