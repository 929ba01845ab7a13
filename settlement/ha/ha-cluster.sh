#!/usr/bin/env bash
# pg_auto_failover on ONE machine, every port on 127.0.0.1 (settlement/ha/HA.md says how the same is laid out on
# three machines): a monitor and HA_NODES data nodes (default 3) of PostgreSQL 15, synchronous replication that
# survives the loss of any one standby (number-sync-standbys 1: every commit waits for ANY 1 of the standbys), data
# checksums and wal_log_hints on (so pg_rewind can turn a failed primary into a standby), and the database
# `laorenjia` with the two roles of README "使用真实的 PostgreSQL 服务器".
#
#   bash settlement/ha/ha-cluster.sh start     # create (first time) or restart every keeper; waits for a primary
#   bash settlement/ha/ha-cluster.sh status    # pg_autoctl show state
#   bash settlement/ha/ha-cluster.sh uri       # the service's multi-host JDBC URL
#   bash settlement/ha/ha-cluster.sh env       # export lines for the settlement jar (URL, roles, passwords)
#   bash settlement/ha/ha-cluster.sh stop      # stop the keepers (nodes first, monitor last); the data stays
#   bash settlement/ha/ha-cluster.sh destroy   # stop and remove HA_DIR
#   ... state | wait [SECONDS] | primary | port N | pgdata N        # for scripts (fault-test.sh)
#   ... kill-postmaster N | kill-node N | start-node N              # faults: SIGKILL of node N's postmaster, of
#                                                                   # the whole node; its keeper started again
#
# Environment: HA_DIR (default /tmp/laorenjia-ha; data, logs, passwords), HA_PORT (default 19500: the monitor; the
# nodes take HA_PORT+1 ...), HA_NODES (default 3; 2 = one standby, whose loss moves the primary to wait_primary),
# HA_SYNC_STANDBYS (default 1 with 3 nodes, 0 with 2), PGBIN (default /usr/lib/postgresql/15/bin); failure
# detection: HA_UNHEALTHY_MS (10000), HA_PARTITION_S (10), HA_DEMOTE_MS (15000), see tune_monitor below.
# Needs Debian's pg-auto-failover-cli and postgresql-15-auto-failover (installed here when missing and run as root).
# pg_autoctl and postgres refuse to run as root: as root everything runs as the postgres user (runuser).
#
# Authentication on this one machine: the service's two roles log in with scram-sha-256 passwords (random, kept
# owner-only in $HA_DIR/credentials.env); pg_auto_failover's own users (monitor, replication) are trusted on
# 127.0.0.1 only, and SSL is off: loopback never leaves the machine. Three machines: HA.md (scram + .pgpass, SSL).
set -euo pipefail

HA_DIR=${HA_DIR:-/tmp/laorenjia-ha}
HA_PORT=${HA_PORT:-19500}
HA_NODES=${HA_NODES:-3}
if [[ -z "${HA_SYNC_STANDBYS:-}" ]]; then HA_SYNC_STANDBYS=$(( HA_NODES >= 3 ? 1 : 0 )); fi
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
MONITOR_URI="postgres://autoctl_node@127.0.0.1:$HA_PORT/pg_auto_failover?sslmode=disable"

