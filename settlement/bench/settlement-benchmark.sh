#!/usr/bin/env bash
# Settlement benchmark: settle a generated month of ~10 million ledger rows across 2,000 canteens and compare
# with a bare "GROUP BY canteen, day" over the same table, in the same run, on a throwaway PostgreSQL 15
# cluster (Debian's binaries, run as user postgres; removed on exit).
#
#   bash settlement/bench/settlement-benchmark.sh            # 605,000 seniors -> ~10 M rows
#   SENIORS=60000 bash settlement/bench/settlement-benchmark.sh   # a quick ~1 M-row run
#
# Prints: rows, bare GROUP BY time (best of 2), settlement time of a 3-day range and of the whole month
# (each in its own JVM, with its peak heap and peak RSS: flat memory means these stay the same while the
# rows grow tenfold), then ROUNDS (3) alternations of the bare GROUP BY and an idempotent re-run of the month
# (same aggregate and check, nothing to write), and the ratio of the best of each.
set -euo pipefail

SENIORS=${SENIORS:-605000}
CANTEENS=${CANTEENS:-2000}
MONTH=${MONTH:-2026-10}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (package, no install)"
  mvn -B -q -o -pl settlement -am package -DskipTests
fi
JAR=${JAR:-settlement/target/quarkus-app/quarkus-run.jar}

source settlement/bench/throwaway-postgres.sh
throwaway_postgres bench "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB \
  -c work_mem=64MB -c max_wal_size=8GB -c maintenance_work_mem=512MB"

echo "== schema (Flyway, through the settlement jar's command mode)"
java -jar "$JAR" settle --from 2000-01-01 --to 2000-01-01 >/dev/null

echo "== generate $SENIORS seniors, $CANTEENS canteens, month $MONTH"
java -cp "$(cat fixtures/testkit/target/classpath.txt):fixtures/testkit/target/classes" cn.laorenjia.fixtures.generate.Generate \
  --seniors "$SENIORS" --canteens "$CANTEENS" --month "$MONTH" --skip-fk-checks \
  --jdbc-url "$QUARKUS_DATASOURCE_JDBC_URL" --user postgres --password postgres | grep -v '^  20' | tail -3
$PSQL -d laorenjia -c "vacuum analyze meal_entry"
ROWS=$($PSQL -d laorenjia -At -c "select count(*) from meal_entry")
# Every run seals the ledger's hash chain first. In production the sealer links new entries every few seconds, so a
# nightly run finds next to nothing to seal; the generated month was written behind the service's back, so it is
# linked here once (the chain's genesis), untimed, by a settlement of a day before the month.
echo "== seal the generated ledger into the hash chain (genesis, not part of the timings)"
SEAL_START=$(date +%s%N)
java -jar "$JAR" settle --from 2000-01-01 --to 2000-01-01 >/dev/null
echo "sealed $ROWS entries in $(( ($(date +%s%N) - SEAL_START) / 1000000 )) ms"
$PSQL -d laorenjia -c "vacuum analyze ledger_link"

FIRST="$MONTH-01"
LAST=$(date -d "$FIRST +1 month -1 day" +%F)
THIRD=$(date -d "$FIRST +2 day" +%F)
BARE="select canteen_id, meal_date, count(*), sum(discount_fen), sum(operating_subsidy_fen) from meal_entry group by canteen_id, meal_date"
bare_ms() {
  # psql's own timing of the statement, rows discarded
  $PSQL -d laorenjia -c '\timing on' -c '\o /dev/null' -c "$BARE" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
}
echo "== bare aggregate: $BARE"
bare_ms >/dev/null  # warm the cache for both
B1=$(bare_ms); B2=$(bare_ms)

settle() {
  /usr/bin/time -f "time_rss_kb=%M wall_s=%e" java -Xmx512m -jar "$JAR" settle --from "$1" --to "$2" 2>&1 \
    | grep -E 'settle_ms|结算批次|time_rss_kb'
}
echo "== settlement, 3 days ($FIRST..$THIRD), own JVM"
S3=$(settle "$FIRST" "$THIRD"); echo "$S3"
echo "== settlement, whole month ($FIRST..$LAST), own JVM"
SM=$(settle "$FIRST" "$LAST"); echo "$SM"
# The machine may be shared: bare aggregate and settlement re-runs alternate, and the best of each counts.
ROUNDS=${ROUNDS:-3}
RERUNS=()
BARES=("$B1" "$B2")
for i in $(seq 1 "$ROUNDS"); do
  echo "== round $i: bare aggregate, then a re-run of the month (idempotent: nothing new to write)"
  B=$(bare_ms); BARES+=("$B"); echo "bare ${B} ms"
  SR=$(settle "$FIRST" "$LAST"); echo "$SR"
  RERUNS+=("$(echo "$SR" | sed -n 's/.*settle_ms=\([0-9]*\).*/\1/p')")
done
MONTH_MS=$(echo "$SM" | sed -n 's/.*settle_ms=\([0-9]*\).*/\1/p')
BARE_MS=$(python3 -c "print(round(min(float(x) for x in '${BARES[*]}'.split())))")
RERUN_MS=$(python3 -c "print(min(int(x) for x in '${RERUNS[*]}'.split()))")
THREE_ROWS=$($PSQL -d laorenjia -At -c "select count(*) from meal_entry where meal_date between '$FIRST' and '$THIRD'")

echo
echo "== result ($(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs)"
echo "ledger rows:                  $ROWS (3-day range: $THREE_ROWS)"
echo "bare GROUP BY canteen, day:   ${BARE_MS} ms (best of: ${BARES[*]})"
echo "settlement of the month:      ${MONTH_MS} ms first run, ratio $(python3 -c "print(round($MONTH_MS / $BARE_MS, 2))")x (goal <= 1.25x)"
echo "re-runs of the month:         ${RERUN_MS} ms best (of: ${RERUNS[*]}), ratio $(python3 -c "print(round($RERUN_MS / $BARE_MS, 2))")x (goal <= 1.25x)"
echo "peak memory, 3 days:          $(echo "$S3" | grep -o 'heap_peak_mb=[0-9.]*') $(echo "$S3" | grep -o 'time_rss_kb=[0-9]*')"
echo "peak memory, month:           $(echo "$SM" | grep -o 'heap_peak_mb=[0-9.]*') $(echo "$SM" | grep -o 'time_rss_kb=[0-9]*')"
