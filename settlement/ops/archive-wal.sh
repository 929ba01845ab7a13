#!/usr/bin/env bash
# PostgreSQL's archive_command: copies one finished WAL segment into the archive, durably and never over a different
# file. Runs as the database server's user. In postgresql.conf (README "备份与恢复"):
#
#   wal_level = replica
#   archive_mode = on
#   archive_command = '/opt/laorenjia/ops/archive-wal.sh %p %f /var/backups/laorenjia/wal'
#   archive_timeout = 60        # a quiet server still archives at least every minute: at most 60 s of WAL at risk
#
# Exit 0 only when the segment is safely in the archive: PostgreSQL keeps it in pg_wal and retries otherwise.
set -euo pipefail
src=$1 name=$2 archive=$3
dest="$archive/$name"
if [ -e "$dest" ]; then
  # archived before (a retry after a crash): fine if identical, an error if not (two servers on one archive)
  cmp -s "$src" "$dest" && exit 0
  echo "archive-wal: $dest exists with different content" >&2
  exit 1
fi
cp "$src" "$dest.part"
sync "$dest.part"          # the data on disk before the name appears
mv "$dest.part" "$dest"
sync "$archive"            # and the rename itself
