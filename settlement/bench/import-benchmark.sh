#!/usr/bin/env bash
# Benchmark of the register's bulk import (issue 18: 100,000 register rows in <= 60 s, dry run and apply).
#
#   bash settlement/bench/import-benchmark.sh                 # 100,000 rows (the figure of record)
#   bash settlement/bench/import-benchmark.sh --rows 5000     # smoke test of the harness
#
# All on 127.0.0.1, free ports, everything removed on exit (trap):
#   1. builds settlement and fixtures (mvn package) if the jar is missing or older than the sources;
#   2. initdb's a throwaway PostgreSQL 15 cluster (Debian's server binaries) in a temp dir, with the two roles of
#      README "使用真实的 PostgreSQL 服务器" (the service connects as a non-owner);
#   3. starts settlement against it (random admin password; heap -Xmx${BENCH_HEAP:-1g}), which creates the schema;
#   4. loads canteens over every 宝坻 街镇 with the fixtures generator (the 街镇 the import knows);
#   5. writes a register file of N rows (cn.laorenjia.fixtures.bench.ImportFile: the population generator's seniors
#      in the import template's columns, CSV UTF-8 with BOM);
#   6. uploads it for a dry run, then applies it, timing each request (curl), and prints rows, seconds, rows/s and
#      the service's heap after the import and its peak resident memory.
# Environment: PGBIN (default /usr/lib/postgresql/15/bin); BENCH_HEAP (default 1g); BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail

ROWS=100000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rows) ROWS="$2"; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "unknown option $1 (use --rows N)" >&2; exit 2 ;;
    esac
done

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if [[ ! -x "$PGBIN/initdb" ]]; then
    echo "PostgreSQL server binaries not in $PGBIN: apt-get install postgresql, or set PGBIN" >&2
    exit 1
fi
for tool in java mvn curl; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done
AS_PG=()
if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "as root, a 'postgres' user must exist to own the cluster" >&2; exit 1; }
    AS_PG=(runuser -u postgres --)
fi

# ---- build if needed -----------------------------------------------------------------------------------
JAR="$REPO/settlement/target/quarkus-app/quarkus-run.jar"
if [[ ! -f "$JAR" || ! -f "$REPO/fixtures/testkit/target/classpath.txt" \
      || -n "$(find "$REPO/src/main" "$REPO"/fixtures/*/src/main "$REPO/settlement/src/main" "$REPO"/fixtures/*/pom.xml \
               -newer "$JAR" -type f -print -quit)" ]]; then
    log "building (mvn package -DskipTests -pl settlement,fixtures/testkit -am)"
    (cd "$REPO" && mvn -B -q -o package -DskipTests -pl settlement,fixtures/testkit -am)
fi
CP="$REPO/fixtures/testkit/target/classes:$(cat "$REPO/fixtures/testkit/target/classpath.txt")"

# ---- temp dir, ports, clean-up -------------------------------------------------------------------------
WORK="$(mktemp -d /tmp/laorenjia-import-bench.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pg/data"
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

echo "== register import benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $ROWS rows =="
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/^Mem:/{print $2}') GiB;" \
     "load average before the run $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- PostgreSQL ----------------------------------------------------------------------------------------
