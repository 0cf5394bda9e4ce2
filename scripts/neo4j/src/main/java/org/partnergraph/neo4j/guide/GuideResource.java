package org.partnergraph.neo4j.guide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.ws.rs.GET;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * {@code GET /partnergraph/guide}: the saved queries as a Neo4j Browser guide, for
 * {@code :play http://127.0.0.1:PORT/partnergraph/guide}.
 *
 * <p>An unmanaged extension of the server the launcher starts (mounted through
 * {@code server.unmanaged_extension_classes}). It reads the queries file on every request, so
 * an edit shows on the next {@code :play} without a restart. It takes no input and answers the
 * query texts only, never data, which is why the launcher lets it through without a password
 * ({@code dbms.security.http_auth_allowlist}): the Browser fetches guides without credentials.
 */
@javax.ws.rs.Path("/guide")
public final class GuideResource {
    /** Where the mount point and this resource's path meet; the launcher builds URLs with it. */
    public static final String MOUNT = "/partnergraph";
    public static final String PATH = MOUNT + "/guide";

    private static volatile Path source;

    /** Serve the guide made from this queries file (set once by the launcher, before start). */
    public static void serve(Path queries) {
        source = queries;
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    public Response guide() {
        Path queries = source;
        if (queries == null) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("no queries file was given to the launcher (--queries)\n").build();
        }
        String text;
        try {
            text = Files.readString(queries, StandardCharsets.UTF_8);
        } catch (IOException exc) {
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("cannot read the saved queries: " + exc.getMessage() + "\n").build();
        }
        CacheControl noCache = new CacheControl();
        noCache.setNoCache(true);
        return Response.ok(QueryGuide.render(QueryGuide.parse(text))).cacheControl(noCache).build();
    }
}
