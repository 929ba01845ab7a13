# Sourced by the benchmark scripts (not run on its own): a throwaway PostgreSQL 15 cluster of Debian's binaries, run
# as user postgres, trusting loopback (no passwords), with the two roles of README "使用真实的 PostgreSQL 服务器" and
# the settlement jar pointed at it. Removed when the script exits.
#
#   source settlement/bench/throwaway-postgres.sh
#   throwaway_postgres NAME "-c shared_buffers=1GB -c ..."   # sets WORK, PORT, PSQL; exports QUARKUS_DATASOURCE_*
#
# A script with more to stop (a service it started) defines before_cleanup(); it runs first on exit.
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

throwaway_postgres() {
  local name=$1 settings=${2:-}
  WORK=$(mktemp -d "/tmp/laorenjia-$name-XXXXXX")
  chmod 755 "$WORK"
  chown postgres "$WORK"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  trap throwaway_postgres_cleanup EXIT INT TERM
  echo "== throwaway PostgreSQL 15 on port $PORT in $WORK"
  su postgres -c "$PGBIN/initdb -D $WORK/data -E UTF8 --locale=C -A trust" >/dev/null
  su postgres -c "$PGBIN/pg_ctl -D $WORK/data -l $WORK/pg.log -w -o \"-p $PORT -k $WORK -c listen_addresses=127.0.0.1 \
    $settings\" start" >/dev/null
  PSQL="psql -X -q -h 127.0.0.1 -p $PORT -U postgres"
  $PSQL -c "create role laorenjia_owner login" -c "create role laorenjia_service login" \
    -c "create database laorenjia owner laorenjia_owner" postgres
  $PSQL -d laorenjia -c "revoke create on schema public from public" -c "alter schema public owner to laorenjia_owner"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PORT/laorenjia"
  export QUARKUS_DATASOURCE_USERNAME=laorenjia_service QUARKUS_DATASOURCE_PASSWORD=unused-trust
  export QUARKUS_FLYWAY_USERNAME=laorenjia_owner QUARKUS_FLYWAY_PASSWORD=unused-trust
  export QUARKUS_LOG_LEVEL=WARN
  # a service started by a bench refuses to start without a QR signing key (QrKeyGuard): one made for this run
  LAORENJIA_QR_SIGNING_KEY=$(openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)
  export LAORENJIA_QR_SIGNING_KEY
}

throwaway_postgres_cleanup() {
  if declare -F before_cleanup >/dev/null; then before_cleanup || true; fi
  su postgres -c "$PGBIN/pg_ctl -D $WORK/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
