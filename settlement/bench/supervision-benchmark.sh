#!/usr/bin/env bash
# Supervision and public pages benchmark (issue 19): how long the roll-up 区 → 街镇 → canteen, a canteen's profile and
# the public canteen list take at 10,000 canteens, on a throwaway PostgreSQL 15 cluster (Debian's binaries; removed on
# exit) with a generated register and a settled month of meals.
#
#   bash settlement/bench/supervision-benchmark.sh                        # 10,000 canteens, 100,000 seniors
#   CANTEENS=2000 SENIORS=20000 bash settlement/bench/supervision-benchmark.sh
#
# Prints for each page: HTTP status, bytes, the first request and the median of REQUESTS more (ms, wall clock through
# curl on this machine, server and database included). Nothing is asserted: these are measurements.
set -euo pipefail

SENIORS=${SENIORS:-100000}
CANTEENS=${CANTEENS:-10000}
REQUESTS=${REQUESTS:-5}
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

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

WORK="$(mktemp -d /tmp/laorenjia-supervision.XXXXXX)"
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
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

PGPORT=$(free_port)
PGPASS="$(random_secret)"
SERVICE_PASSWORD="$(random_secret)"
ADMIN_PASSWORD="$(random_secret)"
export PGPASSWORD="$PGPASS" PGHOST=127.0.0.1 PGPORT PGUSER=postgres

echo "== supervision benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $SENIORS seniors, $CANTEENS canteens =="
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
work_mem = 32MB
CONF
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/pg/postgres.log" -w -t 60 start >/dev/null
PG_STARTED=1
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
LAORENJIA_ADMIN_PASSWORD="$ADMIN_PASSWORD" QUARKUS_LOG_LEVEL=WARN LAORENJIA_SETTLEMENT_CRON=off \
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
FIRST="$MONTH-01"
LAST=$(date -d "$FIRST +1 month -1 day" +%F)
log "settling $FIRST..$LAST"
curl -fsS -m 1800 -u "admin:$ADMIN_PASSWORD" -H 'X-Requested-By: laorenjia' -H 'Content-Type: application/json' \
    -d "{\"from\":\"$FIRST\",\"to\":\"$LAST\"}" "$BASE/api/settlement/runs" >/dev/null
"$PGBIN/psql" -qAtX -d laorenjia -c "vacuum analyze"

read -r DISTRICT SUBDISTRICT <<<"$("$PGBIN/psql" -qAtX -F ' ' -d laorenjia -c \
    "select district, subdistrict from canteen group by 1, 2 order by count(*) desc limit 1")"
CANTEEN=$("$PGBIN/psql" -qAtX -d laorenjia -c "select code from canteen where district = '$DISTRICT' and subdistrict = '$SUBDISTRICT' order by code limit 1")
echo "data: $("$PGBIN/psql" -qAtX -d laorenjia -c "select count(*) from canteen") canteens in $("$PGBIN/psql" -qAtX -d laorenjia -c "select count(distinct (district, subdistrict)) from canteen") 街镇; $("$PGBIN/psql" -qAtX -d laorenjia -c "select count(*) from meal_entry") ledger rows; $("$PGBIN/psql" -qAtX -d laorenjia -c "select count(*) from settled_day") settled days; largest 街镇 $DISTRICT $SUBDISTRICT with $("$PGBIN/psql" -qAtX -d laorenjia -c "select count(*) from canteen where district = '$DISTRICT' and subdistrict = '$SUBDISTRICT'") canteens"

D=$(enc "$DISTRICT"); S=$(enc "$SUBDISTRICT")
# one page: first request, then the median of REQUESTS more
page() {
    local label=$1 url=$2; shift 2
    local first line code bytes times=()
    first=$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}' -H 'Accept: text/html' "$@" "$url")
    for _ in $(seq 1 "$REQUESTS"); do
        line=$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{time_total}' -H 'Accept: text/html' "$@" "$url")
        read -r code bytes t <<<"$line"; times+=("$t")
    done
    read -r fcode fbytes ft <<<"$first"
    printf '  %-44s HTTP %s %9d bytes  first %7.1f ms  median %7.1f ms\n' "$label" "$fcode" "$fbytes" \
        "$(awk -v t="$ft" 'BEGIN{print t*1000}')" \
        "$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]*1000}')"
}
ADMIN=(-u "admin:$ADMIN_PASSWORD")
echo "results (month $MONTH, $REQUESTS requests after the first):"
page "/supervision (all 区)" "$BASE/supervision?month=$MONTH" "${ADMIN[@]}"
page "/supervision/districts/{区}" "$BASE/supervision/districts/$D?month=$MONTH" "${ADMIN[@]}"
page "  … page 100 of the canteens by manual share" "$BASE/supervision/districts/$D?month=$MONTH&sort=manual&dir=desc&page=100" "${ADMIN[@]}"
page "/supervision/districts/{区}/subdistricts/{街镇}" "$BASE/supervision/districts/$D/subdistricts/$S?month=$MONTH" "${ADMIN[@]}"
page "/supervision/canteens/{code}" "$BASE/supervision/canteens/$CANTEEN?month=$MONTH" "${ADMIN[@]}"
page "/public/canteens (anonymous)" "$BASE/public/canteens"
page "/public/canteens?page=400" "$BASE/public/canteens?page=400"
page "/public/canteens?area={区|街镇}" "$BASE/public/canteens?area=$(enc "$DISTRICT|$SUBDISTRICT")"
page "/public/canteens?q=老人家 (name search)" "$BASE/public/canteens?q=$(enc 老人家)"