log() { printf '[%s] ha-cluster: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "$*"; exit 1; }

# as the postgres user, from a directory it can enter: the clone may sit in one only root can (mktemp -d is 0700)
cd /
AS_PG=()
if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "as root, a 'postgres' user must exist to own the cluster"
    AS_PG=(runuser -u postgres --)
fi
# every pg_autoctl command: as postgres, Debian's server binaries on PATH, one PGDATA
autoctl() {
    local pgdata=$1; shift
    "${AS_PG[@]}" env PATH="$PGBIN:$PATH" PGDATA="$pgdata" HOME="$HA_DIR" pg_autoctl "$@"
}
node_dir() { echo "$HA_DIR/node$1"; }
node_port() { echo $(( HA_PORT + $1 )); }
psql_at() {  # psql_at PORT DB SQL...: as postgres over loopback (trusted there), no psqlrc
    local port=$1 db=$2; shift 2
    local args=()
    for sql in "$@"; do args+=(-c "$sql"); done
    "${AS_PG[@]}" "$PGBIN/psql" -qAtX -h 127.0.0.1 -p "$port" -U postgres -d "$db" -v ON_ERROR_STOP=1 "${args[@]}"
}

install_packages() {
    command -v pg_autoctl >/dev/null && [[ -f /usr/share/postgresql/15/extension/pgautofailover.control ]] && return 0
    [[ $(id -u) == 0 ]] || die "pg_autoctl missing: apt-get install pg-auto-failover-cli postgresql-15-auto-failover"
    log "installing pg-auto-failover-cli postgresql-15-auto-failover"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q pg-auto-failover-cli postgresql-15-auto-failover >/dev/null \
        || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
                 pg-auto-failover-cli postgresql-15-auto-failover >/dev/null; }
}

# a keeper (or the monitor) in the background, in its own session so that stopping it never signals our caller
run_keeper() {
    local pgdata=$1 logfile=$2; shift 2
    setsid "${AS_PG[@]}" env PATH="$PGBIN:$PATH" PGDATA="$pgdata" HOME="$HA_DIR" pg_autoctl "$@" \
        >>"$logfile" 2>&1 < /dev/null &
}
# pg_autoctl keeps its own pid file under XDG_RUNTIME_DIR; we keep the one of the process we started
keeper_running() { [[ -f "$1.keeper.pid" ]] && kill -0 "$(cat "$1.keeper.pid")" 2>/dev/null; }
start_one() {
    local pgdata=$1 name=$2; shift 2
    keeper_running "$pgdata" && return 0
    run_keeper "$pgdata" "$HA_DIR/logs/$name.log" "$@"
    echo $! > "$pgdata.keeper.pid"
}

# Failure detection and fencing, faster than pg_auto_failover's defaults (unhealthy after 20 s, a promoted standby
# waits 30 s for the old primary to demote: about a minute without writes, measured in HA.md). Kept in order:
# health checks every 2 s, unhealthy after HA_UNHEALTHY_MS; a partitioned keeper demotes its primary after
# HA_PARTITION_S; the monitor waits HA_DEMOTE_MS (> HA_PARTITION_S) before a promoted standby takes writes.
HA_UNHEALTHY_MS=${HA_UNHEALTHY_MS:-10000}
HA_PARTITION_S=${HA_PARTITION_S:-10}
HA_DEMOTE_MS=${HA_DEMOTE_MS:-15000}
(( HA_DEMOTE_MS > HA_PARTITION_S * 1000 )) || die "HA_DEMOTE_MS must exceed HA_PARTITION_S (fencing)"
tune_monitor() {
    psql_at "$HA_PORT" pg_auto_failover \
        "alter system set pgautofailover.health_check_period = 2000" \
        "alter system set pgautofailover.health_check_timeout = 2000" \
        "alter system set pgautofailover.health_check_retry_delay = 1000" \
        "alter system set pgautofailover.node_considered_unhealthy_timeout = $HA_UNHEALTHY_MS" \
        "alter system set pgautofailover.primary_demote_timeout = $HA_DEMOTE_MS" \
        "select pg_reload_conf()" >/dev/null
}