log "initdb (PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}')), port $PGPORT"
mkdir -p "$PGDATA"
printf '%s\n' "$PGPASS" > "$WORK/pg/pwfile"
chmod 600 "$WORK/pg/pwfile"
[[ ${#AS_PG[@]} -gt 0 ]] && chown -R postgres "$WORK/pg"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=scram-sha-256 --pwfile="$WORK/pg/pwfile" \
    -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 1; }
rm -f "$WORK/pg/pwfile"
# durability at the defaults (fsync, synchronous_commit on): the import pays production's commit cost
cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
shared_buffers = 256MB
max_wal_size = 4GB
CONF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/postgres.log" -w -t 60 start >/dev/null
PG_STARTED=1
SERVICE_PASSWORD="$(random_secret)"
"$PGBIN/psql" -qX -d postgres -v ON_ERROR_STOP=1 \
    -c "create role laorenjia_owner login password '$PGPASS'" \
    -c "create role laorenjia_service login password '$SERVICE_PASSWORD'" \
    -c "create database laorenjia owner laorenjia_owner" >/dev/null
"$PGBIN/psql" -qX -d laorenjia -v ON_ERROR_STOP=1 -c "revoke create on schema public from public" \
    -c "alter schema public owner to laorenjia_owner" >/dev/null
JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/laorenjia"

# ---- settlement ----------------------------------------------------------------------------------------
HTTP_PORT=$(free_port)
log "starting settlement on 127.0.0.1:$HTTP_PORT (-Xmx${BENCH_HEAP:-1g})"
QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=laorenjia_service \
QUARKUS_DATASOURCE_PASSWORD="$SERVICE_PASSWORD" QUARKUS_FLYWAY_USERNAME=laorenjia_owner QUARKUS_FLYWAY_PASSWORD="$PGPASS" \
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HTTP_PORT" LAORENJIA_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    LAORENJIA_QR_GENERATE_IF_MISSING=true java "-Xmx${BENCH_HEAP:-1g}" -jar "$JAR" >"$WORK/settlement.log" 2>&1 &
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
log "loading 50 canteens over the 宝坻 街镇 (and those 街镇 as the district's list)"
java -cp "$CP" cn.laorenjia.fixtures.generate.Generate --seniors 1 --canteens 50 --month "$MONTH" \
    --jdbc-url "$JDBC_URL" --user postgres --password "$PGPASS" >"$WORK/generate.log" 2>&1 \
    || { tail -30 "$WORK/generate.log" >&2; exit 1; }
# the district's 街镇 list (V22): the 街镇 of the generated canteens, i.e. every 宝坻 街镇; the import checks each row
# against it as the register API does
"$PGBIN/psql" -qX -d laorenjia -v ON_ERROR_STOP=1 -c "insert into subdistrict (district, name, short_code, created_at,
    created_by) select distinct on (district, subdistrict) district, subdistrict, split_part(code, '-', 2), now(),
    'import-benchmark' from canteen order by district, subdistrict on conflict do nothing" >/dev/null
FILE="$WORK/register-$ROWS.csv"
log "writing a register file of $ROWS rows"
java -cp "$CP" cn.laorenjia.fixtures.bench.ImportFile --rows "$ROWS" --out "$FILE" | sed 's/^/    /'
"$PGBIN/psql" -qAt -d laorenjia -c "vacuum analyze" -c "checkpoint"

# ---- the import ----------------------------------------------------------------------------------------
BASE="http://127.0.0.1:$HTTP_PORT/api/register/imports"
AUTH=(-u "admin:$ADMIN_PASSWORD" -H 'X-Requested-By: laorenjia')
log "dry run"
DRY=$(curl -sS -m 600 "${AUTH[@]}" -H 'Content-Type: text/csv' --data-binary "@$FILE" \
    -w '\n%{http_code} %{time_total}' "$BASE?kind=REGISTER&fileName=register-$ROWS.csv")
DRY_STATUS=$(tail -1 <<<"$DRY" | cut -d' ' -f1); DRY_SECONDS=$(tail -1 <<<"$DRY" | cut -d' ' -f2)
DRY_BODY=$(head -n -1 <<<"$DRY")
[[ $DRY_STATUS == 201 ]] || { echo "dry run answered $DRY_STATUS: ${DRY_BODY:0:2000}" >&2; exit 1; }
field() { grep -o "\"$1\":[0-9]*" <<<"$2" | head -1 | cut -d: -f2; }
IMPORT_ID=$(field id "$DRY_BODY")
PROBLEMS=$(field rowsWithProblems "$DRY_BODY")
if [[ "$PROBLEMS" != 0 ]]; then
    echo "the generated file has $PROBLEMS rows with problems: ${DRY_BODY:0:2000}" >&2; exit 1
fi
log "apply"
APPLY=$(curl -sS -m 600 "${AUTH[@]}" -X POST -w '\n%{http_code} %{time_total}' "$BASE/$IMPORT_ID/apply")
APPLY_STATUS=$(tail -1 <<<"$APPLY" | cut -d' ' -f1); APPLY_SECONDS=$(tail -1 <<<"$APPLY" | cut -d' ' -f2)
[[ $APPLY_STATUS == 201 ]] || { echo "apply answered $APPLY_STATUS: $(head -c 2000 <<<"$APPLY")" >&2; exit 1; }
SENIORS=$("$PGBIN/psql" -qAt -d laorenjia -c "select count(*) from senior")
HEAP="n/a"
if command -v jcmd >/dev/null; then
    HEAP=$(jcmd "$SETTLEMENT_PID" GC.heap_info 2>/dev/null | grep -m1 -oE 'used [0-9]+K' | awk '{printf "%d MiB", $2/1024}') || HEAP="n/a"
fi
PEAK_RSS=$(awk '/VmHWM/{printf "%d MiB", $2/1024}' "/proc/$SETTLEMENT_PID/status")

echo
echo "== results: $ROWS register rows, file $(( $(stat -c %s "$FILE") / 1024 )) KiB; load average now $(cut -d' ' -f1-3 /proc/loadavg) =="
awk -v rows="$ROWS" -v dry="$DRY_SECONDS" -v apply="$APPLY_SECONDS" 'BEGIN {
    printf "  dry run (upload, read, check every row, result file)   %7.2f s  %9.0f rows/s\n", dry, rows / dry
    printf "  apply (read again, check again, write, result file)    %7.2f s  %9.0f rows/s\n", apply, rows / apply
    printf "  both                                                   %7.2f s  %9.0f rows/s   goal: <= 60 s for 100,000 rows\n", dry + apply, rows / (dry + apply)
}'
echo "  seniors in the register afterwards: $SENIORS (1 loaded with the canteens + $ROWS imported)"
echo "  service heap used after the import: $HEAP (-Xmx${BENCH_HEAP:-1g}); peak resident memory: $PEAK_RSS"
grep -E "Import [0-9]+ " "$WORK/settlement.log" | sed 's/^/  service log: /' || true
