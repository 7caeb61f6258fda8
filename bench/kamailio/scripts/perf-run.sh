#!/bin/bash
# One bounded performance run on loopback: Kamailio (kamailio-perf.cfg) + SIPp UAC/UAS, with the
# chosen charging scenario, at CPS calls/s for GEN_S seconds, every call CALL_S seconds long.
#
# Usage: scripts/perf-run.sh <SCEN> <CPS> [GEN_S=60] [CALL_S=10]
#   SCEN  A  Kamailio alone: -A WITH_NOCHARGE (dialog tracking, no evapi round trip)
#         B  Kamailio + evapi + the stand-in peer recipe/evapi_peer.py (answers every
#            CGR_AUTH_REQUEST at once, receives CGR_CALL_START / CGR_CALL_END)
#         C  Kamailio + cnxcc credit control (-A WITH_CNXCC) + a private redis-server
#         C0 the same without Redis (-A CNXCC_NO_REDIS: cnxcc keeps its pools in shared memory only)
#         E  Kamailio + evapi + an EXTERNAL engine (the real one): same cfg as B; the engine must
#            dial 127.0.0.1:$EVAPI_PORT (default 8548) as the evapi client, like evapi_peer.py.
#            ENGINE_CMD="..."  start it here (own process group, stopped by its PID at the end), or
#            ENGINE_PID=<pid>  an engine you started yourself (only measured, never stopped).
#            ENGINE_WAIT=<s>   how long to wait for its evapi connection (default 30).
# Env (all optional): OUT_ROOT (default ../results/runs), RUN_ID, MAX_S (hard bound of the load, 90),
#   PEER=stub|nodelay|quickack|both (B only: evapi_peer.py as is, or the same with TCP_NODELAY and/or
#   TCP_QUICKACK on its socket: see scripts/evapi_peer_nodelay.py),
#   PEER_ARGS (extra evapi_peer.py args, B only), KAM_ARGS (extra kamailio args, e.g. "-A PERF_CHILDREN=8"),
#   SIPP_BUFF (SIPp -buff_size, default 4 MB), KAM_SHM_MB (default 1024; 400 cps peaked at 118 MB, 1600 cps at 427 MB),
#   SIP_PORT EVAPI_PORT UAC_PORT UAS_PORT REDIS_PORT (defaults 5260 8548 5270 5290 6390), KEEP_WORK=1,
#   QUIET_MAX / QUIET_WAIT / NO_QUIET_WAIT=1 (before starting, wait until other processes use less than
#   QUIET_MAX % CPU, default 15, for at most QUIET_WAIT s, default 300; the summary flags disturbed runs).
# Output: $OUT_ROOT/$RUN_ID/summary.json (+ sampler.csv, SIPp stat CSVs, log tails) and one
# markdown table row on stdout (last line). Exit code 0 = run completed (whatever the result).
set -u
. "$(dirname "$0")/lib-perf.sh"
SCEN=${1:?scenario A|B|C|C0|E}; CPS=${2:?calls per second}; GEN_S=${3:-60}; CALL_S=${4:-10}
MAX_S=${MAX_S:-90}
TOTAL=$(( CPS * GEN_S ))
RUN_ID=${RUN_ID:-$(date +%Y%m%d-%H%M%S)-$SCEN-$CPS}
OUT_ROOT=${OUT_ROOT:-$P/results/runs}
OUT="$OUT_ROOT/$RUN_ID"; mkdir -p "$OUT"
W=/tmp/kperf/$RUN_ID; rm -rf "$W"; mkdir -p "$W"
UAC_TIMEOUT=$(( GEN_S + CALL_S + 15 )); [ $UAC_TIMEOUT -gt $MAX_S ] && UAC_TIMEOUT=$MAX_S
LIMIT=$(( CPS * (CALL_S + 5) * 2 + 100 ))        # SIPp -l: far above the expected concurrency
SIPP_BUFF=${SIPP_BUFF:-4194304}   # SIPp socket buffers (SIPp default 64 KB; raised so the load generator is not the first to drop; capped by net.core.rmem_max)
KAM_DEFS=(); NEED_REDIS=0; PEER_MODE=none
case "$SCEN" in
  A) KAM_DEFS=(-A WITH_NOCHARGE) ;;
  B) PEER_MODE=stub ;;
  C) KAM_DEFS=(-A WITH_CNXCC -A "CNXCC_REDIS=\"addr=127.0.0.1;port=$REDIS_PORT;db=1\""); NEED_REDIS=1 ;;
  C0) KAM_DEFS=(-A WITH_CNXCC -A CNXCC_NO_REDIS) ;;
  E) PEER_MODE=external ;;
  *) echo "unknown scenario $SCEN"; exit 2 ;;
