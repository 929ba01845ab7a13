#!/usr/bin/env bash
# Finance benchmark (issue 19): the finance page's statement list at 10,000 canteens.
#
#   bash settlement/bench/finance-benchmark.sh                          # 10,000 canteens, 100,000 seniors
#   CANTEENS=2000 SENIORS=20000 bash settlement/bench/finance-benchmark.sh   # a quick run of the harness
#
# All on 127.0.0.1, removed on exit: a throwaway PostgreSQL 15 cluster (Debian's binaries, as user postgres); the
# schema by Flyway through the settlement jar's command mode; the fixtures generator's month of meals over CANTEENS
# canteens; the ledger sealed (genesis, untimed); the month settled in command mode, which drafts one statement per
# canteen (untimed here: settlement-benchmark.sh measures settling). Then the service is started and, over HTTP with
# a finance account created through the administrators' API, curl times (best of ROUNDS, default 3, except the
# confirmations, which change the data and run once):
#   - the paged list (GET /api/settlement/statements/summary): first page, a filtered page (one 街镇, drafts), a
#     search (part of a canteen code), a late page (sorted by net owed, descending, page 150 of 50 rows);
#   - the month totals (GET /api/settlement/months/{m}?canteens=false: rollups per 区/街镇 and per day);
#   - the finance page: its HTML, and its first screen's data (HTML + month totals + first page + chart);
#   - confirm all: of one 街镇's drafts, then of every remaining draft of the month (set-based: the month's drafts
#     refreshed once, one pass over the ledger, the reconciled drafts confirmed together).
# Timings are printed, never asserted. Environment: PGBIN (default /usr/lib/postgresql/15/bin), MONTH (2026-10),
# ROUNDS (3), SKIP_BUILD=1 to use the jars as they are, OLD_LIST=1 to time the former GET /statements too.
set -euo pipefail

SENIORS=${SENIORS:-100000}
CANTEENS=${CANTEENS:-10000}
MONTH=${MONTH:-2026-10}
ROUNDS=${ROUNDS:-3}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "build (package, no install)"
  mvn -B -q -o -pl settlement,fixtures/testkit -am package -DskipTests
