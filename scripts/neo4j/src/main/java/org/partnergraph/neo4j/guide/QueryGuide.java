package org.partnergraph.neo4j.guide;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Neo4j Browser guide (the HTML that {@code :play URL} shows as slides) made from
 * {@code scripts/neo4j/queries.cypher}, so the file stays the one source of the saved queries.
 *
 * <p>The file is a header of comment lines, then blocks of: a {@code // name: x} line, comment
 * lines (a description, {@code params: ...} naming the parameters, {@code example: {...}} a
 * Cypher map of example values), the query, and a line holding only {@code ;}. Each block
 * becomes one slide with the example as a runnable {@code :params} command and the query as a
 * runnable block (a click copies it into the editor, the play icon runs it).
 */
public final class QueryGuide {
    /** One block of the queries file. */
    public record SavedQuery(String name, List<String> description, String params, String example,
            String text) {

        /** "partners_as_of" becomes "Partners as of", as docs/cypher.md titles it. */
        public String title() {
            String words = name.replace('_', ' ');
            return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
        }
    }

    private static final String NAME = "// name:";

    private QueryGuide() {}

    /** The blocks of a queries file, in order; text outside a block is ignored. */
    public static List<SavedQuery> parse(String source) {
        List<SavedQuery> queries = new ArrayList<>();
        String name = null;
        List<String> description = new ArrayList<>();
        String params = "";
        String example = "";
        StringBuilder text = new StringBuilder();
        for (String line : source.split("\\R", -1)) {
            if (line.startsWith(NAME)) {
                name = line.substring(NAME.length()).strip();
                description = new ArrayList<>();
                params = "";
                example = "";
                text.setLength(0);
            } else if (name == null) {
                continue; // the file's header
            } else if (line.strip().equals(";")) {
                queries.add(new SavedQuery(name, List.copyOf(description), params, example, text.toString().strip()));
                name = null;
            } else if (line.startsWith("//") && text.length() == 0) {
                String comment = line.substring(2).strip();
                if (comment.startsWith("params:")) {
                    params = comment.substring("params:".length()).strip();
                } else if (comment.startsWith("example:")) {
                    example = comment.substring("example:".length()).strip();
                } else if (!comment.isEmpty()) {
                    description.add(comment);
                }
            } else if (!line.startsWith("//")) {
                text.append(line).append('\n');
            }
        }
        return queries;
    }

    /** The guide's HTML: an introduction slide, then one slide per query. */
    public static String render(List<SavedQuery> queries) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>partnergraph: saved queries</title>\n</head>\n<body>\n")
                .append("<article class=\"guide\">\n<carousel class=\"deck container-fluid\">\n");
        html.append("<slide class=\"row-fluid\" id=\"partnergraph-start\">\n<div class=\"col-sm-12\">\n")
                .append("<h3>partnergraph: saved queries</h3>\n")
                .append("<p>The tested queries of <code>scripts/neo4j/queries.cypher</code>, one per slide, ")
                .append("read from that file by this server. On each slide, run the <code>:params</code> block ")
                .append("first (example values), then the query: a click copies a block into the editor, ")
                .append("its play icon runs it.</p>\n")
                .append("<p>The graph comes from partnergraph: <code>partnergraph neo4j push --uri ")
                .append("$(cat .neo4j/uri)</code> copies a SQLite store here, or ingest straight into it with ")
                .append("<code>--db $(cat .neo4j/uri)</code>. Its shape and these queries are explained in ")
                .append("<code>docs/cypher.md</code>.</p>\n<ol>\n");
        for (SavedQuery query : queries) {
            html.append("<li>").append(escape(query.title())).append(" (<code>")
                    .append(escape(query.name())).append("</code>)</li>\n");
        }
        html.append("</ol>\n</div>\n</slide>\n");
        for (SavedQuery query : queries) {
            html.append("<slide class=\"row-fluid\" id=\"").append(escape(query.name())).append("\">\n")
                    .append("<div class=\"col-sm-12\">\n<h3>").append(escape(query.title()))
                    .append(" <small><code>").append(escape(query.name())).append("</code></small></h3>\n");
            if (!query.description().isEmpty()) {
                html.append("<p>").append(escape(String.join(" ", query.description()))).append("</p>\n");
            }
            if (!query.params().isEmpty()) {
                html.append("<p>Parameters: ").append(escape(query.params())).append(".</p>\n");
            }
            if (!query.example().isEmpty()) {
                html.append("<pre class=\"runnable pre-scrollable code\">:params ")
                        .append(escape(query.example())).append("</pre>\n");
            }
            html.append("<pre mode=\"cypher\" class=\"runnable pre-scrollable code\">")
                    .append(escape(query.text())).append("</pre>\n</div>\n</slide>\n");
        }
        html.append("</carousel>\n</article>\n</body>\n</html>\n");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
