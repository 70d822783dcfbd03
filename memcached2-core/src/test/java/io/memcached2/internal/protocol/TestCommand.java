package io.memcached2.internal.protocol;

import java.nio.charset.StandardCharsets;

/** A plain command for codec tests, with builders for the request fields. */
final class TestCommand extends Command {

    static TestCommand of(Op op, String key) {
        TestCommand c = new TestCommand();
        c.op = op;
        c.key = key;
        c.keyForm = key == null ? Command.KEY_ASCII : Keys.check(key, true);
        return c;
    }

    /** A command whose key form is the one {@link Keys#check} gives for the dialect. */
    static TestCommand of(Op op, String key, boolean meta) {
        TestCommand c = of(op, null);
        c.key = key;
        c.keyForm = Keys.check(key, meta);
        return c;
    }

    static TestCommand multi(Op op, boolean meta, String... keys) {
        TestCommand c = of(op, null);
        byte[] forms = new byte[keys.length];
        for (int i = 0; i < keys.length; i++) {
            forms[i] = Keys.check(keys[i], meta);
        }
        c.multi = new MultiKeys(keys, forms);
        return c;
    }

    static TestCommand plain(Op op) {
        return of(op, null);
    }

    TestCommand value(String v) {
        value = v.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    TestCommand opaque(int o) {
        opaque = o;
        return this;
    }

    TestCommand exptime(int e) {
        exptime = e;
        return this;
    }

    TestCommand flags(int f) {
        flags = f;
        return this;
    }

    TestCommand cas(long c) {
        compareCas = c;
        return this;
    }

    TestCommand delta(long d) {
        delta = d;
        return this;
    }

    TestCommand arg(String a) {
        arg = a;
        return this;
    }

    /** Adds meta N (vivify on miss with this TTL). */
    TestCommand vivify(int ttl) {
        MetaOptions o = meta();
        options = MetaOptions.of(ttl, o.recacheTtl(), o.wantTtl(), o.invalidate(), o.returnCas());
        return this;
    }

    /** Adds meta R (early recache below this TTL). */
    TestCommand recache(int ttl) {
        MetaOptions o = meta();
        options = MetaOptions.of(o.vivifyTtl(), ttl, o.wantTtl(), o.invalidate(), o.returnCas());
        return this;
    }

    /** Adds meta t (return the remaining TTL). */
    TestCommand wantTtl() {
        MetaOptions o = meta();
        options = MetaOptions.of(o.vivifyTtl(), o.recacheTtl(), true, o.invalidate(), o.returnCas());
        return this;
    }

    /** Adds meta I (invalidate). */
    TestCommand invalidate() {
        MetaOptions o = meta();
        options = MetaOptions.of(o.vivifyTtl(), o.recacheTtl(), o.wantTtl(), true, o.returnCas());
        return this;
    }

    /** Adds meta c (return the CAS unique of a store). */
    TestCommand returnCas() {
        MetaOptions o = meta();
        options = MetaOptions.of(o.vivifyTtl(), o.recacheTtl(), o.wantTtl(), o.invalidate(), true);
        return this;
    }

    private MetaOptions meta() {
        return options() != null ? options() : MetaOptions.of(0, 0, false, false, false);
    }

    /** @return a fresh command with the same request fields, for decoding the same reply again */
    TestCommand copyRequest() {
        TestCommand c = new TestCommand();
        c.op = op;
        c.key = key;
        c.keyForm = keyForm;
        c.value = value;
        c.flags = flags;
        c.exptime = exptime;
        c.compareCas = compareCas;
        c.delta = delta;
        c.autoCreate = autoCreate;
        c.initial = initial;
        c.options = options;
        c.arg = arg;
        c.multi = multi == null ? null : new MultiKeys(multi.keys, multi.forms);
        c.opaque = opaque;
        return c;
    }
}
