#!/usr/bin/env bash
# Benchmark of meal authorisation (POST /api/meals) against pgbench on the same PostgreSQL server.
#
#   bash settlement/bench/authorisation-benchmark.sh            # full: 100,000 seniors, 2,000 canteens (~17 min)
#   bash settlement/bench/authorisation-benchmark.sh --quick    # smoke test of the harness (~1.5-3 min)
#
# All on 127.0.0.1, free ports, everything removed on exit (trap):
#   1. builds settlement and fixtures (mvn package) if the jar is missing or older than the sources;
#   2. initdb's a throwaway PostgreSQL 15 cluster (Debian's server binaries) in a temp dir;
#   3. starts settlement against it (random admin password), which creates the schema;
#   4. loads N seniors and M canteens with the fixtures generator (and a month of their meals, two months
#      back, so the ledger is not empty and today's quota is free);
#   5. cn.laorenjia.fixtures.bench.AuthorisationLoad: issues terminal secrets through the admin API, warms up,
#      then the measured phase: a closed loop at each client count, then an open loop at half the best
#      throughput. Over the measured phase only it reads pg_stat_statements (reset at its start), the CPU of
#      every PostgreSQL process by kind (/proc), of the service and of itself, and the machine's;
#   6. pgbench tpcb-like on its own database of the same server, same client counts, same length;
#   7. cn.laorenjia.fixtures.bench.BenchReport prints the table, where the CPU went, the service's top statements
#      and the verdicts on the targets of issue 17 (WARNING lines when the machine was not idle).
# The cluster loads pg_stat_statements and auto_explain (plans of the service's statements slower than
# BENCH_EXPLAIN_MS=5 ms, no ANALYZE, into postgres.log: keep it with BENCH_KEEP=1).
# Environment: PGBIN (default /usr/lib/postgresql/15/bin); BENCH_CLIENTS="1 2 4 8 16 32 64", BENCH_SECONDS=20
# override the levels and their length; BENCH_KEEP=1 keeps the temp dir (logs) on exit; BENCH_JFR=1 records the
# service with JFR (profile settings) over the measured phase and prints its hottest methods.
# BENCH_IDLE_WAIT=180: seconds to wait at the start for the load average to fall to the core count.
set -euo pipefail

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
        *) echo "unknown option $arg (use --quick or nothing)" >&2; exit 2 ;;
    esac
done

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
if [[ $QUICK == 1 ]]; then
    SENIORS=5000; CANTEENS=100; TERMINALS=50; PGBENCH_SCALE=2
    CLIENTS="${BENCH_CLIENTS:-1 4 16}"; RUN_SECONDS="${BENCH_SECONDS:-5}"; WARMUP_SECONDS=10
else
    SENIORS=100000; CANTEENS=2000; TERMINALS=200; PGBENCH_SCALE=20
    CLIENTS="${BENCH_CLIENTS:-1 2 4 8 16 32 64}"; RUN_SECONDS="${BENCH_SECONDS:-20}"; WARMUP_SECONDS=120