esac
export NEED_REDIS
KAM_PID=; PEER_PID=; REDIS_PID=; UAS_PID=; UAC_PID=; SAMPLER_PID=; ENGINE_PGID=
cleanup() {
  [ -n "$SAMPLER_PID" ] && stop_pid "$SAMPLER_PID" sampler
  [ -n "$UAC_PID" ] && stop_pid "$UAC_PID" sipp-uac
  [ -n "$UAS_PID" ] && stop_pid "$UAS_PID" sipp-uas
  [ -n "$PEER_PID" ] && stop_pid "$PEER_PID" evapi-peer
  if [ -n "$ENGINE_PGID" ] && kill -0 "$ENGINE_PGID" 2>/dev/null; then   # engine started by us: its own group
    kill -TERM -- "-$ENGINE_PGID" 2>/dev/null
    for i in $(seq 1 100); do kill -0 "$ENGINE_PGID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$ENGINE_PGID" 2>/dev/null && kill -KILL -- "-$ENGINE_PGID" 2>/dev/null
  fi
  [ -n "$KAM_PID" ] && stop_pid "$KAM_PID" kamailio
  [ -n "$REDIS_PID" ] && stop_pid "$REDIS_PID" redis
  KAM_PID=; PEER_PID=; REDIS_PID=; UAS_PID=; UAC_PID=; SAMPLER_PID=; ENGINE_PGID=
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "run $RUN_ID: scenario $SCEN, $CPS cps x ${GEN_S}s = $TOTAL calls of ${CALL_S}s, bound ${UAC_TIMEOUT}s"
check_ports_free || { log "ports busy; aborting"; exit 3; }
[ "${NO_QUIET_WAIT:-0}" = 1 ] || wait_quiet    # other load on this VM would distort the CPU figures

# 1. back ends
if [ $NEED_REDIS = 1 ]; then start_redis "$W" || exit 4; REDIS_PID=$(cat "$W/redis.pid"); fi
# shellcheck disable=SC2086
start_kam "$W" "${KAM_DEFS[@]}" ${KAM_ARGS:-} || exit 4
KAM_PID=$(cat "$W/kamailio.main.pid")
rpc "$W" core.psx > "$W/kam-psx.json" 2>/dev/null     # pid -> role (udp receiver, timer, evapi dispatcher...)

# 2. evapi client
PEER_CPU_PID=
if [ $PEER_MODE = stub ]; then
  PEER_PY="$E2E/evapi_peer.py"
  case "${PEER:-stub}" in nodelay|quickack|both) PEER_PY="$P/scripts/evapi_peer_nodelay.py"; export EVAPI_PEER_SOCKOPTS=$PEER ;; esac
  # shellcheck disable=SC2086
  python3 "$PEER_PY" --port "$EVAPI_PORT" --quiet --log "$W/peer.jsonl" \
    --run-for $(( UAC_TIMEOUT + 30 )) ${PEER_ARGS:-} > "$W/peer.out" 2>&1 &
  PEER_PID=$!; PEER_CPU_PID=$PEER_PID
  wait_evapi_client 10 || { log "stand-in peer did not connect"; exit 5; }
  log "stand-in peer $PEER_PID connected ($(basename "$PEER_PY") ${EVAPI_PEER_SOCKOPTS:-})"
elif [ $PEER_MODE = external ]; then
  if [ -n "${ENGINE_CMD:-}" ]; then
    setsid bash -c "exec $ENGINE_CMD" > "$W/engine.out" 2>&1 &
    ENGINE_PGID=$!; PEER_CPU_PID=$ENGINE_PGID
    log "engine started: pid/pgid $ENGINE_PGID: $ENGINE_CMD"
  elif [ -n "${ENGINE_PID:-}" ]; then PEER_CPU_PID=$ENGINE_PID; fi
  wait_evapi_client "${ENGINE_WAIT:-30}" || { log "no evapi client connected to 127.0.0.1:$EVAPI_PORT"; exit 5; }
  log "external engine connected ($(evapi_clients) evapi connection(s))"
  [ "$(evapi_clients)" -gt 1 ] && log "WARNING: more than one evapi client: every client gets every event"
fi

# 3. SIPp callee, caller, sampler
sipp -sf "$E2E/sipp/uas.xml" -i 127.0.0.1 -p "$UAS_PORT" -m "$TOTAL" -buff_size "$SIPP_BUFF" -nostdin -timeout "$(( UAC_TIMEOUT + 5 ))s" \
  -trace_stat -stf "$W/uas-stat.csv" -fd 1 -trace_err -error_file "$W/uas.err" > "$W/uas.out" 2>&1 &
