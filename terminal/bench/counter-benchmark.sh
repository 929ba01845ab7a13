#!/usr/bin/env bash
# Benchmark of the counter (issue 5, item 8): prints figures, asserts nothing.
#
#   bash terminal/bench/counter-benchmark.sh             # ~7 min: 100 taps, 7 cold starts, 60 QR frames, 10 sales a way
#   bash terminal/bench/counter-benchmark.sh --quick     # ~4 min smoke run of the harness (5 sales a way)
#
# 1. builds the jars if missing or older than the sources (mvn -o package -DskipTests -pl terminal -am; no install);
# 2. runs cn.laorenjia.terminal.bench.CounterBenchmark (terminal's test classes) with plain java, which
#    - decodes 1280x720 camera-like JPEG frames with the terminal's ImageDecoder (and the decoder it replaced);
#    - starts the settlement service's jar on its embedded default (real PostgreSQL, sample register, temp dir);
#    - starts the terminal's jar as the README says (in its directory: java @jvm.options -jar quarkus-run.jar, the
#      options of terminal/jvm.options and the AppCDS archive the build made), N times: process start -> ready 200;
#    - puts a virtual card on vpcd's first reader (real pcscd; started if not running, stopped again after)
#      and times card present -> the settlement's preview decision on the terminal's /api/sale/events stream;
#    - posts camera frames to /api/scan/image; reads the terminal's VmRSS/VmHWM from /proc;
#    - sells at the till in headless Debian chromium (1024x600, Playwright) by card, phone QR, printed QR and manual
#      look-up: keystrokes and seconds per sale; screenshots of the till, reports and senior display in
#      terminal/target/bench/screens/ (skipped when chromium is missing).
#    Everything it starts it stops, also on Ctrl-C.
# Needs: JDK 17+, Maven with the project's dependencies in ~/.m2, pcscd + vsmartcard-vpcd (bash .ci/pcsc), root
# for pcscd's /run/pcscd. Environment: BENCH_TAPS, BENCH_STARTS, BENCH_FRAMES, BENCH_SALES (sales per way) override the
# counts; BENCH_ID_KEY_MS is the cashier's pace typing an ID number (default 200 ms a key);
# BENCH_KEEP=1 keeps the logs; TERMINAL_JVM_OPTIONS adds JVM options after terminal/jvm.options (they win), to try one.
set -euo pipefail

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "unknown option $arg (use --quick or nothing)" >&2; exit 2 ;;
    esac
done
if [[ $QUICK == 1 ]]; then
    TAPS="${BENCH_TAPS:-20}"; STARTS="${BENCH_STARTS:-2}"; FRAMES="${BENCH_FRAMES:-15}"; SALES="${BENCH_SALES:-5}"
else
    TAPS="${BENCH_TAPS:-100}"; STARTS="${BENCH_STARTS:-7}"; FRAMES="${BENCH_FRAMES:-60}"; SALES="${BENCH_SALES:-10}"
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
for tool in java mvn; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

SETTLEMENT_JAR=settlement/target/quarkus-app/quarkus-run.jar
TERMINAL_JAR=terminal/target/quarkus-app/quarkus-run.jar
CLASSPATH_FILE=terminal/target/test-classpath.txt
if [[ ! -f $SETTLEMENT_JAR || ! -f $TERMINAL_JAR || ! -f $CLASSPATH_FILE \
      || -n "$(find src/main settlement/src/main terminal/src terminal/jvm.options fixtures/*/src/main pom.xml */pom.xml fixtures/*/pom.xml \
               -newer "$TERMINAL_JAR" -type f -print -quit)" ]]; then
    echo "[$(date -u +%H:%M:%S)] building (mvn -o -q package -DskipTests -pl terminal -am)"
    mvn -B -o -q package -DskipTests -pl terminal -am
fi

COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
if [[ -n "$(git status --porcelain 2>/dev/null)" ]]; then COMMIT="$COMMIT+uncommitted"; fi
exec java -Xmx1g -cp "terminal/target/test-classes:terminal/target/classes:$(cat "$CLASSPATH_FILE")" \
    cn.laorenjia.terminal.bench.CounterBenchmark \
    --settlement-jar "$SETTLEMENT_JAR" --terminal-jar "$TERMINAL_JAR" --commit "$COMMIT" \
    --taps "$TAPS" --starts "$STARTS" --frames "$FRAMES" --sales "$SALES" --id-key-millis "${BENCH_ID_KEY_MS:-200}" \
    --screens terminal/target/bench/screens --keep "$([[ ${BENCH_KEEP:-0} == 1 ]] && echo true || echo false)" \
    --terminal-jvm-options "${TERMINAL_JVM_OPTIONS:-}"
