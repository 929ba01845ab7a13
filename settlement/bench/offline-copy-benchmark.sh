#!/usr/bin/env bash
# Offline-copy benchmark: what a counter's refresh of its offline copy costs the central, on a throwaway PostgreSQL
# 15 cluster (Debian's binaries; removed on exit) with a generated register.
#
#   bash settlement/bench/offline-copy-benchmark.sh                   # 100,000 seniors in one jurisdiction
#   SENIORS=2000 bash settlement/bench/offline-copy-benchmark.sh      # about the sample register's size
#
# Prints, for one terminal of the jurisdiction: the first request (builds the version), the whole copy gzip'd and
# uncompressed (bytes, ms, settlement CPU per request), a 304 (If-None-Match), the background rebuild after the quota
# of DELTA_SENIORS seniors changed (polled with If-None-Match: no request waits for it), and a delta (?since=). Goal at 100,000 seniors (issue 14): at most 2 MB on
# the wire and 100 ms CPU per refresh once the version is built.
set -euo pipefail

SENIORS=${SENIORS:-100000}
CANTEENS=${CANTEENS:-400}
REQUESTS=${REQUESTS:-20}
DELTA_SENIORS=${DELTA_SENIORS:-50}
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
cpu_ms() { echo $(( $(awk '{print $14+$15}' "/proc/$1/stat") * 1000 / $(getconf CLK_TCK) )); }

if [[ ! -x "$PGBIN/initdb" ]] && [[ $(id -u) == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >/dev/null
fi
[[ -x "$PGBIN/initdb" ]] || { echo "PostgreSQL 15 server binaries not in $PGBIN: apt-get install postgresql" >&2; exit 1; }
AS_PG=()
if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "as root, a 'postgres' user must exist to own the cluster" >&2; exit 1; }
    AS_PG=(runuser -u postgres --)
fi

JAR="$REPO/settlement/target/quarkus-app/quarkus-run.jar"
if [[ ! -f "$JAR" || ! -f "$REPO/fixtures/testkit/target/classpath.txt" \
      || -n "$(find "$REPO/src" "$REPO"/fixtures/*/src/main "$REPO/settlement/src/main" -newer "$JAR" -type f -print -quit)" ]]; then
    log "building (mvn package -DskipTests -pl settlement,fixtures/testkit -am)"
    (cd "$REPO" && mvn -B -q -o package -DskipTests -pl settlement,fixtures/testkit -am)
fi
CP="$REPO/fixtures/testkit/target/classes:$(cat "$REPO/fixtures/testkit/target/classpath.txt")"

WORK="$(mktemp -d /tmp/laorenjia-offline-copy.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pg/data"
SETTLEMENT_PID=""
PG_STARTED=0
cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    [[ -n "$SETTLEMENT_PID" ]] && kill -TERM "$SETTLEMENT_PID" 2>/dev/null && wait "$SETTLEMENT_PID" 2>/dev/null
    [[ $PG_STARTED == 1 ]] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null 2>&1
    rm -rf "$WORK"
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
    return 1
}
random_secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

PGPORT=$(free_port)
PGPASS="$(random_secret)"
SERVICE_PASSWORD="$(random_secret)"
ADMIN_PASSWORD="$(random_secret)"
export PGPASSWORD="$PGPASS" PGHOST=127.0.0.1 PGPORT PGUSER=postgres

