package io.memcached2.bench;

/** A get returned a value other than the one stored under the key (detected by its length). */
public final class WrongValueException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param expectedLength the stored value's length
     * @param actualLength the length read back
     */
    public WrongValueException(int expectedLength, int actualLength) {
        super("expected a " + expectedLength + "-byte value, read " + actualLength + " bytes", null, false, false);
    }
}