state_json() { autoctl "$HA_DIR/monitor" show state --json 2>/dev/null; }
# "<node name> <reported state> <assigned state>" per line
states() {
    state_json | python3 -c '
import json, sys
try:
    for n in json.load(sys.stdin):
        print(n["nodename"], n["current_group_state"], n["assigned_group_state"], n["health"], n["nodeport"])
except Exception:
    pass'
}
# waits until one node is primary and every other one secondary, all as assigned
wait_stable() {
    local timeout=${1:-180} t=0
    while (( t < timeout )); do
        local s
        s=$(states)
        if [[ $(grep -c . <<<"$s") == "$HA_NODES" ]] \
           && [[ $(awk '$2 == "primary" && $3 == "primary"' <<<"$s" | grep -c .) == 1 ]] \
           && [[ $(awk '$2 == "secondary" && $3 == "secondary"' <<<"$s" | grep -c .) == $(( HA_NODES - 1 )) ]]; then
            return 0
        fi
        sleep 1; t=$(( t + 1 ))
    done
    log "no stable primary + $(( HA_NODES - 1 )) secondaries after ${timeout}s:"; states >&2; return 1
}

primary_port() {
    local n
    for n in $(seq 1 "$HA_NODES"); do
        [[ $(psql_at "$(node_port "$n")" postgres "select not pg_is_in_recovery()" 2>/dev/null) == t ]] \
            && { node_port "$n"; return 0; }
    done
    return 1
}

jdbc_url() {
    local hosts="" n
    for n in $(seq 1 "$HA_NODES"); do hosts+="${hosts:+,}127.0.0.1:$(node_port "$n")"; done
    # the primary among the hosts (pgjdbc tries them in turn; a host found not primary is skipped for
    # hostRecheckSeconds). No timeouts here: pgjdbc lets URL parameters override the datasource's properties, and
    # application.properties sets connect/socket/login timeouts for every database (HA.md).
    echo "jdbc:postgresql://$hosts/laorenjia?targetServerType=primary&hostRecheckSeconds=2"
}

