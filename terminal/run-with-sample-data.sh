#!/usr/bin/env bash
# Brings up the whole system on this machine with embedded defaults: the settlement service (embedded
# PostgreSQL, 宝坻 sample register; it writes a demo terminal credential into its data directory) and the counter
# terminal of sample canteen BD-HB-01 (cashier page http://127.0.0.1:8081/, senior display /display.html).
# Build first: mvn -B -q install -DskipTests (the README run command does both).  Stop with Ctrl-C (both stop).
set -euo pipefail
cd "$(dirname "$0")/.."
settlement=settlement/target/quarkus-app/quarkus-run.jar
terminal=terminal/target/quarkus-app/quarkus-run.jar
embedded_postgres=fixtures/embedded-postgres/target/laorenjia-embedded-postgres-launcher.jar
for jar in "$settlement" "$terminal" "$embedded_postgres" terminal/target/quarkus-app/jvm.options; do
  if [ ! -f "$jar" ]; then
    echo "未找到 $jar (not built): 请先运行 mvn -B -q install -DskipTests" >&2
    exit 1
  fi
done
# The service ships no database: the launcher starts the embedded PostgreSQL (data in $LAORENJIA_DATA_DIR or
# ~/.laorenjia/settlement), runs the service against it and, when stopped, stops the service and then the database.
# The demo loads the sample register and gives one sample terminal a credential; both are opt-in (a real
# installation sets neither).
LAORENJIA_SAMPLE_DATA_LOAD=true LAORENJIA_DEMO_TERMINAL_ENABLED=true \
  java -jar "$embedded_postgres" java -jar "$settlement" &
settlement_pid=$!
trap 'kill "$settlement_pid" 2>/dev/null || true; wait "$settlement_pid" 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM
# The terminal reads the demo credential when it first needs it, so it may start while the settlement loads.
# The terminal's JVM options are terminal/jvm.options (the build copies it next to the jar with the AppCDS archive
# made for that jar); both are found relative to the jar's directory, so the counter starts from there.
if [ -n "${LAORENJIA_DATA_DIR:-}" ]; then
  export LAORENJIA_DATA_DIR="$(realpath -m "$LAORENJIA_DATA_DIR")"
fi
cd "$(dirname "$terminal")"
java @jvm.options -jar quarkus-run.jar
