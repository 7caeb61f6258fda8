#!/bin/bash
# Helpers for the perf scripts. Loopback only; every process is started here and stopped by
# its own PID (never pkill/killall). Ports default to a set that does not collide with the
# functional recipe (5060/8448/5070/5090/5091), so both can coexist.
P=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)          # this folder (kamailio-perf)
E2E="$P/recipe"                                              # the recipe files the runs use
SIP_PORT=${SIP_PORT:-5260}
EVAPI_PORT=${EVAPI_PORT:-8548}
UAC_PORT=${UAC_PORT:-5270}
UAS_PORT=${UAS_PORT:-5290}
REDIS_PORT=${REDIS_PORT:-6390}
KAM_SHM_MB=${KAM_SHM_MB:-1024}   # 1600 cps x 10 s calls peaked at 427 MB
KAM_PKG_MB=${KAM_PKG_MB:-16}

log() { echo "[$(date +%H:%M:%S)] $*"; }

# stop_pid <pid> [name]: TERM, wait max 10 s, then KILL (that PID only)
stop_pid() {
  local p=$1 name=${2:-process} i
  [ -n "$p" ] || return 0
  kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null
  for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  log "$name $p did not stop after TERM; sending KILL"; kill -KILL "$p" 2>/dev/null
}

# port_busy <udp|tcp> <port>: 0 if something listens on 127.0.0.1:<port> (or any address)
port_busy() {
  if [ "$1" = udp ]; then ss -lnu | awk '{print $4}' | grep -qE "[:.]$2\$"
  else ss -lnt | awk '{print $4}' | grep -qE "[:.]$2\$"; fi
}

check_ports_free() {
  local bad=0
  port_busy udp "$SIP_PORT" && { log "udp $SIP_PORT busy"; bad=1; }
  port_busy tcp "$EVAPI_PORT" && { log "tcp $EVAPI_PORT busy"; bad=1; }
  port_busy udp "$UAC_PORT" && { log "udp $UAC_PORT busy"; bad=1; }
  port_busy udp "$UAS_PORT" && { log "udp $UAS_PORT busy"; bad=1; }
  [ "${NEED_REDIS:-0}" = 1 ] && port_busy tcp "$REDIS_PORT" && { log "tcp $REDIS_PORT busy"; bad=1; }
  return $bad
}

# start_redis <workdir>: no persistence, loopback, non-default port; PID in $1/redis.pid
start_redis() {
  local w=$1 i
  mkdir -p "$w/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes --save "" --appendonly no \
    --daemonize no --dir "$w/redis" --logfile "$w/redis.log" --databases 4 &
  echo $! > "$w/redis.pid"
  for i in $(seq 1 100); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && { log "redis $(cat "$w/redis.pid") up on 127.0.0.1:$REDIS_PORT"; return 0; }
    sleep 0.05
  done
  log "redis did not start; see $w/redis.log"; return 1
}

# start_kam <workdir> [kamailio -A args...]: PID in $1/kamailio.main.pid, log $1/kamailio.log
start_kam() {
  local w=$1 i; shift
  mkdir -p "$w/run"
  kamailio -f "$P/kamailio-perf.cfg" -DD -E -Y "$w/run" -P "$w/kamailio.pid" -m "$KAM_SHM_MB" -M "$KAM_PKG_MB" \
    -A "SIP_LISTEN=udp:127.0.0.1:$SIP_PORT" -A "EVAPI_BIND=\"127.0.0.1:$EVAPI_PORT\"" \
    -A WITH_STATIC_UAS -A "STATIC_UAS_HOSTPORT=\"127.0.0.1:$UAS_PORT\"" "$@" > "$w/kamailio.log" 2>&1 &
  echo $! > "$w/kamailio.main.pid"
  for i in $(seq 1 200); do
    if port_busy udp "$SIP_PORT" && port_busy tcp "$EVAPI_PORT" && [ -S "$w/run/kamailio_rpc.sock" ]; then
      log "kamailio $(cat "$w/kamailio.main.pid") up (udp $SIP_PORT, evapi $EVAPI_PORT) args: $*"; return 0
    fi
    kill -0 "$(cat "$w/kamailio.main.pid")" 2>/dev/null || break
    sleep 0.05
  done
  log "kamailio failed to start"; tail -20 "$w/kamailio.log"; return 1
}

# evapi_clients: number of established TCP connections to the evapi port
evapi_clients() { ss -Htn state established "( sport = :$EVAPI_PORT )" 2>/dev/null | wc -l; }

# wait_evapi_client <seconds>: wait (bounded) until at least one client is connected
wait_evapi_client() {
  local n=$(( $1 * 10 )) i
  for i in $(seq 1 "$n"); do [ "$(evapi_clients)" -ge 1 ] && return 0; sleep 0.1; done
  return 1
}

# rpc <workdir> <method> [params...]: JSON-RPC over the jsonrpcs datagram socket
rpc() { local w=$1; shift; python3 "$E2E/scripts/kamrpc.py" -s "$w/run/kamailio_rpc.sock" "$@"; }

# machine_busy_pct <seconds>: machine-wide CPU busy % (of ONE core; 2 cores = 200) over that time
machine_busy_pct() {
  local a b
  a=$(head -1 /proc/stat); sleep "$1"; b=$(head -1 /proc/stat)
  python3 - "$a" "$b" <<'PY'
import sys
a = [int(x) for x in sys.argv[1].split()[1:9]]; b = [int(x) for x in sys.argv[2].split()[1:9]]
d = [y - x for x, y in zip(a, b)]; tot = sum(d); idle = d[3] + d[4]
import os; print(int(round((tot - idle) / tot * 100 * os.cpu_count())) if tot else 0)
PY
}

# wait_quiet: this VM may be shared; wait (bounded: QUIET_WAIT s, default 300) until other
# processes use less than QUIET_MAX % (default 15 % of one core) for 3 s in a row
wait_quiet() {
  local max=${QUIET_MAX:-15} limit=${QUIET_WAIT:-300} t0=$SECONDS b
  while :; do
    b=$(machine_busy_pct 3)
    [ "$b" -le "$max" ] && { [ $((SECONDS - t0)) -gt 3 ] && log "machine quiet again (busy ${b}%) after $((SECONDS - t0)) s"; return 0; }
    [ $((SECONDS - t0)) -ge "$limit" ] && { log "WARNING: machine still busy (${b}% of one core) after ${limit}s; running anyway"; return 1; }
    [ $((SECONDS - t0)) -lt 4 ] && log "machine busy (${b}% of one core, not ours); waiting up to ${limit}s"
  done
}