create_cluster() {
    install_packages
    mkdir -p "$HA_DIR/logs"
    chmod 700 "$HA_DIR"
    [[ ${#AS_PG[@]} -gt 0 ]] && chown -R postgres "$HA_DIR"
    # pg_autoctl makes its config and state directories (named after PGDATA) with a check-then-mkdir that fails
    # with "File exists" when two of its processes race on them (a keeper starting while `show state` polls, two
    # standbys created together): made here first, they exist before any keeper starts
    local pgdata n
    for pgdata in "$HA_DIR/monitor" $(for n in $(seq 1 "$HA_NODES"); do node_dir "$n"; done); do
        "${AS_PG[@]}" mkdir -p "$HA_DIR/.config/pg_autoctl$pgdata" "$HA_DIR/.local/share/pg_autoctl$pgdata"
    done
    log "monitor on 127.0.0.1:$HA_PORT"
    start_one "$HA_DIR/monitor" monitor create monitor --pgport "$HA_PORT" --hostname 127.0.0.1 \
        --auth trust --no-ssl --run
    # the monitor answers, then restarts once more while it finishes its set-up: retry until it takes the settings
    local i
    for i in $(seq 1 60); do
        state_json >/dev/null 2>&1 && tune_monitor 2>/dev/null && break
        (( i < 60 )) || die "the monitor did not start: $(tail -20 "$HA_DIR/logs/monitor.log")"
        sleep 1
    done

    # the primary first: its cluster is ours, with data checksums (pg_autoctl's initdb has none), so pg_rewind can
    # bring back a failed primary whatever wal_log_hints; the standbys copy it (pg_basebackup)
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$(node_dir 1)" --data-checksums -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$HA_DIR/logs/initdb.log" 2>&1 || die "initdb failed: $(cat "$HA_DIR/logs/initdb.log")"
    log "node1 on 127.0.0.1:$(node_port 1)"
    start_one "$(node_dir 1)" node1 create postgres --pgport "$(node_port 1)" --hostname 127.0.0.1 --name node1 \
        --auth trust --no-ssl --monitor "$MONITOR_URI" --run
    for _ in $(seq 1 120); do
        [[ $(states | awk '$1 == "node1" {print $2}') == single ]] && break; sleep 1
    done
    [[ $(states | awk '$1 == "node1" {print $2}') == single ]] || die "node1 did not start: $(tail -20 "$HA_DIR/logs/node1.log")"
    create_database "$(node_port 1)"
    # then the standbys, together: each one's base backup from the primary
    local n
    for n in $(seq 2 "$HA_NODES"); do
        log "node$n on 127.0.0.1:$(node_port "$n")"
        start_one "$(node_dir "$n")" "node$n" create postgres --pgport "$(node_port "$n")" --hostname 127.0.0.1 \
            --name "node$n" --auth trust --no-ssl --monitor "$MONITOR_URI" --run
    done
    # pg_basebackup asks for a spread checkpoint (minutes on an idle primary): a CHECKPOINT hurries it
    for _ in $(seq 1 240); do
        [[ $(states | awk '$2 == "secondary"' | grep -c .) == $(( HA_NODES - 1 )) ]] && break
        psql_at "$(node_port 1)" postgres checkpoint >/dev/null 2>&1 || true
        sleep 1
    done
    for n in $(seq 1 "$HA_NODES"); do
        # a keeper cut off from the monitor and the other nodes demotes its primary after this; the monitor's
        # primary_demote_timeout must stay above it (a promoted standby waits that long before taking writes).
        # In a session of its own: pg_autoctl signals the running keeper to reload, and a signal gone astray must
        # not reach us.
        setsid --wait "${AS_PG[@]}" env PATH="$PGBIN:$PATH" PGDATA="$(node_dir "$n")" HOME="$HA_DIR" \
            pg_autoctl config set timeout.network_partition_timeout "$HA_PARTITION_S" >/dev/null </dev/null
    done
    autoctl "$(node_dir 1)" set formation number-sync-standbys "$HA_SYNC_STANDBYS" >/dev/null 2>&1 \
        || log "could not set number-sync-standbys $HA_SYNC_STANDBYS"
    wait_stable 240
}

# README "使用真实的 PostgreSQL 服务器": the schema's owner (Flyway migrates as it) and the service's role, which owns
# nothing; scram-sha-256 for both, from 127.0.0.1, before any other pg_hba rule
create_database() {
    local port=$1
    local owner_pw service_pw
    owner_pw=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    service_pw=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    ( umask 077; printf 'LAORENJIA_OWNER_PASSWORD=%s\nLAORENJIA_SERVICE_PASSWORD=%s\n' "$owner_pw" "$service_pw" \
          > "$HA_DIR/credentials.env" )
    [[ ${#AS_PG[@]} -gt 0 ]] && chown postgres "$HA_DIR/credentials.env"
    psql_at "$port" postgres \
        "set password_encryption = 'scram-sha-256'" \
        "create role laorenjia_owner login password '$owner_pw'" \
        "create role laorenjia_service login password '$service_pw'" \
        "create database laorenjia owner laorenjia_owner encoding 'UTF8' template template0" \
        "revoke all on database laorenjia from public" \
        "grant connect on database laorenjia to laorenjia_owner" \
        "grant connect, temporary on database laorenjia to laorenjia_service"
    psql_at "$port" laorenjia "revoke create on schema public from public" \
        "alter schema public owner to laorenjia_owner"
    # pg_hba.conf is copied to each standby by its base backup: the rule reaches every node
    local hba="$HA_DIR/node1/pg_hba.conf"
    { echo "# laorenjia (settlement/ha/ha-cluster.sh): the service's roles with passwords only"
      echo "host laorenjia laorenjia_owner,laorenjia_service 127.0.0.1/32 scram-sha-256"
      echo "host all laorenjia_owner,laorenjia_service 0.0.0.0/0 reject"
      cat "$hba"; } > "$HA_DIR/pg_hba.conf.new"
    "${AS_PG[@]}" tee "$hba" < "$HA_DIR/pg_hba.conf.new" >/dev/null; rm -f "$HA_DIR/pg_hba.conf.new"
    psql_at "$port" postgres "select pg_reload_conf()" >/dev/null
}

cmd_start() {
    if [[ ! -d "$HA_DIR/monitor" ]]; then
        create_cluster
    else
        install_packages
        start_one "$HA_DIR/monitor" monitor run
        for _ in $(seq 1 60); do state_json >/dev/null 2>&1 && break; sleep 1; done
        local n
        for n in $(seq 1 "$HA_NODES"); do start_one "$(node_dir "$n")" "node$n" run; done
        wait_stable 240
    fi
    log "primary on 127.0.0.1:$(primary_port); $(jdbc_url)"
}

# a process and all its descendants (children first listed after their parent)
tree() {
    local pid=$1 child
    echo "$pid"
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do tree "$child"; done
}
# SIGKILL of a node's keeper, its postmaster and every backend: the machine died
kill_node() {
    local pgdata=$1 pids=""
    if [[ -f "$pgdata.keeper.pid" ]]; then pids+=" $(tree "$(cat "$pgdata.keeper.pid")")"; fi
    if [[ -f "$pgdata/postmaster.pid" ]]; then pids+=" $(tree "$(head -1 "$pgdata/postmaster.pid")")"; fi
    if [[ -n "${pids// }" ]]; then kill -KILL $pids 2>/dev/null || true; fi
    rm -f "$pgdata.keeper.pid"
}

stop_one() {
    local pgdata=$1
    [[ -d "$pgdata" || -f "$pgdata.keeper.pid" ]] || return 0
    keeper_running "$pgdata" && [[ -d "$pgdata" ]] && autoctl "$pgdata" stop >/dev/null 2>&1 || true
    local pidfile="$pgdata.keeper.pid"
    if [[ -f "$pidfile" ]]; then
        local pid; pid=$(cat "$pidfile")
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill_node "$pgdata"
    fi
    # a postmaster left behind (its keeper killed): stop it too
    if [[ -f "$pgdata/postmaster.pid" ]]; then
        "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$pgdata" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
}

cmd_stop() {
    local n
    for n in $(seq "$HA_NODES" -1 1); do stop_one "$(node_dir "$n")"; done
    stop_one "$HA_DIR/monitor"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    destroy) cmd_stop; rm -rf "$HA_DIR" ;;
    status) autoctl "$HA_DIR/monitor" show state ;;
    state) states ;;
    wait) wait_stable "${2:-180}" ;;
    primary-port) primary_port ;;
    # the node number of the primary (as PostgreSQL says: not in recovery), nothing if none
    primary) p=$(primary_port) && echo $(( p - HA_PORT )) ;;
    port) node_port "$2" ;;
    pgdata) node_dir "$2" ;;
    # faults for settlement/ha/fault-test.sh: SIGKILL of a node's postmaster (its keeper restarts it), or of the
    # whole node (keeper and PostgreSQL: the machine died); start-node starts a node's keeper again
    kill-postmaster) kill -KILL "$(head -1 "$(node_dir "$2")/postmaster.pid")" ;;
    kill-node) kill_node "$(node_dir "$2")" ;;
    start-node) start_one "$(node_dir "$2")" "node$2" run ;;
    uri) jdbc_url ;;
    env)
        source "$HA_DIR/credentials.env"
        cat <<ENV
export QUARKUS_DATASOURCE_JDBC_URL='$(jdbc_url)'
export QUARKUS_DATASOURCE_USERNAME=laorenjia_service QUARKUS_DATASOURCE_PASSWORD='$LAORENJIA_SERVICE_PASSWORD'
export QUARKUS_FLYWAY_USERNAME=laorenjia_owner QUARKUS_FLYWAY_PASSWORD='$LAORENJIA_OWNER_PASSWORD'
ENV
        ;;
    *) sed -n '2,28p' "$0"; exit 2 ;;
esac
