package ingest.engine;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * Runs one real OpenSearch node in this JVM, with its modules loaded from the classpath.
 *
 * <p>Usage: {@code EmbeddedEngine <home-dir> <http-port>}. Data, logs and config live under the home
 * dir. The node binds to 127.0.0.1 only, forms a single-node cluster and has no security plugin.
 */
public final class EmbeddedEngine {
    private static final String NODE_NAME = "embedded";

    private EmbeddedEngine() {}

    /** A Node that also loads the given plugin classes, the way OpenSearch's own test nodes do. */
    private static final class ClasspathPluginNode extends Node {
        ClasspathPluginNode(Environment environment, List<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedEngine <home-dir> <http-port>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int httpPort = Integer.parseInt(args[1]);
        Path config = home.resolve("config");
        writeLoggingConfig(config);
        Settings settings = nodeSettings(home, httpPort);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), config, () -> NODE_NAME);
        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(NODE_NAME);
        LogConfigurator.configure(environment);
        Node node = new ClasspathPluginNode(environment, List.of(
            Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class, PainlessPlugin.class,
            ReindexPlugin.class));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(node, stopped), "engine-shutdown"));
        node.start();
        // Read from the cluster state, not node settings: one node can hold no replicas, so new indices
        // get none and the cluster stays green.
        node.client().admin().cluster().prepareUpdateSettings()
            .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
            .get();
        // The node's own threads are daemons: keep the JVM alive until SIGTERM runs the hook.
        stopped.await();
    }

    private static Settings nodeSettings(Path home, int httpPort) {
        return Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "ingest-worker-local")
            .put("node.name", NODE_NAME)
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("discovery.type", "single-node")
            // A shared dev disk may be nearly full; a local engine should still accept writes.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
    }

    private static void writeLoggingConfig(Path config) throws Exception {
        Files.createDirectories(config);
        try (InputStream in = EmbeddedEngine.class.getResourceAsStream("log4j2.properties")) {
            Files.copy(in, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void closeQuietly(Node node, CountDownLatch stopped) {
        try {
            node.close();
            node.awaitClose(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            stopped.countDown();
        }
    }
}
