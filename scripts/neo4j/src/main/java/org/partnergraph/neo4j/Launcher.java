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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;
import org.neo4j.server.configuration.ThirdPartyJaxRsPackage;
import org.partnergraph.neo4j.guide.GuideResource;

/**
 * Starts Neo4j Community in this JVM on 127.0.0.1 (Bolt, and HTTP with the Browser UI)
 * and prints exactly one line on stdout once the "neo4j" database is available:
 *
 * <pre>partnergraph-neo4j ready bolt=bolt://127.0.0.1:PORT http=http://127.0.0.1:PORT browser=...</pre>
 *
 * Hardened for a machine where other local users, processes and web pages exist:
 *
 * <ul>
 *   <li>Authentication is always on (user {@code neo4j}). The password is
 *       {@code PARTNERGRAPH_NEO4J_PASSWORD} when set, else the one in {@code HOME/password},
 *       else a new random one; whichever it is, it is (re)written to {@code HOME/password}
 *       with owner-only permissions, where partnergraph's clients find it.
 *   <li>{@code LOAD CSV} cannot read files ({@code dbms.security.allow_csv_import_from_file_urls
 *       = false}, no {@code server.directories.import}) nor fetch URLs (every address is on
 *       the Cypher IP block list).
 *   <li>Every transaction has a memory budget ({@code db.memory.transaction.max}, a quarter
 *       of the heap; all of them together {@code dbms.memory.transaction.total.max}, half of
 *       it): a runaway query fails with a memory error instead of exhausting the JVM.
 *   <li>The HTTP port answers CORS only for its own origin, not {@code *}.
 * </ul>
 *
 * With HTTP and a queries file ({@code --queries}), the server also serves the saved queries as
 * a Browser guide at {@code /partnergraph/guide} ({@link GuideResource}, the one path besides
 * the Browser's own that needs no password), and the Browser plays it when it connects
 * ({@code browser.post_connect_cmd}; {@code 127.0.0.1} is added to the hosts it may fetch
 * guides from).
 *
 * Options (each also read from an environment variable):
 *
 * <pre>
 *   --home DIR         data, logs and the password file (PARTNERGRAPH_NEO4J_HOME, default .neo4j)
 *   --bolt-port N      0 picks a free port (PARTNERGRAPH_NEO4J_BOLT_PORT, default 0)
 *   --http-port N      0 picks a free port, -1 disables HTTP (PARTNERGRAPH_NEO4J_HTTP_PORT, default 0)
 *   --pagecache MB     page cache size in MiB (PARTNERGRAPH_NEO4J_PAGECACHE_MB, default 256)
 *   --queries FILE     saved queries to serve as a Browser guide (PARTNERGRAPH_NEO4J_QUERIES;
 *                      neo4j.sh passes scripts/neo4j/queries.cypher)
 *   --detached         do not stop when stdin closes (for background use)
 * </pre>
 *
 * It stops cleanly on SIGTERM/SIGINT and, unless detached, when stdin reaches end of file, so a
 * parent process that dies takes the server with it.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "neo4j";
    private static final String PASSWORD_FILE = "password";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
        String password = password(home);

        long heap = Runtime.getRuntime().maxMemory();
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, boltPort))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // LOAD CSV: no local files (whatever the import folder), no URL of any host.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, null)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                // A query that builds a huge value fails alone instead of taking the JVM down.
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, heap / 4)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, heap / 2)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(options.pagecacheMb))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5));
        String http = "http://" + HOST + ":" + httpPort;
        if (httpPort > 0) {
            builder.setConfig(HttpConnector.enabled, true)
                    .setConfig(HttpConnector.listen_address, new SocketAddress(HOST, httpPort))
                    .setConfig(HttpConnector.advertised_address, new SocketAddress(HOST, httpPort))
                    // Only the server's own pages (the Browser) may read its answers.
                    .setConfig(ServerSettings.http_access_control_allow_origin, http)
                    // The Browser loads no third-party analytics or feedback scripts.
                    .setConfig(ServerSettings.allow_telemetry, false);
            if (options.queries != null) {
                serveGuide(builder, options.queries.toAbsolutePath(), http + GuideResource.PATH);
            }
        } else {
            builder.setConfig(HttpConnector.enabled, false);
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
        setPassword(service, password);

        String bolt = "bolt://" + HOST + ":" + boltPort;
        StringBuilder ready = new StringBuilder("partnergraph-neo4j ready bolt=").append(bolt);
        if (httpPort > 0) {
            ready.append(" http=").append(http)
                    .append(" browser=").append(http).append("/browser/?dbms=")
                    .append(URLEncoder.encode(bolt, StandardCharsets.UTF_8))
                    .append("&preselectAuthMethod=NATIVE");
            if (options.queries != null) {
                ready.append(" guide=").append(http).append(GuideResource.PATH);
            }
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

    /**
     * The saved queries as a Browser guide at {@code guide}: an unmanaged extension (JAX-RS) that
     * reads {@code queries} on every request, reachable without a password like the Browser's own
     * files (it holds no data), and played by the Browser when it connects.
     */
    private static void serveGuide(DatabaseManagementServiceBuilder builder, Path queries, String guide) {
        GuideResource.serve(queries);
        builder.setConfig(ServerSettings.third_party_packages, List.of(new ThirdPartyJaxRsPackage(
                        GuideResource.class.getPackageName(), GuideResource.MOUNT)))
                // Neo4j's default ("/", "/browser.*") plus the guide, matched as a whole path.
                .setConfig(ServerSettings.http_auth_allowlist, List.of("/", "/browser.*", GuideResource.PATH))
                // Neo4j's default hosts plus this one, so that :play may fetch the guide.
                .setConfig(ServerSettings.browser_remote_content_hostname_whitelist,
                        "guides.neo4j.com,localhost," + HOST)
                .setConfig(ServerSettings.browser_post_connect_cmd, "play " + guide);
    }

    /**
     * The password of user "neo4j": PARTNERGRAPH_NEO4J_PASSWORD, else HOME/password, else a new
     * random one; written to HOME/password (owner-only) so clients find the current one.
     */
    private static String password(Path home) throws IOException {
        Path file = home.resolve(PASSWORD_FILE);
        String password = System.getenv("PARTNERGRAPH_NEO4J_PASSWORD");
        if ((password == null || password.isBlank()) && Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        if (password == null || password.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        if (password.length() < 8) {
            throw new IllegalArgumentException("the Neo4j password needs 8+ characters (PARTNERGRAPH_NEO4J_PASSWORD)");
        }
        // Written to a private temporary file, then moved: never readable by others, even briefly.
        Path temporary = home.resolve(PASSWORD_FILE + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temporary, password + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /** Set the password of user "neo4j" through the system database (Community allows ALTER USER). */
    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException exc) {
            // A restart on the same home: the password is already this one.
            String message = String.valueOf(exc.getMessage());
            if (!message.contains("cannot be the same")) {
                throw exc;
            }
        }
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

    private record Options(Path home, int boltPort, int httpPort, long pagecacheMb, Path queries,
            boolean detached) {

        static Options parse(String[] args) {
            Path home = Path.of(env("PARTNERGRAPH_NEO4J_HOME", ".neo4j"));
            int bolt = Integer.parseInt(env("PARTNERGRAPH_NEO4J_BOLT_PORT", "0"));
            int http = Integer.parseInt(env("PARTNERGRAPH_NEO4J_HTTP_PORT", "0"));
            long pagecache = Long.parseLong(env("PARTNERGRAPH_NEO4J_PAGECACHE_MB", "256"));
            String queries = env("PARTNERGRAPH_NEO4J_QUERIES", "");
            boolean detached = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--home" -> home = Path.of(value(args, ++i));
                    case "--bolt-port" -> bolt = Integer.parseInt(value(args, ++i));
                    case "--http-port" -> http = Integer.parseInt(value(args, ++i));
                    case "--pagecache" -> pagecache = Long.parseLong(value(args, ++i));
                    case "--queries" -> queries = value(args, ++i);
                    case "--detached" -> detached = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (authentication is always on; the password is in HOME/password)");
                }
            }
            return new Options(home, bolt, http, pagecache, queries.isEmpty() ? null : Path.of(queries),
                    detached);
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
