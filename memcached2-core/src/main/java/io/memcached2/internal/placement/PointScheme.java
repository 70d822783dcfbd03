package io.memcached2.internal.placement;

import io.memcached2.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** How many ring points each server gets and how they are hashed from its node string. */
enum PointScheme {
    /** libmemcached's weighted continuum (also twemproxy's only one): a share of 160 points, four per MD5. */
    WEIGHTED_MD5 {
        @Override
        void addPoints(List<ServerAddress> servers, String[] names, Continuum.Builder ring) {
            int total = 0;
            for (ServerAddress s : servers) {
                total += s.weight();
            }
            for (int idx = 0; idx < names.length; idx++) {
                addMd5Groups(names[idx], idx, weightedPoints(servers.get(idx).weight(), total, names.length) / 4, ring);
            }
        }
    },
    /**
     * libmemcached {@code BEHAVIOR_KETAMA}: 100 one-at-a-time points per server; a weight above 1 switches
     * libmemcached to the weighted continuum.
     */
    LIBMEMCACHED_KETAMA {
        @Override
        void addPoints(List<ServerAddress> servers, String[] names, Continuum.Builder ring) {
            if (anyWeightOtherThanOne(servers)) {
                WEIGHTED_MD5.addPoints(servers, names, ring);
                return;
            }
            for (int idx = 0; idx < names.length; idx++) {
                for (int i = 0; i < 100; i++) {
                    byte[] text = (names[idx] + "-" + i).getBytes(StandardCharsets.UTF_8);
                    ring.add(OneAtATimeHasher.INSTANCE.hash(text), idx);
                }
            }
        }
    },
    /** spymemcached: 40 MD5 groups (160 points) per server; with weights, the weighted share formula. */
    SPYMEMCACHED {
        @Override
        void addPoints(List<ServerAddress> servers, String[] names, Continuum.Builder ring) {
            if (anyWeightOtherThanOne(servers)) {
                WEIGHTED_MD5.addPoints(servers, names, ring);
                return;
            }
            for (int idx = 0; idx < names.length; idx++) {
                addMd5Groups(names[idx], idx, 40, ring);
            }
        }
    },
    /** xmemcached: 160 points times the weight (the weight multiplies, it is not a share). */
    XMEMCACHED {
        @Override
        void addPoints(List<ServerAddress> servers, String[] names, Continuum.Builder ring) {
            for (int idx = 0; idx < names.length; idx++) {
                addMd5Groups(names[idx], idx, 160 * servers.get(idx).weight() / 4, ring);
            }
        }
    };

    abstract void addPoints(List<ServerAddress> servers, String[] names, Continuum.Builder ring);

    /**
     * The weighted point count exactly as libmemcached, twemproxy and spymemcached compute it, in 32-bit float:
     * with equal weights and 25, 47, 50, 55 or 61 servers it gives 156, not 160, and so must we.
     */
    static int weightedPoints(int weight, int totalWeight, int liveServers) {
        float pct = (float) weight / (float) totalWeight;
        return (int) Math.floor((float) (pct * 160f / 4f * (float) liveServers + 0.0000000001)) * 4;
    }

    private static void addMd5Groups(String name, int idx, int groups, Continuum.Builder ring) {
        for (int i = 0; i < groups; i++) {
            byte[] text = (name + "-" + i).getBytes(StandardCharsets.UTF_8);
            byte[] digest = Md5.digest(text, 0, text.length);
            for (int w = 0; w < 4; w++) {
                ring.add(Md5.word(digest, w), idx);
            }
        }
    }

    private static boolean anyWeightOtherThanOne(List<ServerAddress> servers) {
        for (ServerAddress s : servers) {
            if (s.weight() != 1) {
                return true;
            }
        }
        return false;
    }
}
