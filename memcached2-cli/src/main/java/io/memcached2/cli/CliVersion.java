package io.memcached2.cli;

import picocli.CommandLine.IVersionProvider;

/** The version {@code mc --version} prints: the jar's, and the Java runtime it runs on. */
public final class CliVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CliVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "mc (memcached2) " + (v != null ? v : "development build"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
