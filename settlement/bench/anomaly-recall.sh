#!/usr/bin/env bash
# Anomaly recall ("measured, not asserted", issue 19): generate a realistic month of a district with fraud planted
# at a known set of dishonest canteens, run every anomaly rule over it, and print recall and false-flag rate per
# rule. Throwaway PostgreSQL 15 cluster (Debian's binaries, run as user postgres; removed on exit). As root.
#
#   bash settlement/bench/anomaly-recall.sh                          # 100,000 seniors, 300 canteens, 2026-10
#   SENIORS=5000 CANTEENS=30 bash settlement/bench/anomaly-recall.sh  # a quick run (~1 min after the build)
#
# Settings (environment): SENIORS (100000), CANTEENS (300), MONTH (2026-10), FRAUD_CANTEENS (4 % of the
# canteens, at least 11 so every kind is planted), SEED (generator's default), OUT (where truth.csv, cases.csv and
# report.txt are kept; default a new /tmp/laorenjia-recall-out-XXXXXX), SKIP_BUILD=1, SKIP_FK=1 (load without the
# server's foreign-key checks: faster; the generator's tests load with every check on).
#
# Steps: schema (Flyway, via the jar's `settle` command mode) -> generator with --fraud-canteens/--truth ->
# `scan-anomalies --month M --cases-csv cases.csv` (the jar's command mode; see the anomaly contract) ->
# cn.laorenjia.fixtures.bench.RecallReport. Exit status: RecallReport's (0 goal met: every planted kind found, at
# most 5 % of honest canteens flagged; 1 not met), 3 when this jar has no scan-anomalies command yet.
set -euo pipefail

SENIORS=${SENIORS:-100000}
CANTEENS=${CANTEENS:-300}
MONTH=${MONTH:-2026-10}
FRAUD_CANTEENS=${FRAUD_CANTEENS:-$(( CANTEENS * 4 / 100 > 11 ? CANTEENS * 4 / 100 : 11 ))}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (package, no install)"
  mvn -B -q -o -pl settlement -am package -DskipTests
fi
JAR=${JAR:-settlement/target/quarkus-app/quarkus-run.jar}
CP="$(cat fixtures/testkit/target/classpath.txt):fixtures/testkit/target/classes"

OUT=${OUT:-$(mktemp -d /tmp/laorenjia-recall-out-XXXXXX)}
mkdir -p "$OUT"
source settlement/bench/throwaway-postgres.sh
throwaway_postgres recall "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB \
  -c work_mem=64MB -c max_wal_size=8GB -c maintenance_work_mem=512MB"

echo "== schema (Flyway, through the settlement jar's command mode)"
java -jar "$JAR" settle --from 2000-01-01 --to 2000-01-01 >/dev/null

echo "== generate $SENIORS seniors, $CANTEENS canteens ($FRAUD_CANTEENS dishonest), month $MONTH"
GEN_START=$(date +%s%N)
FK=(); [ "${SKIP_FK:-0}" = 1 ] && FK=(--skip-fk-checks)
SEED_ARGS=(); [ -n "${SEED:-}" ] && SEED_ARGS=(--seed "$SEED")
java -cp "$CP" cn.laorenjia.fixtures.generate.Generate \
  --seniors "$SENIORS" --canteens "$CANTEENS" --month "$MONTH" "${FK[@]}" "${SEED_ARGS[@]}" \
  --fraud-canteens "$FRAUD_CANTEENS" --truth "$OUT/truth.csv" \
  --jdbc-url "$QUARKUS_DATASOURCE_JDBC_URL" --user postgres --password postgres | grep -v '^  20' | tail -4
GEN_MS=$(( ($(date +%s%N) - GEN_START) / 1000000 ))
$PSQL -d laorenjia -c "vacuum analyze"
FIRST="$MONTH-01"
LAST=$(date -d "$FIRST +1 month -1 day" +%F)
$PSQL -d laorenjia -At -F ' ' -c "select 'rows:', (select count(*) from meal_entry) meal_entry,
  (select count(*) from till_sale) till_sale, (select count(*) from till_shift) till_shift,
  (select count(*) from terminal_contact) terminal_contact, (select count(*) from offline_rejection) offline_rejection" \
  | tee "$OUT/rows.txt"
SUBSIDISED_SENIORS=$($PSQL -d laorenjia -At -c "select count(distinct senior_id) from meal_entry
  where subsidised and entry_type = 'SALE' and meal_date between '$FIRST' and '$LAST'")
echo "generated and loaded in $GEN_MS ms; $(( $(wc -l < "$OUT/truth.csv") - 1 )) planted instances in $OUT/truth.csv"

# An unknown first argument would start the HTTP service instead of a command: ask the jar first.
APPJAR=$(ls settlement/target/quarkus-app/app/*.jar | head -1)
if ! unzip -p "$APPJAR" cn/laorenjia/settlement/app/SettlementMain.class | grep -aq 'scan-anomalies'; then
  echo "!! this settlement jar has no 'scan-anomalies' command (the anomaly rules are not merged yet):"
  echo "!! generation and loading verified; recall not measured. Truth kept in $OUT/truth.csv"
  exit 3
fi

echo "== scan-anomalies --month $MONTH"
SCAN_START=$(date +%s%N)
java -jar "$JAR" scan-anomalies --month "$MONTH" --cases-csv "$OUT/cases.csv" | tee "$OUT/scan.txt" | tail -20
echo "scanned in $(( ($(date +%s%N) - SCAN_START) / 1000000 )) ms"

echo
echo "== recall ($(date -u +%FT%TZ), $SENIORS seniors, $CANTEENS canteens, $FRAUD_CANTEENS dishonest, month $MONTH)"
set +e
java -cp "$CP" cn.laorenjia.fixtures.bench.RecallReport --truth "$OUT/truth.csv" --cases "$OUT/cases.csv" \
  --canteens "$CANTEENS" --subsidised-seniors "$SUBSIDISED_SENIORS" | tee "$OUT/report.txt"
STATUS=${PIPESTATUS[0]}
echo "files: $OUT/{truth,cases}.csv, $OUT/report.txt"
exit "$STATUS"
