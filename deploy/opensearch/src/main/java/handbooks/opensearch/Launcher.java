package handbooks.opensearch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.MockNode;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * Starts one OpenSearch node of a cluster on loopback ports, in this JVM,
 * with the netty4 transport, the common analysis and the reindex plugins
 * (_reindex, _delete_by_query) from the class path. run.sh starts one JVM per node and waits for the cluster to be green.
 *
 * Arguments: home index nodes http-base transport-base. Node i (from 0) of n
 * listens on http-base+i and transport-base+i; with n = 1 it is a
 * single-node cluster, otherwise every node is cluster-manager eligible and
 * the cluster forms from all of them.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: Launcher HOME INDEX NODES HTTP_BASE TRANSPORT_BASE");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int index = Integer.parseInt(args[1]);
        int nodes = Integer.parseInt(args[2]);
        int httpBase = Integer.parseInt(args[3]);
        int transportBase = Integer.parseInt(args[4]);
        String name = "node-" + index;
        Path data = home.resolve(name);
        Files.createDirectories(data);

        Settings.Builder s = Settings.builder()
            .put("cluster.name", "handbooks")
            .put("node.name", name)
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpBase + index)
            .put("transport.port", transportBase + index)
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            // A development machine's disk is often fuller than the
            // production watermarks allow; never refuse shards for it.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", false);
        if (nodes == 1) {
            s.put("discovery.type", "single-node");
        } else {
            List<String> seeds = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                seeds.add("127.0.0.1:" + (transportBase + i));
                names.add("node-" + i);
            }
            s.putList("discovery.seed_hosts", seeds);
            s.putList("cluster.initial_cluster_manager_nodes", names);
        }
        Node node = new MockNode(s.build(), Arrays.asList(Netty4Plugin.class, CommonAnalysisPlugin.class, ReindexPlugin.class), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                System.err.println(name + ": close: " + e);
            }
            stopped.countDown();
        }));
        node.start();
        System.err.println(name + ": started, http 127.0.0.1:" + (httpBase + index));
        stopped.await();
    }
}
