package io.memcached2.transcode;

/** A serialized Java value that names a class outside the allow-list; nothing of it was instantiated. */
public final class ClassNotAllowed extends UndecodableValue {
    private static final long serialVersionUID = 1L;

    /** The refused class's binary name. */
    private final String className;

    /**
     * @param className the refused class
     * @param allowList the allow-list that refused it
     */
    public ClassNotAllowed(String className, SerialAllowList allowList) {
        super("class " + className + " is not on the serialization allow-list " + allowList);
        this.className = className;
    }

    /** @return the name of the refused class */
    public String className() {
        return className;
    }
}
