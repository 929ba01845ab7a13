#!/usr/bin/env bash
# A base backup of the settlement database server, checksummed and verified, with retention.
# (README "备份与恢复 · Backup and restore"; the restore: restore.sh; the test of both: backup-restore-test.sh.)
#
#   BACKUP_ROOT=/var/backups/laorenjia PGHOST=127.0.0.1 PGPORT=5432 PGUSER=laorenjia_backup \
#     bash settlement/ops/backup.sh                   # e.g. nightly from a systemd timer or cron, as user postgres
#
# Layout under BACKUP_ROOT:
#   base/<UTC time>/   pg_basebackup in plain format with the WAL it needs (-X stream): consistent on its own;
#                      backup_manifest holds a SHA-256 of every file, checked by pg_verifybackup now and at restore
#   wal/               the WAL archive, filled by the server's archive_command (archive-wal.sh): replayed on top of a
#                      base backup it brings the database to any moment after it (restore.sh --target-time)
#
# The server needs (postgresql.conf): wal_level = replica, archive_mode = on, archive_command running archive-wal.sh
# into BACKUP_ROOT/wal (see that script), and a role allowed to take backups:
#   create role laorenjia_backup login replication password '...';     -- pg_hba.conf: host replication laorenjia_backup ...
# Its password comes from ~/.pgpass or PGPASSFILE (never from this repository).
#
# Retention: KEEP base backups (default 7); WAL older than the oldest kept backup is removed (pg_archivecleanup), so
# every kept backup can still be rolled forward to now. Exit non-zero if the backup or its verification failed (the
# failed directory is removed, nothing older is pruned).
# Environment: BACKUP_ROOT (required), KEEP (7), PGBIN (/usr/lib/postgresql/15/bin), the libpq PG* variables.
set -euo pipefail
: "${BACKUP_ROOT:?set BACKUP_ROOT, e.g. /var/backups/laorenjia}"
KEEP=${KEEP:-7}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
log() { printf '[%s] backup: %s\n' "$(date -u +%FT%TZ)" "$*"; }

mkdir -p "$BACKUP_ROOT/base" "$BACKUP_ROOT/wal"
[ -n "$(ls -A "$BACKUP_ROOT/wal" 2>/dev/null)" ] || log "warning: the WAL archive $BACKUP_ROOT/wal is empty: is archive_command set?"
name=$(date -u +%Y%m%dT%H%M%SZ)
target="$BACKUP_ROOT/base/$name"
partial="$target.partial"
trap 'rm -rf "$partial"' EXIT

log "pg_basebackup into $target"
"$PGBIN/pg_basebackup" -D "$partial" -Fp -X stream --checkpoint=fast --manifest-checksums=SHA256 \
  --label "laorenjia $name" --no-password
log "verify (manifest SHA-256 of every file, and the WAL it needs)"
"$PGBIN/pg_verifybackup" --quiet "$partial"
mv "$partial" "$target"
trap - EXIT
# the first WAL segment this backup needs: everything before it in the archive serves only older backups
sed -n 's/^START WAL LOCATION: .* (file \([0-9A-F]*\))$/\1/p' "$target/backup_label" > "$target.start-wal"
log "done: $target ($(du -sh "$target" | cut -f1), starts at WAL $(cat "$target.start-wal"))"

# retention: the newest KEEP backups, and the archived WAL from the oldest of them on
mapfile -t backups < <(find "$BACKUP_ROOT/base" -mindepth 1 -maxdepth 1 -type d -name '20*Z' | sort)
if [ "${#backups[@]}" -gt "$KEEP" ]; then
  for old in "${backups[@]:0:${#backups[@]}-KEEP}"; do
    log "retention: removing $old"
    rm -rf "$old" "$old.start-wal"
  done
fi
oldest=$(find "$BACKUP_ROOT/base" -mindepth 1 -maxdepth 1 -type d -name '20*Z' | sort | head -1)
if [ -s "$oldest.start-wal" ]; then
  "$PGBIN/pg_archivecleanup" "$BACKUP_ROOT/wal" "$(cat "$oldest.start-wal")"
  log "retention: WAL archive kept from $(cat "$oldest.start-wal") (oldest kept backup $(basename "$oldest"))"
fi
