package io.caravan.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared {@link ElasticsearchNode} when the JUnit Platform session ends, so one node serves every
 * integration test of the run and none outlives it (the node's shutdown hook covers a JVM that dies first).
 * Starts nothing: the unit-test run never pays for a node.
 */
public final class ElasticsearchNodeSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        ElasticsearchNode.stopShared();
    }
}