UAS_PID=$!
sleep 0.3
date +%s.%N > "$W/t0"
sipp 127.0.0.1:"$SIP_PORT" -sf "$E2E/sipp/uac.xml" -s 1002 -key caller 1001 -i 127.0.0.1 -p "$UAC_PORT" \
  -r "$CPS" -m "$TOTAL" -l "$LIMIT" -d "$(( CALL_S * 1000 ))" -buff_size "$SIPP_BUFF" -nostdin -timeout "${UAC_TIMEOUT}s" \
  -trace_stat -stf "$W/uac-stat.csv" -fd 1 -trace_err -error_file "$W/uac.err" > "$W/uac.out" 2>&1 &
UAC_PID=$!
python3 "$P/scripts/sampler.py" --out "$W/sampler.csv" --duration $(( UAC_TIMEOUT + 10 )) \
  --group "kam=$KAM_PID" --group "peer=${PEER_CPU_PID:-0}" --group "redis=${REDIS_PID:-0}" \
  --group "uac=$UAC_PID" --group "uas=$UAS_PID" --rpc-sock "$W/run/kamailio_rpc.sock" \
  --detail-group kam --detail-out "$W/kam-procs.csv" &
SAMPLER_PID=$!
# bounded wait for the caller (its own -timeout, plus a margin)
for i in $(seq 1 $(( (UAC_TIMEOUT + 10) * 10 ))); do kill -0 "$UAC_PID" 2>/dev/null || break; sleep 0.1; done
wait "$UAC_PID" 2>/dev/null; UAC_RC=$?; UAC_PID=
date +%s.%N > "$W/t_uac_end"
for i in $(seq 1 100); do kill -0 "$UAS_PID" 2>/dev/null || break; sleep 0.1; done   # UAS: max 10 s more
sleep 1
stop_pid "$SAMPLER_PID" sampler; SAMPLER_PID=

# 4. end-of-run counters: per-socket UDP drops (which receiver overflowed), then Kamailio's
python3 - "$SIP_PORT" "$UAC_PORT" "$UAS_PORT" > "$W/udp-drops.txt" <<'PY2'
import sys
names = {int(sys.argv[1]): "kamailio", int(sys.argv[2]): "sipp-uac", int(sys.argv[3]): "sipp-uas"}
for line in open("/proc/net/udp").readlines()[1:]:
    f = line.split()
    port = int(f[1].split(":")[1], 16)
    if port in names:
        print("%s udp %d drops %s" % (names[port], port, f[-1]))
PY2
rpc "$W" stats.get_statistics "dialog:" "tmx:" "shmem:" "sl:" > "$W/kam-stats.json" 2>/dev/null
case "$SCEN" in C*) rpc "$W" cnxcc.stats > "$W/cnxcc-stats.json" 2>/dev/null ;; esac
[ "$SCEN" = C ] && redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info stats > "$W/redis-info.txt" 2>/dev/null
cleanup
trap - EXIT

# 5. summary
grep -E "ERROR|WARNING|ALERT|CRITICAL|BUG" "$W/kamailio.log" | sed -E 's/^ *[0-9]+\([0-9]+\) //' | sort | uniq -c | sort -rn | head -20 > "$W/kam-errors.txt"
python3 "$P/scripts/summarize.py" --work "$W" --scen "$SCEN" --cps "$CPS" --gen-s "$GEN_S" --call-s "$CALL_S" \
  --total "$TOTAL" --uac-rc "$UAC_RC" --run-id "$RUN_ID" --out "$OUT/summary.json"
for f in t0 t_uac_end udp-drops.txt sampler.csv kam-procs.csv kam-psx.json uac-stat.csv uas-stat.csv kam-stats.json cnxcc-stats.json kam-errors.txt redis-info.txt peer.out engine.out; do
  [ -s "$W/$f" ] && cp "$W/$f" "$OUT/"
done
head -c 20000 "$W/uac.err" > "$OUT/uac-err-head.txt" 2>/dev/null
head -c 20000 "$W/uas.err" > "$OUT/uas-err-head.txt" 2>/dev/null
[ -s "$OUT/uac-err-head.txt" ] || rm -f "$OUT/uac-err-head.txt"
[ -s "$OUT/uas-err-head.txt" ] || rm -f "$OUT/uas-err-head.txt"
[ "${KEEP_WORK:-0}" = 1 ] || { rm -rf "$W"; rmdir /tmp/kperf 2>/dev/null; }
exit 0
