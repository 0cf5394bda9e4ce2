#!/usr/bin/env bash
# partnergraph's local Neo4j (Community 5.26, from Maven Central, started in-process by
# Launcher.java on 127.0.0.1; no Docker, no system install).
#
#   scripts/neo4j/neo4j.sh build             fetch the jars once (mvn, cached in ~/.m2)
#   scripts/neo4j/neo4j.sh up [--home DIR] [launcher options]
#                                            start in the background, wait until Bolt answers,
#                                            write the Bolt URL to DIR/uri (default .neo4j/uri)
#   scripts/neo4j/neo4j.sh down [--home DIR] stop it (SIGTERM, then SIGKILL after 60 s)
#   scripts/neo4j/neo4j.sh run [--home DIR] [launcher options]
#                                            run in the foreground: prints one ready line,
#                                            stops on SIGTERM or when stdin closes (for tests)
#   scripts/neo4j/neo4j.sh status [--home DIR]
#                                            print the Bolt URL; exit 3 when not running
#
# Launcher options (passed through by `up`): --bolt-port N, --http-port N (-1: no HTTP),
# --pagecache MB, --queries FILE (the saved queries served as a Browser guide at
# http://127.0.0.1:PORT/partnergraph/guide, played when the Browser connects; default
# scripts/neo4j/queries.cypher, or PARTNERGRAPH_NEO4J_QUERIES). Environment:
# NEO4J_JAVA_HOME (a JDK 17), NEO4J_START_TIMEOUT (seconds, default 180), NEO4J_HEAP
# (default 1g), PARTNERGRAPH_NEO4J_PASSWORD (the password to set).
#
# Authentication is always on (user neo4j): the launcher generates a password once and
# keeps it in DIR/password (owner-only), beside DIR/uri, where partnergraph finds it
# (graph.stores.neo4j.connection_for). LOAD CSV can neither read files nor fetch URLs,
# each transaction has a memory budget, and HTTP answers CORS for its own origin only:
# see Launcher.java.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="$HERE/target"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
HEAP="${NEO4J_HEAP:-1g}"

die() { echo "neo4j.sh: $*" >&2; exit 1; }

java_home() {
    local candidate
    if [[ -n "${NEO4J_JAVA_HOME:-}" ]]; then
        candidate="$NEO4J_JAVA_HOME"
    else
        # Neo4j 5.26 needs Java 17 or 21; pick OpenJDK 17 explicitly, never whatever is on PATH.
        candidate="$(ls -d /usr/lib/jvm/java-17-openjdk-* 2>/dev/null | head -n 1 || true)"
    fi
    [[ -n "$candidate" && -x "$candidate/bin/java" ]] ||
        die "OpenJDK 17 not found (looked in /usr/lib/jvm/java-17-openjdk-*; set NEO4J_JAVA_HOME)"
    echo "$candidate"
}

cmd_build() {
    local jh
    jh="$(java_home)"
    command -v mvn >/dev/null || die "Maven (mvn) is not installed"
    if [[ -f "$TARGET/launcher.jar" && -f "$TARGET/lib/.complete" &&
          "$TARGET/lib/.complete" -nt "$HERE/pom.xml" &&
          "$TARGET/launcher.jar" -nt "$HERE/pom.xml" &&
          -z "$(find "$HERE/src" -newer "$TARGET/launcher.jar" -print -quit)" ]]; then
        return 0  # neither the pom nor any source changed since the last build
    fi
    echo "neo4j.sh: building the launcher and fetching Neo4j (first run downloads ~140 MB)" >&2
    rm -rf "$TARGET/lib"
    (cd "$HERE" && JAVA_HOME="$jh" mvn -q -B -Dstyle.color=never package >&2) ||
        die "mvn package failed (is Maven Central reachable?)"
    touch "$TARGET/lib/.complete"
}

# Sets HOME_DIR from --home (or PARTNERGRAPH_NEO4J_HOME, default ROOT/.neo4j); the remaining
# arguments are left in REST.
parse_home() {
    HOME_DIR="${PARTNERGRAPH_NEO4J_HOME:-$ROOT/.neo4j}"
    REST=()
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --home) [[ $# -ge 2 ]] || die "--home needs a folder"; HOME_DIR="$2"; shift 2 ;;
            *) REST+=("$1"); shift ;;
        esac
    done
    mkdir -p "$HOME_DIR"
    chmod go-rwx "$HOME_DIR"  # the data and the password file are the owner's alone
    HOME_DIR="$(cd "$HOME_DIR" && pwd)"
}

