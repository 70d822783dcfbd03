package io.memcached2.internal.transcode;

import io.memcached2.transcode.ClassNotAllowed;
import io.memcached2.transcode.SerialAllowList;
import io.memcached2.transcode.UndecodableValue;
import java.io.ObjectInputFilter;
import java.lang.reflect.Proxy;

/**
 * The filter of one deserialization: applies the allow-list and the JVM-wide filter, bounds nesting and array
 * lengths, and remembers what it refused so the caller can say so. Used for one stream only.
 */
final class AllowListFilter implements ObjectInputFilter {
    /** Deeper graphs risk a StackOverflowError while reading, which no caller expects. */
    static final int MAX_DEPTH = 200;

    private final SerialAllowList allowList;
    private final long streamLength;
    private final ObjectInputFilter jvmWide = Config.getSerialFilter();
    private String refusedClass;
    private String refusedLimit;

    AllowListFilter(SerialAllowList allowList, long streamLength) {
        this.allowList = allowList;
        this.streamLength = streamLength;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (jvmWide != null && jvmWide.checkInput(info) == Status.REJECTED) {
            return refuseLimit("the JVM-wide serialization filter (jdk.serialFilter) rejected "
                    + (info.serialClass() == null
                            ? "the stream"
                            : info.serialClass().getName()));
        }
        if (info.depth() > MAX_DEPTH) {
            return refuseLimit("object graph nested deeper than " + MAX_DEPTH);
        }
        // Every element takes at least one byte of the stream, so a longer array is a lie meant to exhaust memory.
        if (info.arrayLength() > streamLength) {
            return refuseLimit(
                    "array of " + info.arrayLength() + " elements in a stream of " + streamLength + " bytes");
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return Status.UNDECIDED;
        }
        boolean array = type.isArray();
        while (type.isArray()) {
            type = type.getComponentType();
        }
        // An Object[] or Map.Entry[] creates no element; what it holds is checked as it is read.
        boolean holdsCheckedElements = array && (type == Object.class || type.isInterface());
        if (type.isPrimitive()
                || holdsCheckedElements
                || (!Proxy.isProxyClass(type) && allowList.allows(type.getName()))) {
            return Status.ALLOWED;
        }
        refusedClass = type.getName();
        return Status.REJECTED;
    }

    /** @return the exception describing what this filter refused, or null if it refused nothing */
    UndecodableValue refusal() {
        if (refusedClass != null) {
            return new ClassNotAllowed(refusedClass, allowList);
        }
        return refusedLimit == null ? null : new UndecodableValue("serialized Java value refused: " + refusedLimit);
    }

    private Status refuseLimit(String why) {
        refusedLimit = why;
        return Status.REJECTED;
    }
}
