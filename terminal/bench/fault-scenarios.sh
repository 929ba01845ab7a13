#!/usr/bin/env bash
# Issue 7's fault scenarios in full: (a) kill -9 of the settlement service during 10,000 authorisations from
# 4 counters with retries, (b) PostgreSQL restarted mid-load, (c) a terminal killed mid-sale and restarted,
# (d) the network cut for a 500-sale lunch, then restored, and (e) the time to resync 10,000 queued offline sales.
# Prints one "FAULT ..." line per scenario. Everything runs on loopback and is removed afterwards.
#
#   bash terminal/bench/fault-scenarios.sh            # full form
#   FULL=false bash terminal/bench/fault-scenarios.sh # the short form that mvn verify runs
set -euo pipefail
cd "$(dirname "$0")/../.."
FULL="${FULL:-true}"
# builds the service and terminal jars (no install), then runs only the fault scenarios
out="$(mktemp)"
set +e
mvn -B verify -pl terminal -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=FaultScenariosIT -Dfailsafe.failIfNoSpecifiedTests=false -Dlaorenjia.fault.full="$FULL" > "$out" 2>&1
status=$?
set -e
grep -E 'Tests run:|FAIL' "$out" || true
cat terminal/target/fault/figures.txt 2>/dev/null || true
echo "full log: $out (load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
exit "$status"
