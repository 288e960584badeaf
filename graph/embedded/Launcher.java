import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * Runs the genuine Neo4j Community engine in this JVM with its Bolt server enabled, so that the
 * Python driver talks to it exactly as it would to a Neo4j 5.26 server.
 *
 * Configuration comes from the environment (set by `clustergraph db start`):
 * CLUSTERGRAPH_NEO4J_HOME, CLUSTERGRAPH_BOLT_HOST, CLUSTERGRAPH_BOLT_PORT, NEO4J_USER, NEO4J_PASSWORD,
 * CLUSTERGRAPH_PAGECACHE_MB, CLUSTERGRAPH_IMPORT_DIR.
 *
 * `LOAD CSV FROM 'file:///x.csv'` may read only files under the import directory (Neo4j resolves
 * file URLs against it and refuses paths leaving it), by default `import/` beside the database.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("CLUSTERGRAPH_NEO4J_HOME", ".neo4j")).toAbsolutePath();
        String host = env("CLUSTERGRAPH_BOLT_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("CLUSTERGRAPH_BOLT_PORT", "7687"));
        String user = env("NEO4J_USER", "neo4j");
        String password = env("NEO4J_PASSWORD", "clustergraph");
        long pageCacheMb = Long.parseLong(env("CLUSTERGRAPH_PAGECACHE_MB", "256"));
        Path importDir = Path.of(env("CLUSTERGRAPH_IMPORT_DIR", home.resolve("import").toString()))
                .toAbsolutePath();

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .build();
        } catch (RuntimeException e) {
            // Neo4j's own threads would keep a half-started JVM alive: exit for the caller to see.
            e.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("clustergraph: shutting Neo4j down");
            dbms.shutdown();
            stopped.countDown();
        }, "clustergraph-shutdown"));

        try {
            setPassword(dbms, user, password);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.out.println("clustergraph: could not set the password of user " + user);
            System.exit(1);
        }
        System.out.println("clustergraph: Neo4j " + org.neo4j.kernel.internal.Version.getNeo4jVersion()
                + " ready, bolt://" + host + ":" + port + ", home " + home);
        System.out.flush();
        stopped.await();
    }

    // The first start leaves the built-in user with the default password that must be changed;
    // setting it here lets the driver log in with the configured credentials at once.
    private static void setPassword(DatabaseManagementService dbms, String user, String password) {
        var system = dbms.database("system");
        boolean exists = system.executeTransactionally(
                "SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n",
                Map.of("user", user), r -> ((Number) r.next().get("n")).longValue() > 0);
        String query = exists
                ? "ALTER USER " + quote(user) + " SET PASSWORD $password CHANGE NOT REQUIRED"
                : "CREATE USER " + quote(user) + " SET PASSWORD $password CHANGE NOT REQUIRED";
        try {
            system.executeTransactionally(query, Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to its current value: nothing to do then.
            if (!e.getMessage().contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
