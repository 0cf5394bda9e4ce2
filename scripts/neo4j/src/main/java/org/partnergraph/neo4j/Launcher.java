package org.partnergraph.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Starts Neo4j Community in this JVM on 127.0.0.1 (Bolt, and HTTP with the Browser UI)
 * and prints exactly one line on stdout once the "neo4j" database is available:
 *
 * <pre>partnergraph-neo4j ready bolt=bolt://127.0.0.1:PORT http=http://127.0.0.1:PORT browser=...</pre>
 *
 * Options (each also read from an environment variable):
 *
 * <pre>
 *   --home DIR         data and logs (PARTNERGRAPH_NEO4J_HOME, default .neo4j)
 *   --bolt-port N      0 picks a free port (PARTNERGRAPH_NEO4J_BOLT_PORT, default 0)
 *   --http-port N      0 picks a free port, -1 disables HTTP (PARTNERGRAPH_NEO4J_HTTP_PORT, default 0)
 *   --auth             require a password (PARTNERGRAPH_NEO4J_AUTH=true); user "neo4j"
 *   --password PW      its password, 8+ characters (PARTNERGRAPH_NEO4J_PASSWORD)
 *   --pagecache MB     page cache size in MiB (PARTNERGRAPH_NEO4J_PAGECACHE_MB, default 256)
 *   --detached         do not stop when stdin closes (for background use)
 * </pre>
 *
 * It stops cleanly on SIGTERM/SIGINT and, unless detached, when stdin reaches end of file, so a
 * parent process that dies takes the server with it.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // Neo4j's own logs go to files under home/logs; stdout carries only our ready line.
        PrintStream out = System.out;
        System.setOut(System.err);

        int boltPort = options.boltPort == 0 ? freePort() : options.boltPort;
        int httpPort = options.httpPort == 0 ? freePort() : options.httpPort;
        Path home = options.home.toAbsolutePath();
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .setConfig(GraphDatabaseSettings.auth_enabled, options.auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(options.pagecacheMb))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5));
        if (httpPort > 0) {
            builder.setConfig(HttpConnector.enabled, true)
                    .setConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort));
        }

        long started = System.nanoTime();
        DatabaseManagementService service = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean shutDown = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (shutDown.compareAndSet(false, true)) {
                System.err.println("partnergraph-neo4j stopping");
                service.shutdown();
                System.err.println("partnergraph-neo4j stopped");
            }
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        while (!db.isAvailable(Duration.ofSeconds(1).toMillis())) {
            System.err.println("partnergraph-neo4j waiting for the database");
        }
        if (options.auth) {
            setPassword(service, options.password);
        }

        String bolt = "bolt://" + HOST + ":" + boltPort;
        StringBuilder ready = new StringBuilder("partnergraph-neo4j ready bolt=").append(bolt);
        if (httpPort > 0) {
            String http = "http://" + HOST + ":" + httpPort;
            String method = options.auth ? "BASIC" : "NO_AUTH";
            ready.append(" http=").append(http)
                    .append(" browser=").append(http).append("/browser/?dbms=")
                    .append(URLEncoder.encode(bolt, StandardCharsets.UTF_8))
                    .append("&preselectAuthMethod=").append(method);
        }
        ready.append(" pid=").append(ProcessHandle.current().pid())
                .append(" seconds=").append(String.format("%.1f", (System.nanoTime() - started) / 1e9));
        out.println(ready);
        out.flush();

        if (!options.detached) {
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.err.println("partnergraph-neo4j stdin closed");
                System.exit(0); // runs the shutdown hook
            }, "stdin-watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    /** The password of user "neo4j", set through the system database (Community allows ALTER USER). */
    private static void setPassword(DatabaseManagementService service, String password) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("--auth needs --password (or PARTNERGRAPH_NEO4J_PASSWORD) of 8+ characters");
        }
        service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // keep reading until end of file
            }
        } catch (IOException ignored) {
            // a broken stdin counts as closed
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private record Options(
            Path home, int boltPort, int httpPort, boolean auth, String password, long pagecacheMb,
            boolean detached) {

        static Options parse(String[] args) {
            Path home = Path.of(env("PARTNERGRAPH_NEO4J_HOME", ".neo4j"));
            int bolt = Integer.parseInt(env("PARTNERGRAPH_NEO4J_BOLT_PORT", "0"));
            int http = Integer.parseInt(env("PARTNERGRAPH_NEO4J_HTTP_PORT", "0"));
            boolean auth = Boolean.parseBoolean(env("PARTNERGRAPH_NEO4J_AUTH", "false"));
            String password = System.getenv("PARTNERGRAPH_NEO4J_PASSWORD");
            long pagecache = Long.parseLong(env("PARTNERGRAPH_NEO4J_PAGECACHE_MB", "256"));
            boolean detached = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--home" -> home = Path.of(value(args, ++i));
                    case "--bolt-port" -> bolt = Integer.parseInt(value(args, ++i));
                    case "--http-port" -> http = Integer.parseInt(value(args, ++i));
                    case "--auth" -> auth = true;
                    case "--password" -> password = value(args, ++i);
                    case "--pagecache" -> pagecache = Long.parseLong(value(args, ++i));
                    case "--detached" -> detached = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(home, bolt, http, auth, password, pagecache, detached);
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }
}
