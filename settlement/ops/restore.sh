#!/usr/bin/env bash
# Prepares an EMPTY data directory from a base backup of backup.sh plus the WAL archive: PostgreSQL then replays the
# archive up to its end (the latest state archived) or to a given moment, and opens as a primary on a new timeline.
# (README "备份与恢复 · Backup and restore"; tested by backup-restore-test.sh.)
#
#   bash settlement/ops/restore.sh --backup-root /var/backups/laorenjia --data /var/lib/postgresql/15/main
#   bash settlement/ops/restore.sh --backup-root /var/backups/laorenjia --data /srv/pg-restored \
#        --target-time '2026-11-03 11:42:00+08'          # just before the mistake (ISO time with zone)
#   ... --backup /var/backups/laorenjia/base/20261103T020000Z     # a given base backup (default: the newest that
#                                                                 #  started before --target-time)
# Then start the server on that directory (systemctl start postgresql@15-main, or pg_ctl -D DIR start): it restores,
# replays, promotes itself and accepts connections; `select pg_is_in_recovery()` answers f once done. Run as the
# server's user (postgres). With --start PORT this script starts it with pg_ctl on that port (loopback only) and waits.
#
# The data directory must be empty or absent: this script never overwrites a database. To restore over a failed
# server, stop it and move its directory aside first (keep it until the restored one is checked).
# After the restore, check the ledger: java -jar settlement/target/quarkus-app/quarkus-run.jar verify-ledger
# The restored server does not archive (archive_mode off in its postgresql.auto.conf, so it cannot mix its WAL into
# the archive it came from while it is checked); once it is the database again: alter system reset archive_mode;
# restart; take a new base backup (backup.sh).
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
BACKUP_ROOT="" BACKUP="" DATA="" TARGET_TIME="" START_PORT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --backup-root) BACKUP_ROOT=$2; shift 2 ;;
    --backup) BACKUP=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    --target-time) TARGET_TIME=$2; shift 2 ;;
    --start) START_PORT=$2; shift 2 ;;
    *) echo "restore: unknown argument $1" >&2; exit 2 ;;
  esac
done
log() { printf '[%s] restore: %s\n' "$(date -u +%FT%TZ)" "$*"; }
[ -n "$BACKUP_ROOT" ] && [ -n "$DATA" ] || { echo "usage: restore.sh --backup-root DIR --data DIR [--backup DIR] [--target-time T] [--start PORT]" >&2; exit 2; }
WAL="$BACKUP_ROOT/wal"
[ -d "$WAL" ] || { echo "restore: no WAL archive at $WAL" >&2; exit 2; }
if [ -e "$DATA" ] && [ -n "$(ls -A "$DATA")" ]; then
  echo "restore: $DATA is not empty: refusing to overwrite a database (move it aside first)" >&2
  exit 2
fi

if [ -z "$BACKUP" ]; then
  # the newest backup; with a target time, the newest that started before it (its label's START TIME)
  for candidate in $(find "$BACKUP_ROOT/base" -mindepth 1 -maxdepth 1 -type d -name '20*Z' | sort -r); do
    if [ -n "$TARGET_TIME" ]; then
      started=$(sed -n 's/^START TIME: //p' "$candidate/backup_label")
      [ "$(date -d "$started" +%s)" -lt "$(date -d "$TARGET_TIME" +%s)" ] || continue
    fi
    BACKUP=$candidate; break
  done
  [ -n "$BACKUP" ] || { echo "restore: no base backup under $BACKUP_ROOT/base${TARGET_TIME:+ started before $TARGET_TIME}" >&2; exit 2; }
fi
log "verify $BACKUP (SHA-256 manifest)"
"$PGBIN/pg_verifybackup" --quiet "$BACKUP"

log "copy $BACKUP into $DATA"
mkdir -p "$DATA"
chmod 700 "$DATA"
cp -a "$BACKUP/." "$DATA/"
rm -f "$DATA/backup_manifest"
# the backup's own pg_wal is replaced by the archive's segments during recovery; stale server state is not wanted
rm -f "$DATA/postmaster.pid" "$DATA/postmaster.opts"
{
  echo "# restore.sh $(date -u +%FT%TZ): from $BACKUP and the archive $WAL"
  echo "restore_command = 'cp \"$WAL/%f\" \"%p\"'"
  if [ -n "$TARGET_TIME" ]; then
    echo "recovery_target_time = '$TARGET_TIME'"
    echo "recovery_target_action = 'promote'"
  fi
  # the restored server must not archive into the archive it is restored from until someone decides it should
  echo "archive_mode = 'off'"
} >> "$DATA/postgresql.auto.conf"
touch "$DATA/recovery.signal"
log "prepared: recovery to ${TARGET_TIME:-the end of the archive} (settings appended to $DATA/postgresql.auto.conf)"

if [ -n "$START_PORT" ]; then
  log "start on 127.0.0.1:$START_PORT and wait for the end of recovery"
  "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/../restore-$START_PORT.log" -w -t 300 \
    -o "-p $START_PORT -c listen_addresses=127.0.0.1 -k $DATA" start >/dev/null
  for _ in $(seq 1 300); do
    state=$("$PGBIN/psql" -X -At -h 127.0.0.1 -p "$START_PORT" -d postgres -c 'select pg_is_in_recovery()' 2>/dev/null || true)
    [ "$state" = f ] && { log "recovered and promoted"; exit 0; }
    sleep 1
  done
  echo "restore: still in recovery after 300 s (see $DATA/../restore-$START_PORT.log)" >&2
  exit 1
fi