fi
JAR=${JAR:-settlement/target/quarkus-app/quarkus-run.jar}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SERVICE_PID=""
before_cleanup() {
  if [ -n "$SERVICE_PID" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
  fi
}

echo "== finance benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'): $CANTEENS canteens, $SENIORS seniors, month $MONTH"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
     "load average before the run $(cut -d' ' -f1-3 /proc/loadavg)"
source settlement/bench/throwaway-postgres.sh
throwaway_postgres finance-bench "-c shared_buffers=512MB -c work_mem=32MB -c max_wal_size=8GB -c maintenance_work_mem=512MB"
# the first administrator is created by whichever run of the jar comes first: with this password
ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export LAORENJIA_ADMIN_PASSWORD="$ADMIN_PASSWORD"

log "schema (Flyway, through the settlement jar's command mode)"
java -jar "$JAR" settle --from 2000-01-01 --to 2000-01-01 >/dev/null
log "generate $SENIORS seniors, $CANTEENS canteens, month $MONTH"
java -cp "$(cat fixtures/testkit/target/classpath.txt):fixtures/testkit/target/classes" cn.laorenjia.fixtures.generate.Generate \
  --seniors "$SENIORS" --canteens "$CANTEENS" --month "$MONTH" --skip-fk-checks \
  --jdbc-url "$QUARKUS_DATASOURCE_JDBC_URL" --user postgres --password postgres | grep -v '^  20' | tail -3
$PSQL -d laorenjia -c "vacuum analyze meal_entry"
log "seal the ledger (genesis) and settle the month in command mode (drafts one statement per canteen; untimed)"
java -jar "$JAR" settle --from 2000-01-01 --to 2000-01-01 >/dev/null
FIRST="$MONTH-01"
LAST=$(date -d "$FIRST +1 month -1 day" +%F)
java -Xmx1g -jar "$JAR" settle --from "$FIRST" --to "$LAST" | grep -E 'settle_ms' || true
$PSQL -d laorenjia -c "vacuum analyze"
ROWS=$($PSQL -d laorenjia -At -c "select count(*) from meal_entry")
STATEMENTS=$($PSQL -d laorenjia -At -c "select count(*) from statement where month = '$FIRST'")
LINES=$($PSQL -d laorenjia -At -c "select count(*) from statement_line l join statement s on s.id = l.statement_id where s.month = '$FIRST'")
SUBDISTRICT=$($PSQL -d laorenjia -At -c "select c.subdistrict from statement s join canteen c on c.id = s.canteen_id where s.month = '$FIRST' group by 1 order by count(*) desc limit 1")
SUB_COUNT=$($PSQL -d laorenjia -At -c "select count(*) from statement s join canteen c on c.id = s.canteen_id where s.month = '$FIRST' and c.subdistrict = '$SUBDISTRICT'")
SEARCH=$($PSQL -d laorenjia -At -c "select left(c.code, length(c.code) - 1) from statement s join canteen c on c.id = s.canteen_id where s.month = '$FIRST' order by c.code offset $((STATEMENTS / 2)) limit 1")

HTTP_PORT=$(free_port)
log "starting settlement on 127.0.0.1:$HTTP_PORT"
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HTTP_PORT" java -Xmx1g -jar "$JAR" >"$WORK/settlement.log" 2>&1 &
SERVICE_PID=$!
for i in $(seq 1 120); do
  curl -fsS -m 2 "http://127.0.0.1:$HTTP_PORT/q/health" >/dev/null 2>&1 && break
  if ! kill -0 "$SERVICE_PID" 2>/dev/null || [ "$i" = 120 ]; then tail -40 "$WORK/settlement.log" >&2; exit 1; fi
  sleep 1
done
BASE="http://127.0.0.1:$HTTP_PORT"
FINANCE_PASSWORD=$(curl -fsS -u "admin:$ADMIN_PASSWORD" -H 'X-Requested-By: laorenjia' -H 'Content-Type: application/json' \
  -X POST "$BASE/api/security/people" \
  -d '{"username":"bench-finance","displayName":"王会计","roles":["finance"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["password"])')
# signed in as the page is (the form and its session cookie): HTTP Basic would pay the password hash on every request
curl -fsS -o /dev/null -c "$WORK/cookies" -H 'X-Requested-By: laorenjia' \
  --data-urlencode "j_username=bench-finance" --data-urlencode "j_password=$FINANCE_PASSWORD" "$BASE/j_security_check"
grep -q laorenjia-session "$WORK/cookies" || { echo "sign-in failed" >&2; exit 1; }
AUTH=(-b "$WORK/cookies" -c "$WORK/cookies" -H 'X-Requested-By: laorenjia')
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
SUBQ=$(urlq "$SUBDISTRICT")

# one request: "<ms> <bytes> <status>"
once() {
  curl -sS -o /dev/null "${AUTH[@]}" -m 1800 -w '%{time_total} %{size_download} %{http_code}' "$@" \
    | awk '{printf "%.1f %d %s", $1 * 1000, $2, $3}'
}
# best of ROUNDS after one warm-up; prints "<best ms> ms  (<bytes> bytes, runs: ...)"
best() {
  local label="$1"; shift
  once "$@" >/dev/null
  local runs=() out=""
  for _ in $(seq 1 "$ROUNDS"); do out=$(once "$@"); runs+=("${out%% *}"); done
  local status=${out##* } bytes
  bytes=$(echo "$out" | cut -d' ' -f2)
  [ "$status" = 200 ] || { echo "$label: HTTP $status" >&2; exit 1; }
  printf '%-44s %8s ms  (%s bytes; runs %s)\n' "$label" \
    "$(python3 -c "print(min(float(x) for x in '${runs[*]}'.split()))")" "$bytes" "${runs[*]}"
}
S="$BASE/api/settlement/statements/summary?month=$MONTH"
echo
echo "== result ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
echo "ledger rows $ROWS; statements of $MONTH: $STATEMENTS with $LINES lines; 街镇 filter: $SUBDISTRICT ($SUB_COUNT statements); search: '$SEARCH'"
best "list: first page (50, by code)"               "$S&page=0&size=50"
best "list: filtered page (街镇 + drafts)"           "$S&subdistrict=$SUBQ&status=draft&page=0&size=50"
best "list: search (part of a code)"                "$S&q=$(urlq "$SEARCH")&page=0&size=50"
best "list: late page (netOwed desc, page 150)"     "$S&sort=netOwed&direction=desc&page=150&size=50"
best "list: unreconciled filter (ledger check)"     "$S&status=unreconciled&page=0&size=50"
best "month totals (months/{m}?canteens=false)"     "$BASE/api/settlement/months/$MONTH?canteens=false"
best "finance page HTML (/finance)"                 "$BASE/finance?month=$MONTH"
best "chart (/finance/chart/{m}.svg)"               "$BASE/finance/chart/$MONTH.svg"
if [ "${OLD_LIST:-0}" = 1 ]; then  # the list as it was: every statement with its lines (slow, large: opt-in)
  best "old list (GET /statements, every line)"     "$BASE/api/settlement/statements?month=$MONTH"
fi
out=$(once -X POST "$BASE/api/settlement/statements/confirm-all?month=$MONTH&subdistrict=$SUBQ")
printf '%-44s %8s ms  (HTTP %s)\n' "confirm all: one 街镇 ($SUB_COUNT drafts)" "${out%% *}" "${out##* }"
out=$(once -X POST "$BASE/api/settlement/statements/confirm-all?month=$MONTH")
printf '%-44s %8s ms  (HTTP %s)\n' "confirm all: the rest of the month" "${out%% *}" "${out##* }"
echo "confirmed: $($PSQL -d laorenjia -At -c "select count(*) from statement_confirmation k join statement s on s.id = k.statement_id where s.month = '$FIRST'") of $STATEMENTS"
best "list: first page after confirming"           "$S&page=0&size=50"
