#!/usr/bin/env bash
# Backup and restore, tested end to end (issue 20, "a restore from backup into an empty server reproduces the
# ledger"). Bounded: 2-4 minutes on 2 cores (4 on a busy machine). Every step is what README "区县部署与运维",
# part 6 "备份与恢复", tells an operator to do.
#
#   bash settlement/ops/backup-restore-test.sh        # as root (the servers run as user postgres); after `mvn verify`
#
#  1. a throwaway PostgreSQL 15 cluster (Debian's binaries, loopback, as in settlement/bench/throwaway-postgres.sh)
#     with WAL archiving through archive-wal.sh; the settlement service started on it as a district runs it (-Xmx1g,
#     QR key and administrator password from the environment; Flyway migrates the schema as the owner at its start);
#  2. a month of real ledger entries (the fixtures generator), settled through the API, which seals them into the
#     hash chain (its genesis); a base backup by backup.sh (pg_basebackup, SHA-256 manifest, verified) while the
#     service runs; the moment T1 noted;
#  3. MORE entries after the backup: sales posted to the service as counters do (the fixtures' load driver) and a
#     settlement run, sealed into the chain as the service stops (SIGTERM); they exist only in the WAL archive. The
#     service's resident memory is printed (after start, after the month's settlement, after the sales);
#  4. the server destroyed (stopped with -m immediate, its data directory deleted);
#  5. restore.sh into an EMPTY directory on another port, to the end of the archive: every table of the ledger, chain
#     and statements has the same rows as the original had (an ordered digest computed in SQL on both), and
#     `verify-ledger` finds the hash chain intact with as many links as the original;
#  6. restore.sh to the moment T1 (point in time) into another empty directory: the rows are those of T1.
# Exit status non-zero on any difference; everything is removed on exit.
# Environment: PGBIN (/usr/lib/postgresql/15/bin), JAVA (java), SKIP_BUILD=1 (default: build the jars if missing).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
OPS="$ROOT/settlement/ops"
JAVA=${JAVA:-java}
JAR=${JAR:-settlement/target/quarkus-app/quarkus-run.jar}
STARTED=$SECONDS
log() { printf '[%s +%3ss] %s\n' "$(date -u +%H:%M:%S)" "$((SECONDS - STARTED))" "$*"; }
fail() { echo "BACKUP-RESTORE TEST FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (the throwaway servers run as user postgres)"
if [ ! -f "$JAR" ] || [ ! -f fixtures/testkit/target/classpath.txt ]; then
  [ "${SKIP_BUILD:-0}" = 1 ] && fail "$JAR or the fixtures classpath is missing: run mvn -B verify first"
  log "build (package, no install)"
  mvn -B -q -o -pl settlement,fixtures/testkit -am package -DskipTests
fi

source settlement/bench/throwaway-postgres.sh
EXTRA_DATA_DIRS=()
before_cleanup() {
  local d
  declare -F stop_service >/dev/null && stop_service
  for d in "${EXTRA_DATA_DIRS[@]}"; do
    su postgres -c "$PGBIN/pg_ctl -D $d -m immediate stop" >/dev/null 2>&1 || true
  done
}
throwaway_postgres backup-test "-c wal_level=replica -c max_wal_senders=4"
# The scripts user postgres runs (archive_command, backup, restore), copied where it can read them: the clone may
# sit in a directory only root can enter (mktemp -d is 0700).
OPS_PG="$WORK/ops"
install -d -o postgres -m 755 "$OPS_PG"
install -o postgres -m 755 "$OPS"/archive-wal.sh "$OPS"/backup.sh "$OPS"/restore.sh "$OPS_PG"/
BACKUP_ROOT="$WORK/backups"
install -d -o postgres -m 700 "$BACKUP_ROOT" "$BACKUP_ROOT/wal"
log "WAL archiving on (archive-wal.sh into $BACKUP_ROOT/wal), restart"
$PSQL -c "alter system set archive_mode = on" \
  -c "alter system set archive_command = 'bash $OPS_PG/archive-wal.sh %p %f $BACKUP_ROOT/wal'" \
  -c "alter system set archive_timeout = 60" postgres
su postgres -c "$PGBIN/pg_ctl -D $WORK/data -l $WORK/pg.log -w restart" >/dev/null
[ "$($PSQL -At -c 'show archive_mode' postgres)" = on ] || fail "archive_mode did not take"

jar() { "$JAVA" -Xmx512m -jar "$JAR" "$@"; }
generate() {
  "$JAVA" -cp "$(cat fixtures/testkit/target/classpath.txt):fixtures/testkit/target/classes" \
    cn.laorenjia.fixtures.generate.Generate --jdbc-url "$QUARKUS_DATASOURCE_JDBC_URL" --user postgres --password unused-trust "$@" \
    | grep -v '^  20' | tail -2
}
# An ordered digest of every table of the ledger of record, its chain and the statements, in SQL on the server at
# port $1: "table rows md5" per line. Rows are compared as their full text, so any changed column shows.
TABLES="meal_entry ledger_link settled_day settlement_adjustment statement statement_line statement_confirmation settlement_run quota_day quota_week senior canteen audit_event"
digest() {
  local port=$1 t
  for t in $TABLES; do
    psql -X -q -At -h 127.0.0.1 -p "$port" -U postgres -d laorenjia -c \
      "select '$t', count(*), md5(coalesce(string_agg(x, E'\n' order by x), '')) from (select r::text x from $t r) s"
  done
}
verify_ledger() {  # on the server at port $1: prints "links=N problems=M ...", exit status 0 only when intact
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$1/laorenjia" jar verify-ledger | tail -1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_mb() { echo $(( $(ps -o rss= -p "$1") / 1024 )); }
# the first run of the jar creates the administrator, with this password
LAORENJIA_ADMIN_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export LAORENJIA_ADMIN_PASSWORD

HTTP_PORT=$(free_port)
BASE_URL="http://127.0.0.1:$HTTP_PORT"
log "the service, as a district runs it (-Xmx1g; QR key, admin password from the environment; Flyway migrates as"\
    "laorenjia_owner at its start), on $BASE_URL"
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$HTTP_PORT "$JAVA" -Xmx1g -jar "$JAR" >"$WORK/settlement.log" 2>&1 &
SERVICE_PID=$!
stop_service() {
  if [ -n "${SERVICE_PID:-}" ] && kill -0 "$SERVICE_PID" 2>/dev/null; then
    kill -TERM "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
  fi
  SERVICE_PID=""
}
for i in $(seq 1 180); do
  curl -fsS -m 2 "$BASE_URL/q/health/ready" >/dev/null 2>&1 && break
  if ! kill -0 "$SERVICE_PID" 2>/dev/null || [ "$i" = 180 ]; then tail -30 "$WORK/settlement.log" >&2; fail "the service did not start"; fi
  sleep 1
done
curl -fsS -m 5 "$BASE_URL/api/qr/keys" >/dev/null || fail "/api/qr/keys does not answer"
sleep 3
RSS_IDLE=$(rss_mb "$SERVICE_PID")
settle_via_api() {  # a settlement run of the range $1..$2; the run seals the ledger into the chain first
  curl -fsS -m 600 -u "admin:$LAORENJIA_ADMIN_PASSWORD" -H 'X-Requested-By: laorenjia' -H 'Content-Type: application/json' \
    -X POST "$BASE_URL/api/settlement/runs" -d "{\"from\":\"$1\",\"to\":\"$2\"}" >/dev/null || fail "settlement run $1..$2 refused"
}

log "a month of ledger entries (2026-10: 400 seniors, 4 canteens), settled and sealed (the chain's genesis)"
generate --seniors 400 --canteens 4 --month 2026-10 --seed 20
settle_via_api 2026-10-01 2026-10-31
RSS_SETTLED=$(rss_mb "$SERVICE_PID")

log "base backup (backup.sh, as user postgres) while the service runs"
su postgres -c "BACKUP_ROOT=$BACKUP_ROOT PGBIN=$PGBIN PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres bash $OPS_PG/backup.sh"
BASE=$(find "$BACKUP_ROOT/base" -mindepth 1 -maxdepth 1 -type d -name '20*Z' | head -1)
[ -f "$BASE/backup_manifest" ] || fail "no base backup with a manifest"
DIGEST_T1=$(digest "$PORT")
sleep 1.1
T1=$($PSQL -At -c "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'" postgres)
sleep 1.1
log "the moment T1 = $T1; ledger then: $(echo "$DIGEST_T1" | head -2 | cut -d'|' -f1-2 | tr '\n' ' ')"

log "MORE entries after the backup: sales through the service as counters send them (fixtures' AuthorisationLoad)"
"$JAVA" -Xmx256m -cp "$(cat fixtures/testkit/target/classpath.txt):fixtures/testkit/target/classes" \
  cn.laorenjia.fixtures.bench.AuthorisationLoad --base-url "$BASE_URL" --jdbc-url "$QUARKUS_DATASOURCE_JDBC_URL" \
  --user postgres --password unused-trust --terminals 4 --clients 4 --seconds 8 --warmup-seconds 2 --half-seconds 0 \
  | grep -E '^(终端密钥|LEVEL|level|closed|  *[0-9])' | head -5 || true
RSS_LOAD=$(rss_mb "$SERVICE_PID")
log "and a settlement run through the API (October again: a new run, the same totals)"
settle_via_api 2026-10-01 2026-10-31
log "service RSS (-Xmx1g): after start ${RSS_IDLE} MB, after the month's settlement ${RSS_SETTLED} MB, after the sales ${RSS_LOAD} MB"
stop_service   # SIGTERM: the service seals the newest entries into the chain as it stops
DIGEST_FINAL=$(digest "$PORT")
[ "$(echo "$DIGEST_FINAL" | head -1)" != "$(echo "$DIGEST_T1" | head -1)" ] || fail "no ledger entries were written after the backup"
# (the original's chain is not verified separately: the restored copy is, and it equals the original row for row)
log "original: $(echo "$DIGEST_FINAL" | head -2 | cut -d'|' -f1-2 | tr '\n' ' ')"

log "archive the last WAL segment (as archive_timeout would), then destroy the server"
SEGMENT=$($PSQL -At -c "select pg_walfile_name(pg_switch_wal())" postgres)
for i in $(seq 1 60); do
  ARCHIVED=$($PSQL -At -c "select coalesce(last_archived_wal, '') from pg_stat_archiver" postgres)
  [[ "$ARCHIVED" > "$SEGMENT" || "$ARCHIVED" == "$SEGMENT" ]] && break
  [ "$i" = 60 ] && fail "WAL segment $SEGMENT not archived after 60 s (last archived: $ARCHIVED)"
  sleep 1
done
su postgres -c "$PGBIN/pg_ctl -D $WORK/data -m immediate stop" >/dev/null
rm -rf "$WORK/data"
psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -c 'select 1' postgres >/dev/null 2>&1 && fail "the original server still answers"

restore_and_check() {  # $1 name, $2 expected digest, $3.. restore.sh arguments
  local name=$1 expected=$2; shift 2
  local port data="$WORK/$name"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  EXTRA_DATA_DIRS+=("$data")
  log "restore.sh ($name) into the empty $data, port $port"
  su postgres -c "PGBIN=$PGBIN bash $OPS_PG/restore.sh --backup-root $BACKUP_ROOT --data $data --start $port $*"
  local got
  got=$(digest "$port")
  if [ "$got" != "$expected" ]; then
    diff <(echo "$expected") <(echo "$got") >&2 || true
    fail "$name: the restored tables differ from the original's"
  fi
  log "$name: every table equal ($(echo "$got" | wc -l) tables, $(echo "$got" | head -1 | cut -d'|' -f2) ledger entries)"
  RESTORED_VERIFY=$(verify_ledger "$port") || fail "$name: the restored ledger does not verify: $RESTORED_VERIFY"
  log "$name: verify-ledger: $RESTORED_VERIFY"
  su postgres -c "$PGBIN/pg_ctl -D $data -m fast stop" >/dev/null
}

restore_and_check restored-latest "$DIGEST_FINAL"
LINKS=$(echo "$DIGEST_FINAL" | grep '^ledger_link|' | cut -d'|' -f2)
[ "${RESTORED_VERIFY%% *}" = "links=$LINKS" ] || fail "the restored chain verified $RESTORED_VERIFY, the original had $LINKS links"
restore_and_check restored-at-t1 "$DIGEST_T1" --target-time "'$T1'"

log "PASSED: the ledger restored from backup + WAL archive equals the original, at the end and at T1 (${SECONDS}s)"
