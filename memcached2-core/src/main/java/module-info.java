/** The memcached2 client library. Only the public API packages are exported. */
@SuppressWarnings("module") // the name's terminal digit is the project's name, not a version
module io.memcached2 {
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    requires org.slf4j;
    requires jdk.jfr;

    exports io.memcached2;
    exports io.memcached2.event;
    exports io.memcached2.routing;
    exports io.memcached2.transcode;
}
