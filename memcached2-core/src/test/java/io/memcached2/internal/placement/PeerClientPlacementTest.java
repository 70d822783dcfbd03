package io.memcached2.internal.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcached2.Selectors;
import io.memcached2.ServerAddress;
import io.memcached2.routing.KetamaFlavor;
import io.memcached2.routing.Selector;
import io.memcached2.testkit.MemcachedExtension;
import io.memcached2.testkit.MemcachedServer;
import io.memcached2.testkit.MemcachedServers;
import io.memcached2.testsupport.Twemproxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import net.spy.memcached.KetamaNodeKeyFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Key placement compatibility with the real clients: each test stores {@link #KEYS} through a real client into three
 * real memcached servers, reads back which server holds each key, and checks our selector picks that server for
 * every key. Peer clients: Debian's python3-memcache and python3-pylibmc (run with /usr/bin/python3), nutcracker
 * (twemproxy), spymemcached 2.12.3 and xmemcached 2.4.8.
 */
@ExtendWith(MemcachedExtension.class)
class PeerClientPlacementTest {
    static final List<String> KEYS = CompatKeys.generate(2_000);
    private static final int[] EQUAL = {1, 1, 1};
    private static final int[] WEIGHTS_123 = {1, 2, 3};

    @Test
    void pythonMemcached(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        checkPython(PythonPeer.Client.PYTHON_MEMCACHED, addresses(servers, EQUAL, false), Selectors.pythonMemcached());
    }

    @Test
    void pythonMemcachedWeighted(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        checkPython(
                PythonPeer.Client.PYTHON_MEMCACHED,
                addresses(servers, WEIGHTS_123, false),
                Selectors.pythonMemcached());
    }

    @Test
    void pythonMemcachedRehashesPastADeadServer(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        List<ServerAddress> addresses = addresses(servers, EQUAL, false);
        servers.get(1).kill();
        assertThat(PythonPeer.store(PythonPeer.Client.PYTHON_MEMCACHED, addresses, KEYS))
                .isEqualTo(KEYS.size());
        IntPredicate up = i -> i != 1;
        new ObservedPlacement(addresses, KEYS, up).assertMatches(Selectors.pythonMemcached(), up);
    }

    @Test
    void pylibmcKetama(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        checkPython(
                PythonPeer.Client.PYLIBMC_KETAMA,
                addresses(servers, EQUAL, false),
                Selectors.ketama(KetamaFlavor.LIBMEMCACHED_KETAMA));
    }

    @Test
    void pylibmcKetamaWithWeights(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        checkPython(
                PythonPeer.Client.PYLIBMC_KETAMA,
                addresses(servers, WEIGHTS_123, false),
                Selectors.ketama(KetamaFlavor.LIBMEMCACHED_KETAMA));
    }

    @Test
    void pylibmcKetamaWeighted(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        checkPython(PythonPeer.Client.PYLIBMC_KETAMA_WEIGHTED, addresses(servers, EQUAL, false), Selectors.ketama());
    }

    @Test
    void pylibmcKetamaWeightedWithWeights(@MemcachedServers(count = 3) List<MemcachedServer> servers) {
        checkPython(
                PythonPeer.Client.PYLIBMC_KETAMA_WEIGHTED, addresses(servers, WEIGHTS_123, false), Selectors.ketama());
    }

    @Test
    void twemproxyMd5(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        ObservedPlacement observed = throughTwemproxy("md5", addresses(servers, EQUAL, false));
        observed.assertMatches(Selectors.ketama());
        observed.assertMatches(Selectors.ketama(KetamaFlavor.TWEMPROXY_MD5));
    }

    @Test
    void twemproxyMd5WithWeights(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        ObservedPlacement observed = throughTwemproxy("md5", addresses(servers, WEIGHTS_123, false));
        observed.assertMatches(Selectors.ketama());
        observed.assertMatches(Selectors.ketama(KetamaFlavor.TWEMPROXY_MD5));
    }

    @Test
    void twemproxyMd5WithNames(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        throughTwemproxy("md5", addresses(servers, WEIGHTS_123, true))
                .assertMatches(Selectors.ketama(KetamaFlavor.TWEMPROXY_MD5));
    }

    @Test
    void twemproxyDefaultHash(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        throughTwemproxy(null, addresses(servers, EQUAL, false))
                .assertMatches(Selectors.ketama(KetamaFlavor.TWEMPROXY));
    }

    @Test
    void twemproxyDefaultHashWithNames(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        throughTwemproxy(null, addresses(servers, EQUAL, true)).assertMatches(Selectors.ketama(KetamaFlavor.TWEMPROXY));
    }

    @Test
    void spymemcachedSpymemcachedFormat(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        List<ServerAddress> addresses = addresses(servers, EQUAL, false);
        JavaPeers.storeWithSpymemcached(addresses, KetamaNodeKeyFormatter.Format.SPYMEMCACHED, KEYS);
        ObservedPlacement observed = new ObservedPlacement(addresses, KEYS);
        observed.assertMatches(Selectors.ketama(KetamaFlavor.SPYMEMCACHED));
        observed.assertMatches(Selectors.ketama());
    }

    @Test
    void spymemcachedSpymemcachedFormatWithWeights(@MemcachedServers(count = 3) List<MemcachedServer> servers)
            throws Exception {
        List<ServerAddress> addresses = addresses(servers, WEIGHTS_123, false);
        JavaPeers.storeWithSpymemcached(addresses, KetamaNodeKeyFormatter.Format.SPYMEMCACHED, KEYS);
        new ObservedPlacement(addresses, KEYS).assertMatches(Selectors.ketama(KetamaFlavor.SPYMEMCACHED));
    }

    @Test
    void spymemcachedLibmemcachedFormat(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        List<ServerAddress> addresses = addresses(servers, EQUAL, false);
        JavaPeers.storeWithSpymemcached(addresses, KetamaNodeKeyFormatter.Format.LIBMEMCACHED, KEYS);
        new ObservedPlacement(addresses, KEYS)
                .assertMatches(Selectors.ketama(KetamaFlavor.SPYMEMCACHED_LIBMEMCACHED_FORMAT));
    }

    @Test
    void xmemcachedDefaultBuilder(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        List<ServerAddress> addresses = addresses(servers, EQUAL, false);
        JavaPeers.storeWithXmemcached(addresses, true, KEYS);
        new ObservedPlacement(addresses, KEYS).assertMatches(Selectors.ketama(KetamaFlavor.XMEMCACHED));
    }

    @Test
    void xmemcachedWithWeights(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        List<ServerAddress> addresses = addresses(servers, WEIGHTS_123, false);
        JavaPeers.storeWithXmemcached(addresses, true, KEYS);
        new ObservedPlacement(addresses, KEYS).assertMatches(Selectors.ketama(KetamaFlavor.XMEMCACHED));
    }

    @Test
    void xmemcachedUnresolved(@MemcachedServers(count = 3) List<MemcachedServer> servers) throws Exception {
        List<ServerAddress> addresses = addresses(servers, EQUAL, false);
        JavaPeers.storeWithXmemcached(addresses, false, KEYS);
        new ObservedPlacement(addresses, KEYS).assertMatches(Selectors.ketama(KetamaFlavor.XMEMCACHED_UNRESOLVED));
    }

    private static void checkPython(PythonPeer.Client client, List<ServerAddress> addresses, Selector selector) {
        assertThat(PythonPeer.store(client, addresses, KEYS))
                .as("keys %s stored", client.mode)
                .isEqualTo(KEYS.size());
        new ObservedPlacement(addresses, KEYS).assertMatches(selector);
    }

    private static ObservedPlacement throughTwemproxy(String hash, List<ServerAddress> addresses) throws Exception {
        try (Twemproxy proxy = Twemproxy.start(hash, addresses)) {
            proxy.store(KEYS);
        }
        return new ObservedPlacement(addresses, KEYS);
    }

    /** The testkit's servers as configured addresses, with weights and optionally twemproxy names. */
    private static List<ServerAddress> addresses(List<MemcachedServer> servers, int[] weights, boolean named) {
        List<ServerAddress> addresses = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            MemcachedServer s = servers.get(i);
            addresses.add(ServerAddress.parse("memcached://" + s.host() + ":" + s.port() + "/?weight=" + weights[i]
                    + (named ? "&name=cache-" + (char) ('a' + i) : "")));
        }
        return addresses;
    }
}
