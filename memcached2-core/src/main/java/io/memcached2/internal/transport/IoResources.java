package io.memcached2.internal.transport;

import io.memcached2.ServerAddress;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and channel types of one client: native epoll when its jar is on the class path and loads,
 * NIO otherwise.
 */
public final class IoResources implements AutoCloseable {
    private final EventLoopGroup group;
    private final boolean epoll;

    /** @param threads how many I/O threads */
    public IoResources(int threads) {
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(threads, new IoThreads(), handlers);
    }

    /** @return whether the calling thread is an I/O thread of this library (where blocking is refused) */
    public static boolean onIoThread() {
        return IoThreads.isIoThread();
    }

    /** @return the next event loop, for a new node */
    EventLoop nextLoop() {
        return group.next();
    }

    /** @return a factory for channels to the address's transport */
    ChannelFactory<Channel> channelFactory(ServerAddress address) {
        if (address.transport() == ServerAddress.Transport.UNIX) {
            return epoll ? EpollDomainSocketChannel::new : NioDomainSocketChannel::new;
        }
        return epoll ? EpollSocketChannel::new : NioSocketChannel::new;
    }

    /**
     * @return the address to connect to; a host name stays unresolved so that it is looked up again on every
     *     connect
     */
    SocketAddress remote(ServerAddress address) {
        if (address.transport() == ServerAddress.Transport.UNIX) {
            return epoll ? new DomainSocketAddress(address.path()) : UnixDomainSocketAddress.of(address.path());
        }
        return InetSocketAddress.createUnresolved(address.connectHost(), address.port());
    }

    /** @return whether native epoll is in use */
    public boolean usesEpoll() {
        return epoll;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
