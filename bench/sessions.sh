#!/usr/bin/env bash
# SessionS load on a Release obol-engine with the tutorial config and plan (fresh data directory):
#  1. the full prepaid lifecycle (authorize, initiate, 2 updates, terminate, ProcessCDR) from 32 connections, then the
#     same 32 calls multiplexed on 4 connections;
#  2. SESSIONS (10,000) concurrent prepaid calls with a 5 s debit interval held HOLD seconds (300), sampling the
#     engine's CPU and resident memory every 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${SESSIONS:-10000}
hold=${HOLD:-300}
data=$(mktemp -d)
trap 'kill "$engine" 2>/dev/null || true; rm -rf "$data"' EXIT
dotnet build -c Release src/Obol.Engine -v q -nologo >/dev/null
dotnet build -c Release bench/Obol.LoadGenerator -v q -nologo >/dev/null
start_engine() {
  dotnet src/Obol.Engine/bin/Release/net10.0/obol-engine.dll -config_path samples/configs/tutorial -logger '*stdout' -log_level 4 \
    -data_dir "$data" -tariffplan samples/tariffplans/tutorial -listen 127.0.0.1:2012 -http_listen 127.0.0.1:0 -birpc_listen 127.0.0.1:0 \
    2>"$data/engine.err" >/dev/null &
  engine=$!
  until grep -q "listening on" "$data/engine.err" 2>/dev/null; do sleep 0.2; done
}
loadgen() { dotnet bench/Obol.LoadGenerator/bin/Release/net10.0/obol-loadgen.dll -server 127.0.0.1:2012 "$@"; }
ticks() { awk '{print $14+$15}' "/proc/$engine/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$engine/status"; }

start_engine
loadgen -method Lifecycle -connections 32 -duration "${DURATION:-10}" -warmup "${WARMUP:-20}"
kill "$engine"; wait "$engine" 2>/dev/null || true; rm -rf "${data:?}"/*
# The same 32 calls in flight multiplexed on 4 connections, as CGRateS's rpcclient and the agents carry them.
start_engine
loadgen -method Lifecycle -connections 4 -calls 8 -duration "${DURATION:-10}" -warmup "${WARMUP:-20}"
kill "$engine"; wait "$engine" 2>/dev/null || true; rm -rf "${data:?}"/*

# Managed heap of the engine (dotnet-gcdump, when installed: dotnet tool install -g dotnet-gcdump).
gcdump=$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")
heap_bytes() {
  [[ -x "$gcdump" ]] || { echo 0; return; }
  "$gcdump" collect -p "$engine" -o "$data/heap.gcdump" >/dev/null 2>&1 &&
    "$gcdump" report "$data/heap.gcdump" 2>/dev/null | awk '/GC Heap bytes/ {gsub(",", "", $1); print $1; exit}'
}

start_engine
before=$(rss_kb)
echo "engine RSS before: $((before / 1024)) MiB"
sleep 2
idle_heap=$(heap_bytes)
loadgen -method Hold -sessions "$sessions" -connections 32 -duration "$hold" > "$data/hold.out" &
hold_pid=$!
until grep -q HOLDING "$data/hold.out" 2>/dev/null; do sleep 0.5; done
head -1 "$data/hold.out"
sleep 15
held_heap=$(heap_bytes)
if ((held_heap > 0)); then
  echo "managed heap: idle $((idle_heap / 1024)) KiB, holding $((held_heap / 1024)) KiB: $(( (held_heap - idle_heap) / sessions )) bytes per session"
fi
for ((t = 0; t < hold; t += 10)); do
  a=$(ticks); sleep 10; b=$(ticks)
  echo "t=$((t + 10))s cpu $(( (b - a) / 10 ))% of one core, RSS $(( $(rss_kb) / 1024 )) MiB"
done
wait "$hold_pid"
tail -1 "$data/hold.out"
after=$(rss_kb)
echo "engine RSS after: $((after / 1024)) MiB"
