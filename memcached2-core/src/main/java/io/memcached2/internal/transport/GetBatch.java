package io.memcached2.internal.transport;

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
        multiGetOf(members);
        long deadline = members[0].deadlineNanos;
        for (Request m : members) {
            if (m.deadlineNanos - deadline > 0) {
                deadline = m.deadlineNanos;
            }
        }
        server = members[0].server;
        deadlineNanos = deadline;
        deadlineSet = true;
        parts = members.length;
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
                members[i].bytesSent = count(members[i].bytesSent, n);
            } else {
                members[i].bytesReceived = count(members[i].bytesReceived, n);
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