fi

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU time (ms) used so far by a process, its reaped children and its live children (the PostgreSQL
# server: postmaster + backends; a pgbench run's backends are reaped when it ends)
cpu_ms() {
    local ticks=0 p
    ticks=$(awk '{print $14+$15+$16+$17}' "/proc/$1/stat")
    for p in $(pgrep -P "$1"); do
        ticks=$(( ticks + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0) ))
    done
    echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# ---- tools ---------------------------------------------------------------------------------------------
if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/pgbench" ]] && [[ $(id -u) == 0 ]]; then
    log "PostgreSQL server binaries missing: apt-get install postgresql"
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null
fi
if [[ ! -x "$PGBIN/initdb" || ! -x "$PGBIN/pgbench" ]]; then
    echo "PostgreSQL 15 server binaries not in $PGBIN: apt-get install postgresql, or set PGBIN" >&2
    exit 1
fi
for tool in java mvn curl; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
AS_PG=()
if [[ $(id -u) == 0 ]]; then
    # initdb and postgres refuse to run as root
    id postgres >/dev/null 2>&1 || { echo "as root, a 'postgres' user must exist to own the cluster" >&2; exit 1; }
    AS_PG=(runuser -u postgres --)
fi

# ---- build if needed -----------------------------------------------------------------------------------
JAR="$REPO/settlement/target/quarkus-app/quarkus-run.jar"
if [[ ! -f "$JAR" || ! -f "$REPO/fixtures/testkit/target/classpath.txt" \
      || -n "$(find "$REPO/src/main" "$REPO"/fixtures/*/src/main "$REPO/settlement/src/main" "$REPO"/fixtures/*/pom.xml \
               -newer "$JAR" -type f -print -quit)" ]]; then
    log "building (mvn package -DskipTests -pl settlement -am)"
    (cd "$REPO" && mvn -B -q -o package -DskipTests -pl settlement -am)
fi
CP="$REPO/fixtures/testkit/target/classes:$(cat "$REPO/fixtures/testkit/target/classpath.txt")"

# ---- temp dir, ports, clean-up -------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/laorenjia-bench.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pg/data"   # $WORK/pg belongs to the server's user
SETTLEMENT_PID=""
PG_STARTED=0
cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [[ -n "$SETTLEMENT_PID" ]] && kill -0 "$SETTLEMENT_PID" 2>/dev/null; then
        kill -TERM "$SETTLEMENT_PID"
        for _ in $(seq 1 30); do kill -0 "$SETTLEMENT_PID" 2>/dev/null || break; sleep 1; done
        kill -KILL "$SETTLEMENT_PID" 2>/dev/null
    fi
    if [[ $PG_STARTED == 1 ]]; then
        "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null 2>&1
    fi
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# a port nobody listens on now (the kernel's ephemeral range is avoided, so no outgoing connection takes it)
free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$(( 20000 + RANDOM % 12000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    echo "no free port found" >&2; return 1
}
random_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

PGPORT=$(free_port)
PGPASS="$(random_secret)"
ADMIN_PASSWORD="$(random_secret)"
export PGPASSWORD="$PGPASS" PGHOST=127.0.0.1 PGPORT PGUSER=postgres

# The idle check's measure is the load average before the benchmark starts anything. A run that follows another
# (a build, the previous run) waits up to BENCH_IDLE_WAIT seconds (default 180) for it to fall to the core count.
for _ in $(seq 1 $(( ${BENCH_IDLE_WAIT:-180} / 5 ))); do
    awk -v cores="$(nproc)" '{ exit !($1 > cores) }' /proc/loadavg || break
    sleep 5
done
LOAD1_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
echo "== meal authorisation benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $( [[ $QUICK == 1 ]] && echo 'QUICK smoke run: figures not meaningful' || echo 'full run') =="
echo "machine: $(nproc) cores (nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/{print $2}') GiB;" \
     "load average before the run $(loadavg)"

# ---- PostgreSQL ----------------------------------------------------------------------------------------
log "initdb (PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')), port $PGPORT"
mkdir -p "$PGDATA"
printf '%s\n' "$PGPASS" > "$WORK/pg/pwfile"
chmod 600 "$WORK/pg/pwfile"
[[ ${#AS_PG[@]} -gt 0 ]] && chown -R postgres "$WORK/pg"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=scram-sha-256 --pwfile="$WORK/pg/pwfile" \
    -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 1; }
rm -f "$WORK/pg/pwfile"
# One server, one configuration for us and for pgbench; durability at the defaults (fsync and
# synchronous_commit on), so both pay the same commit cost as in production.
cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
max_connections = 200
shared_buffers = 256MB
max_wal_size = 4GB
# where the database's time goes (issue 17): statement statistics, and the plans of slow statements. auto_explain
# is off for everybody (-1) but the service's role (below), so the bulk load and pgbench log nothing; without
# ANALYZE it only prints the plan it already has, so it costs the measured statements next to nothing.
shared_preload_libraries = 'pg_stat_statements,auto_explain'
pg_stat_statements.max = 5000
pg_stat_statements.track = top
auto_explain.log_min_duration = -1
auto_explain.log_analyze = off
auto_explain.log_nested_statements = off
CONF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/postgres.log" -w -t 60 start >/dev/null
PG_STARTED=1
# the two roles of README "使用真实的 PostgreSQL 服务器": Flyway migrates as the owner, the service runs as its role
SERVICE_PASSWORD="$(random_secret)"
"$PGBIN/psql" -qX -d postgres -v ON_ERROR_STOP=1 \
    -c "create role laorenjia_owner login password '$PGPASS'" \
    -c "create role laorenjia_service login password '$SERVICE_PASSWORD'" \
    -c "create database laorenjia owner laorenjia_owner" \
    -c "alter role laorenjia_service set auto_explain.log_min_duration = '${BENCH_EXPLAIN_MS:-5}ms'" >/dev/null
# pg_stat_statements in a schema of its own, so the service's schema stays as Flyway makes it
"$PGBIN/psql" -qX -d laorenjia -v ON_ERROR_STOP=1 -c "revoke create on schema public from public" \
    -c "alter schema public owner to laorenjia_owner" \
    -c "create schema bench" -c "create extension pg_stat_statements with schema bench" >/dev/null
"$PGBIN/createdb" pgbench
JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/laorenjia"
POSTMASTER_PID=$(head -1 "$PGDATA/postmaster.pid")

# ---- settlement ----------------------------------------------------------------------------------------
HTTP_PORT=$(free_port)
log "starting settlement on 127.0.0.1:$HTTP_PORT"
JFR_ARGS=()
if [[ "${BENCH_JFR:-0}" == 1 ]]; then
    JFR_ARGS=(--jfr-file "$WORK/service.jfr")   # started and stopped through jcmd around the measured phase
fi
QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=laorenjia_service \
QUARKUS_DATASOURCE_PASSWORD="$SERVICE_PASSWORD" QUARKUS_FLYWAY_USERNAME=laorenjia_owner QUARKUS_FLYWAY_PASSWORD="$PGPASS" \
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HTTP_PORT" LAORENJIA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    LAORENJIA_QR_GENERATE_IF_MISSING=true java -jar "$JAR" >"$WORK/settlement.log" 2>&1 &
SETTLEMENT_PID=$!
for i in $(seq 1 120); do
    curl -fsS -m 2 "http://127.0.0.1:$HTTP_PORT/q/health" >/dev/null 2>&1 && break
    if ! kill -0 "$SETTLEMENT_PID" 2>/dev/null || [[ $i == 120 ]]; then
        echo "settlement did not start:" >&2; tail -40 "$WORK/settlement.log" >&2; exit 1
    fi
    sleep 1
done

# ---- data ----------------------------------------------------------------------------------------------
MONTH=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-15) -2 month" +%Y-%m)
log "generating $SENIORS seniors, $CANTEENS canteens and their meals of $MONTH"
java -cp "$CP" cn.laorenjia.fixtures.generate.Generate --seniors "$SENIORS" --canteens "$CANTEENS" \
    --month "$MONTH" --jdbc-url "$JDBC_URL" --user postgres --password "$PGPASS" --skip-fk-checks \
    >"$WORK/generate.log" 2>&1 || { tail -30 "$WORK/generate.log" >&2; exit 1; }
grep -E "^用时" "$WORK/generate.log" | sed 's/^/    /'
# The generated month was written behind the service's back: link it into the ledger's hash chain now (its genesis;
# a settlement run seals first), so the sealing of ~100,000 entries is not measured as the sales' cost. In production
# the sealer links a few seconds of new entries at a time.
log "sealing the generated ledger into the hash chain (genesis, untimed)"
curl -fsS -m 1800 -u "admin:$ADMIN_PASSWORD" -H 'X-Requested-By: laorenjia' -H 'Content-Type: application/json' -X POST \
    "http://127.0.0.1:$HTTP_PORT/api/settlement/runs" -d '{"from":"2000-01-01","to":"2000-01-01"}' >/dev/null
"$PGBIN/psql" -qAt -d laorenjia -c "vacuum analyze" -c "checkpoint"

# ---- our load ------------------------------------------------------------------------------------------
log "our load: closed loop at clients $CLIENTS, ${RUN_SECONDS}s each, then open loop at half the best"
SETTLEMENT_CPU0=$(cpu_ms "$SETTLEMENT_PID"); PG_CPU0=$(cpu_ms "$POSTMASTER_PID")
# the statement lines (PGSS) go to the report only
LAORENJIA_ADMIN_PASSWORD="$ADMIN_PASSWORD" java -Xmx1g -cp "$CP" cn.laorenjia.fixtures.bench.AuthorisationLoad \
    --base-url "http://127.0.0.1:$HTTP_PORT" --jdbc-url "$JDBC_URL" --user postgres --password "$PGPASS" \
    --terminals "$TERMINALS" --clients "$(echo $CLIENTS | tr ' ' ',')" --seconds "$RUN_SECONDS" \
    --warmup-seconds "$WARMUP_SECONDS" --half-seconds "$RUN_SECONDS" \
    --postmaster-pid "$POSTMASTER_PID" --service-pid "$SETTLEMENT_PID" --service-role laorenjia_service \
    "${JFR_ARGS[@]}" | tee "$WORK/load.txt" | grep --line-buffered -v '^PGSS ' | sed -u 's/^/    /'
echo "CPU settlement_ms=$(( $(cpu_ms "$SETTLEMENT_PID") - SETTLEMENT_CPU0 )) postgres_ms=$(( $(cpu_ms "$POSTMASTER_PID") - PG_CPU0 ))" >> "$WORK/load.txt"
echo "MACHINE load1_before=$LOAD1_BEFORE" >> "$WORK/load.txt"

# ---- pgbench -------------------------------------------------------------------------------------------
log "pgbench -i -s $PGBENCH_SCALE, then tpcb-like at clients $CLIENTS, ${RUN_SECONDS}s each"
"$PGBIN/pgbench" -i -q -s "$PGBENCH_SCALE" pgbench >"$WORK/pgbench-init.log" 2>&1
"$PGBIN/psql" -qAt -d pgbench -c "checkpoint"
: > "$WORK/pgbench.txt"
PG_CPU0=$(cpu_ms "$POSTMASTER_PID")
TIMEFORMAT="PGBENCH_CPU_S %U %S"
for c in $CLIENTS; do
    { time "$PGBIN/pgbench" -c "$c" -j "$(( c < 2 ? 1 : 2 ))" -T "$RUN_SECONDS" pgbench 2>&1; } >>"$WORK/pgbench.txt" 2>&1
    echo "LOAD1 $(cut -d' ' -f1 /proc/loadavg)" >> "$WORK/pgbench.txt"
done
echo "CPU postgres_ms=$(( $(cpu_ms "$POSTMASTER_PID") - PG_CPU0 ))" >> "$WORK/pgbench.txt"

# ---- report --------------------------------------------------------------------------------------------
echo
echo "== results: $(nproc) cores, ${RUN_SECONDS}s per level, PostgreSQL 15 (same server for both), pgbench scale $PGBENCH_SCALE; load average now $(loadavg) =="
java -cp "$CP" cn.laorenjia.fixtures.bench.BenchReport "$WORK/load.txt" "$WORK/pgbench.txt"
if [[ -s "$WORK/service.jfr" ]]; then
    echo
    java -cp "$CP" cn.laorenjia.fixtures.bench.JfrTop "$WORK/service.jfr" 20
    [[ "${BENCH_KEEP:-0}" == 1 ]] || echo "(BENCH_KEEP=1 keeps the recording)"
fi
echo
java -cp "$CP" cn.laorenjia.fixtures.bench.SlowPlans "$WORK/pg/postgres.log" "${BENCH_EXPLAIN_MS:-5}" \
    | sed "s|$WORK/pg/postgres.log|$( [[ "${BENCH_KEEP:-0}" == 1 ]] && echo "$WORK/pg/postgres.log" || echo "postgres.log: BENCH_KEEP=1 keeps it")|"