echo "== offline copy benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $SENIORS seniors, $CANTEENS canteens =="
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$PGDATA"
printf '%s\n' "$PGPASS" > "$WORK/pg/pwfile"
[[ ${#AS_PG[@]} -gt 0 ]] && chown -R postgres "$WORK/pg"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=scram-sha-256 --pwfile="$WORK/pg/pwfile" \
    -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 || { cat "$WORK/initdb.log"; exit 1; }
cat >> "$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = ''
shared_buffers = 256MB
CONF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/postgres.log" -w -t 60 start >/dev/null
PG_STARTED=1
# the two roles of README "使用真实的 PostgreSQL 服务器": Flyway migrates as the owner, the service runs as its role
"$PGBIN/psql" -qX -d postgres -v ON_ERROR_STOP=1 \
    -c "create role laorenjia_owner login password '$PGPASS'" \
    -c "create role laorenjia_service login password '$SERVICE_PASSWORD'" \
    -c "create database laorenjia owner laorenjia_owner" >/dev/null
"$PGBIN/psql" -qX -d laorenjia -v ON_ERROR_STOP=1 -c "revoke create on schema public from public" \
    -c "alter schema public owner to laorenjia_owner" >/dev/null
JDBC_URL="jdbc:postgresql://127.0.0.1:$PGPORT/laorenjia"

HTTP_PORT=$(free_port)
BASE="http://127.0.0.1:$HTTP_PORT"
log "starting settlement on $BASE"
QUARKUS_DATASOURCE_JDBC_URL="$JDBC_URL" QUARKUS_DATASOURCE_USERNAME=laorenjia_service \
QUARKUS_DATASOURCE_PASSWORD="$SERVICE_PASSWORD" QUARKUS_FLYWAY_USERNAME=laorenjia_owner \
QUARKUS_FLYWAY_PASSWORD="$PGPASS" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HTTP_PORT" \
LAORENJIA_ADMIN_PASSWORD="$ADMIN_PASSWORD" QUARKUS_LOG_LEVEL=WARN \
    LAORENJIA_QR_GENERATE_IF_MISSING=true java -Xmx1g -jar "$JAR" >"$WORK/settlement.log" 2>&1 &
SETTLEMENT_PID=$!
for i in $(seq 1 120); do
    curl -fsS -m 2 "$BASE/q/health" >/dev/null 2>&1 && break
    if ! kill -0 "$SETTLEMENT_PID" 2>/dev/null || [[ $i == 120 ]]; then
        echo "settlement did not start:" >&2; tail -40 "$WORK/settlement.log" >&2; exit 1
    fi
    sleep 1
done

MONTH=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-15) -1 month" +%Y-%m)
log "generating $SENIORS seniors, $CANTEENS canteens (meals of $MONTH)"
java -cp "$CP" cn.laorenjia.fixtures.generate.Generate --seniors "$SENIORS" --canteens "$CANTEENS" \
    --month "$MONTH" --jdbc-url "$JDBC_URL" --user postgres --password "$PGPASS" --skip-fk-checks \
    >"$WORK/generate.log" 2>&1 || { tail -30 "$WORK/generate.log" >&2; exit 1; }
"$PGBIN/psql" -qAtX -d laorenjia -c "vacuum analyze"
TERMINAL=$("$PGBIN/psql" -qAtX -d laorenjia -c "select code from terminal order by id limit 1")
AUTH=$(curl -fsS -u "admin:$ADMIN_PASSWORD" -H 'X-Requested-By: laorenjia' -X POST "$BASE/api/register/terminals/$TERMINAL/secret" \
    | sed -n 's/.*"authorization":"\([^"]*\)".*/\1/p')
[[ -n "$AUTH" ]] || { echo "could not issue a secret for $TERMINAL" >&2; exit 1; }
URL="$BASE/api/counter/offline/snapshot"

# one request: prints "http_code bytes_on_wire seconds"; headers into $WORK/h
fetch() { curl -sS -o "$WORK/body" -D "$WORK/h" -w '%{http_code} %{size_download} %{time_total}\n' -H "Authorization: $AUTH" "$@"; }
etag() { sed -n 's/^[Ee][Tt]ag: *\(.*\)\r$/\1/p' "$WORK/h"; }
version() { etag | tr -dc '0-9'; }
# N requests of one kind: mean bytes, mean ms, settlement CPU ms per request
series() {
    local label=$1 n=$2; shift 2
    local cpu0 bytes=0 secs=0 line code b s
    cpu0=$(cpu_ms "$SETTLEMENT_PID")
    for _ in $(seq 1 "$n"); do
        line=$(fetch "$@"); read -r code b s <<<"$line"
        bytes=$(( bytes + b )); secs=$(awk -v a="$secs" -v b="$s" 'BEGIN{print a+b}')
    done
    local cpu=$(( $(cpu_ms "$SETTLEMENT_PID") - cpu0 ))
    printf '  %-34s HTTP %s  %10d bytes  %8.1f ms  %6.1f ms CPU per request (%d requests)\n' "$label" "$code" \
        $(( bytes / n )) "$(awk -v s="$secs" -v n="$n" 'BEGIN{print s*1000/n}')" \
        "$(awk -v c="$cpu" -v n="$n" 'BEGIN{print c/n}')" "$n"
}

echo "terminal $TERMINAL; $("$PGBIN/psql" -qAtX -d laorenjia -c "select count(*) from senior") seniors in the register"
echo "results:"
series "first request (builds the version)" 1 -H 'Accept-Encoding: gzip' "$URL"
V1=$(version); ETAG1=$(etag)
# the seniors travel as columns: the count is the length of the seniorId column
echo "  seniors in the copy: $(( $(gzip -dc "$WORK/body" | grep -o '"seniorId":\[[0-9,]*\]' | tr -cd , | wc -c) + 1 ))"
series "whole copy, gzip" "$REQUESTS" -H 'Accept-Encoding: gzip' "$URL"
series "whole copy, uncompressed" 3 "$URL"
series "304 (If-None-Match)" "$REQUESTS" -H 'Accept-Encoding: gzip' -H "If-None-Match: $ETAG1" "$URL"

# a lunch later: DELTA_SENIORS seniors of the copy have eaten today (the quota the copy carries changed)
TODAY=$(TZ=Asia/Shanghai date +%F)
"$PGBIN/psql" -qAtX -d laorenjia -v ON_ERROR_STOP=1 -c "insert into quota_day (senior_id, meal_date, used)
    select id, date '$TODAY', 1 from senior order by id limit $DELTA_SENIORS
    on conflict (senior_id, meal_date) do update set used = quota_day.used + 1"
# the copies are rebuilt in the background every laorenjia.offline-copy.rebuild-after (1 minute): a counter asking
# meanwhile gets the current version at once (304); the new version appears after the scheduler's next rebuild
CPU0=$(cpu_ms "$SETTLEMENT_PID"); SECS0=$(date +%s); POLLS=0; WORST=0
while :; do
    line=$(fetch -H 'Accept-Encoding: gzip' -H "If-None-Match: $ETAG1" "$URL"); read -r code _ s <<<"$line"
    POLLS=$(( POLLS + 1 )); WORST=$(awk -v a="$WORST" -v b="$s" 'BEGIN{print (b*1000>a)?b*1000:a}')
    [[ $code == 200 ]] && break
    (( $(date +%s) - SECS0 > 200 )) && { echo "no new version within 200 s" >&2; exit 1; }
    sleep 2
done
printf '  %-34s after %d s; settlement CPU meanwhile %d ms (%d polls, slowest %.1f ms)\n' \
    "background rebuild, new version" $(( $(date +%s) - SECS0 )) $(( $(cpu_ms "$SETTLEMENT_PID") - CPU0 )) "$POLLS" "$WORST"
series "delta, first (makes the delta)" 1 -H 'Accept-Encoding: gzip' "$URL?since=$V1"
V2=$(version)
series "delta of $DELTA_SENIORS seniors, gzip" "$REQUESTS" -H 'Accept-Encoding: gzip' "$URL?since=$V1"
echo "  versions: $V1 -> $V2"
echo "settlement resident memory: $(( $(awk '/VmRSS/{print $2}' "/proc/$SETTLEMENT_PID/status") / 1024 )) MiB"