running_pid() {
    local pid
    [[ -f "$HOME_DIR/neo4j.pid" ]] || return 1
    pid="$(cat "$HOME_DIR/neo4j.pid")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

bolt_answers() {
    local uri="$1" hostport host port
    hostport="${uri#*://}"
    host="${hostport%:*}"
    port="${hostport##*:}"
    if [[ -x "$ROOT/.venv/bin/python" ]]; then
        "$ROOT/.venv/bin/python" - "$uri" <<'PY' >/dev/null 2>&1
import sys
import neo4j

with neo4j.GraphDatabase.driver(sys.argv[1], auth=None) as driver:
    try:
        driver.verify_connectivity()
    except neo4j.exceptions.AuthError:
        pass  # Bolt answered: it asks for a password
PY
    else
        (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
    fi
}

# The JVM command line; Neo4j's own start script adds the same --add-opens. Unlike that
# script, no -XX:+ExitOnOutOfMemoryError: a query that builds one value too big for the heap
# (e.g. a string doubled 40 times in reduce(), which the per-transaction memory budget does
# not track) then fails alone with Neo.TransientError.General.OutOfMemoryError, and the
# server keeps answering, instead of one read query stopping the JVM.
java_command() {
    local jh
    jh="$(java_home)"
    JAVA_CMD=("$jh/bin/java" -Xmx"$HEAP" -XX:+UseG1GC
        -XX:-OmitStackTraceInFastThrow -Dlog4j2.disable.jmx=true
        --add-opens=java.base/java.nio=ALL-UNNAMED
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
        --add-opens=java.base/java.io=ALL-UNNAMED
        -cp "$TARGET/launcher.jar:$TARGET/lib/*" org.partnergraph.neo4j.Launcher
        --home "$HOME_DIR" --queries "${PARTNERGRAPH_NEO4J_QUERIES:-$HERE/queries.cypher}")
}

cmd_run() {
    parse_home "$@"
    cmd_build
    java_command
    exec "${JAVA_CMD[@]}" ${REST[@]+"${REST[@]}"}
}

cmd_up() {
    parse_home "$@"
    local pid
    if pid="$(running_pid)"; then
        echo "neo4j.sh: already running (pid $pid): $(cat "$HOME_DIR/uri" 2>/dev/null)" >&2
        cat "$HOME_DIR/ready" 2>/dev/null || true
        return 0
    fi
    cmd_build
    java_command
    rm -f "$HOME_DIR/uri" "$HOME_DIR/ready" "$HOME_DIR/neo4j.pid"
    : >"$HOME_DIR/launcher.out"
    local started=$SECONDS
    # setsid: the server survives the caller's terminal; stdin from /dev/null, hence --detached.
    setsid "${JAVA_CMD[@]}" --detached ${REST[@]+"${REST[@]}"} </dev/null >"$HOME_DIR/launcher.out" 2>"$HOME_DIR/launcher.log" &
    pid=$!
    echo "$pid" >"$HOME_DIR/neo4j.pid"
    local line="" uri=""
    while (( SECONDS - started < START_TIMEOUT )); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$HOME_DIR/launcher.log" >&2 || true
            rm -f "$HOME_DIR/neo4j.pid"
            die "Neo4j exited while starting; see $HOME_DIR/launcher.log and $HOME_DIR/logs/debug.log"
        fi
        line="$(grep -m 1 '^partnergraph-neo4j ready ' "$HOME_DIR/launcher.out" || true)"
        if [[ -n "$line" ]]; then
            uri="$(sed -n 's/.* bolt=\([^ ]*\).*/\1/p' <<<"$line")"
            if bolt_answers "$uri"; then
                echo "$uri" >"$HOME_DIR/uri"
                echo "$line" >"$HOME_DIR/ready"
                echo "$line"
                echo "neo4j.sh: Neo4j is up in $((SECONDS - started)) s; Bolt URL in $HOME_DIR/uri," \
                    "password (user neo4j) in $HOME_DIR/password" >&2
                return 0
            fi
        fi
        sleep 0.5
    done
    kill -TERM "$pid" 2>/dev/null || true
    rm -f "$HOME_DIR/neo4j.pid"
    die "Neo4j did not answer within ${START_TIMEOUT} s; see $HOME_DIR/launcher.log"
}

cmd_down() {
    parse_home "$@"
    local pid waited=0
    if ! pid="$(running_pid)"; then
        rm -f "$HOME_DIR/neo4j.pid" "$HOME_DIR/uri" "$HOME_DIR/ready"
        echo "neo4j.sh: not running" >&2
        return 0
    fi
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        if (( waited >= 120 )); then
            echo "neo4j.sh: pid $pid ignored SIGTERM for 60 s; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5
        waited=$((waited + 1))
    done
    rm -f "$HOME_DIR/neo4j.pid" "$HOME_DIR/uri" "$HOME_DIR/ready"
    echo "neo4j.sh: stopped (pid $pid)" >&2
}

cmd_status() {
    parse_home "$@"
    local pid
    if pid="$(running_pid)"; then
        echo "$(cat "$HOME_DIR/uri" 2>/dev/null || echo starting) (pid $pid)"
        cat "$HOME_DIR/ready" 2>/dev/null || true
        return 0
    fi
    echo "not running"
    return 3
}

case "${1:-}" in
    build) shift; cmd_build "$@" ;;
    up) shift; cmd_up "$@" ;;
    run) shift; cmd_run "$@" ;;
    down) shift; cmd_down "$@" ;;
    status) shift; cmd_status "$@" ;;
    *) echo "usage: $0 build | run [--home DIR] [...] | up [--home DIR] [--bolt-port N] [--http-port N] [--pagecache MB] | down [--home DIR] | status [--home DIR]" >&2; exit 2 ;;
esac
