package pathways.testserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingImpl;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.impl.transaction.log.checkpoint.CheckPointer;
import org.neo4j.kernel.impl.transaction.log.checkpoint.SimpleTriggerInfo;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import picocli.CommandLine;

/**
 * Embedded Neo4j Community server for tests.
 *
 * <pre>
 *   NEO4J_TEST_PASSWORD=... java -jar neo4j-test-server.jar PORT DATA_DIR [--watch-stdin]
 * </pre>
 *
 * Starts Neo4j with Bolt on 127.0.0.1:PORT and auth enabled (user "neo4j", password from
 * $NEO4J_TEST_PASSWORD, fixed when the store in DATA_DIR is created), prints "READY PORT"
 * once Bolt accepts connections and shuts down cleanly on SIGTERM/SIGINT. With
 * --watch-stdin it also shuts down when stdin reaches EOF, i.e. when the parent process
 * (the test runner) dies, and reads commands from stdin, one per line: "SET NAME VALUE" changes
 * a dynamic setting (e.g. db.memory.transaction.max) until the server stops, "SET NAME" gives it
 * back its default; "CHECKPOINT" checkpoints the default database now (Community has no
 * db.checkpoint procedure) and prunes its transaction logs by their retention policy; each is
 * answered "SET NAME" or "CHECKPOINT" or "ERROR NAME: reason" on stdout. DATA_DIR is the Neo4j home: store in DATA_DIR/data, logs in
 * DATA_DIR/logs/debug.log. Settings in DATA_DIR/conf/neo4j.conf, when that file exists,
 * come on top of the ones below (e.g. a transaction memory limit for one test).
 */
public final class Launcher {

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // Neo4j's non-daemon threads would otherwise keep the JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        boolean watchStdin = args.length == 3 && args[2].equals("--watch-stdin");
        if (args.length != 2 && !watchStdin) {
            System.err.println("usage: Launcher PORT DATA_DIR [--watch-stdin]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath(); // DATA_DIR
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_TEST_PASSWORD must be set (Neo4j requires at least 8 characters)");
            System.exit(2);
        }

        if (!Files.exists(home.resolve("data/databases/system"))) {
            // New store: same as `neo4j-admin dbms set-initial-password` (writes
            // data/dbms/auth.ini, read when the system database is created). Much
            // faster than ALTER USER through Cypher after startup.
            var context = new ExecutionContext(home, home.resolve("conf"),
                    System.err, System.err, new DefaultFileSystemAbstraction()); // keep stdout for READY
            var command = new SetInitialPasswordCommand(context);
            if (new CommandLine(command).execute(password) != 0) {
                throw new IllegalStateException("set-initial-password failed");
            }
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                // Defaults are 5 s each, which makes every shutdown take ~10 s.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200));
        Path conf = home.resolve("conf/neo4j.conf");
        if (Files.exists(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        DatabaseManagementService dbms = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        waitForBolt(port);
        System.out.println("READY " + port);
        System.out.flush();

        if (watchStdin) {
            Config config = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))
                    .getDependencyResolver().resolveDependency(Config.class);
            CheckPointer checkPointer = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME))
                    .getDependencyResolver().resolveDependency(CheckPointer.class);
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) { // until EOF
                String order = line.strip();
                System.out.println(order.equals("CHECKPOINT") ? checkpoint(checkPointer) : command(config, order));
                System.out.flush();
            }
            System.exit(0); // runs the shutdown hook
        }
        stopped.await(); // until SIGTERM/SIGINT runs the shutdown hook
    }

    /** "SET NAME [VALUE]": a dynamic setting changed, as dbms.setConfigValue would in Enterprise. */
    @SuppressWarnings("unchecked")
    private static String command(Config config, String line) {
        String[] words = line.split(" ", 3);
        if (words.length < 2 || !words[0].equals("SET")) {
            return "ERROR " + line + ": expected SET NAME [VALUE]";
        }
        Setting<Object> setting = config.getDeclaredSettings().get(words[1]);
        if (setting == null || !setting.dynamic()) {
            return "ERROR " + words[1] + ": not a dynamic setting";
        }
        try {
            Object value = words.length == 3 ? ((SettingImpl<Object>) setting).parse(words[2]) : setting.defaultValue();
            config.setDynamic(setting, value, "pathways-test-server");
            return "SET " + words[1];
        } catch (RuntimeException e) {
            return "ERROR " + words[1] + ": " + e.getMessage();
        }
    }

    /** "CHECKPOINT": the default database checkpointed now, as the periodic checkpointer would. */
    private static String checkpoint(CheckPointer checkPointer) {
        try {
            checkPointer.forceCheckPoint(new SimpleTriggerInfo("pathways-test-server"));
            return "CHECKPOINT";
        } catch (IOException | RuntimeException e) {
            return "ERROR CHECKPOINT: " + e.getMessage();
        }
    }

    private static void waitForBolt(int port) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Bolt is not accepting connections on port " + port);
    }
}
