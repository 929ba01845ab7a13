#!/usr/bin/env bash
# Runs the anomaly rules over a generated month on a throwaway PostgreSQL 15 and prints the cases per rule and the
# share of canteens flagged (settlement/SUPERVISION.md). Without planted fraud (the generator's default) every case
# is a false flag; FRAUD_ARGS="--fraud-canteens N --truth FILE" plants fraud where the generator supports it.
# Usage: bash settlement/bench/anomaly-month.sh   (SENIORS, CANTEENS, MONTH, SKIP_BUILD=1, PGBIN)
set -euo pipefail

SENIORS=${SENIORS:-100000}
CANTEENS=${CANTEENS:-300}
MONTH=${MONTH:-2026-10}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (package, no install)"
  mvn -B -q -o -pl settlement,fixtures/testkit -am package -DskipTests
fi
JAR=${JAR:-settlement/target/quarkus-app/quarkus-run.jar}

source settlement/bench/throwaway-postgres.sh
throwaway_postgres anomaly "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB \
  -c work_mem=64MB"

echo "== schema (Flyway, through the settlement jar's command mode)"
java -jar "$JAR" settle --from 2000-01-01 --to 2000-01-01 >/dev/null

echo "== generate $SENIORS seniors, $CANTEENS canteens, month $MONTH ${FRAUD_ARGS:-}"
# shellcheck disable=SC2086
java -cp "$(cat fixtures/testkit/target/classpath.txt):fixtures/testkit/target/classes" cn.laorenjia.fixtures.generate.Generate \
  --seniors "$SENIORS" --canteens "$CANTEENS" --month "$MONTH" --skip-fk-checks ${FRAUD_ARGS:-} \
  --jdbc-url "$QUARKUS_DATASOURCE_JDBC_URL" --user postgres --password postgres | grep -v '^  20' | tail -3
$PSQL -d laorenjia -c "vacuum analyze"

echo "== scan-anomalies --month $MONTH"
CSV=${CASES_CSV:-$WORK/cases.csv}
/usr/bin/time -f "time_rss_kb=%M wall_s=%e" java -jar "$JAR" scan-anomalies --month "$MONTH" --cases-csv "$CSV"
echo "== canteens flagged (of $($PSQL -d laorenjia -At -c "select count(*) from canteen"))"
$PSQL -d laorenjia -c "select rule, count(*) cases, count(distinct canteen_id) canteens from anomaly_case group by rule order by rule" \
  -c "select count(distinct canteen_id) canteens_with_any_case from anomaly_case where canteen_id is not null" \
  -c "select count(distinct senior_id) seniors_with_meals from meal_entry"
