package io.memcached2.internal.transport;

import io.memcached2.internal.protocol.Command;
import io.memcached2.internal.protocol.Op;

/**
 * Single-key gets that were waiting together on one connection, sent as one multi-key get. memcached parses one
 * command instead of one per key (about half the server CPU per get under concurrency, measured), and no get is held
 * back to wait for company: a batch forms only from gets already queued while earlier replies are awaited. The reply's
 * VALUE lines name their keys and are checked in order, so each caller still gets the value of its own key. Each
 * member keeps its own deadline; the batch ends each member as its reply, its failure or its timeout comes.
 */
final class GetBatch extends Request {
    /** Bounds one reply's size and how many callers one error line reaches. */
    static final int MAX_MEMBERS = 128;

    final Request[] members;

    /** @param members at least two eligible gets, admitted for writing */
    GetBatch(Request[] members) {
        this.members = members;
        String[] keys = new String[members.length];
        byte[] forms = new byte[members.length];
        long deadline = members[0].deadlineNanos;
        for (int i = 0; i < members.length; i++) {
            keys[i] = members[i].key;
            forms[i] = members[i].keyForm;
            if (members[i].deadlineNanos - deadline > 0) {
                deadline = members[i].deadlineNanos;
            }
        }
        op = Op.GET_MULTI;
        this.keys = keys;
        keyForms = forms;
        server = members[0].server;
        deadlineNanos = deadline;
        deadlineSet = true;
        parts = members.length;
    }

    /** @return whether the request may join a batch: a plain get (no meta options) of a key text can carry */
    static boolean eligible(Request r) {
        return r.op == Op.GET && r.options() == null && r.keyForm != Command.KEY_BASE64;
    }

    /** Shares the bytes the batch wrote among its members, for their events. */
    void shareBytesSent() {
        share(bytesSent, true);
    }

    private void share(long total, boolean sent) {
        long each = total / members.length;
        long rest = total - each * members.length;
        for (int i = 0; i < members.length; i++) {
            long n = each + (i == 0 ? rest : 0);
            if (sent) {
                members[i].bytesSent += n;
            } else {
                members[i].bytesReceived += n;
            }
        }
    }

    @Override
    protected void onDone(Deliveries deliveries) {
        Throwable failure = failure();
        if (failure == null) {
            share(bytesReceived, false);
        }
        for (int i = 0; i < members.length; i++) {
            Request m = members[i];
            if (failure == null) {
                if (!m.isDone()) {
                    m.answerFrom(this, i);
                    m.succeed(deliveries);
                }
            } else if (failureShared()) {
                m.failShared(failure, deliveries);
            } else {
                m.fail(failure, deliveries);
            }
        }
    }
}
