#!/usr/bin/env bash
# Starts a Release obol-engine with the tutorial plan on a fresh data directory and runs the issue's three
# throughput workloads against it (32 connections, one request in flight each, then 8 in flight each). The
# first 15 s of each run are not counted: the JIT is still recompiling hot methods (tiered compilation) that long.
# ARTIFACTS=/tmp/dir builds there instead of the projects' bin folders (so a running engine's binaries are left alone);
# METHODS="GetCost Ping" and DEPTHS="1" narrow the matrix.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10}
data=$(mktemp -d)
trap 'kill "$engine" 2>/dev/null || true; rm -rf "$data"' EXIT
if [[ -n "${ARTIFACTS:-}" ]]; then
  build=(--artifacts-path "$ARTIFACTS")
  engine_dll=$ARTIFACTS/bin/Obol.Engine/release/obol-engine.dll
  loadgen_dll=$ARTIFACTS/bin/Obol.LoadGenerator/release/obol-loadgen.dll
else
  build=()
  engine_dll=src/Obol.Engine/bin/Release/net10.0/obol-engine.dll
  loadgen_dll=bench/Obol.LoadGenerator/bin/Release/net10.0/obol-loadgen.dll
fi
dotnet build -c Release src/Obol.Engine "${build[@]}" -v q -nologo >/dev/null
dotnet build -c Release bench/Obol.LoadGenerator "${build[@]}" -v q -nologo >/dev/null
dotnet "$engine_dll" -logger '*stdout' -log_level 4 -data_dir "$data" \
  -tariffplan samples/tariffplans/tutorial -listen 127.0.0.1:${PORT:-2012} -http_listen 127.0.0.1:0 2>"$data/engine.err" >/dev/null &
engine=$!
until grep -q "listening on" "$data/engine.err" 2>/dev/null; do sleep 0.2; done
for depth in ${DEPTHS:-1 8}; do
  for method in ${METHODS:-GetCost GetAccount SetBalance}; do
    dotnet "$loadgen_dll" -server 127.0.0.1:${PORT:-2012} -method "$method" \
      -connections 32 -depth "$depth" -duration "$duration" -warmup "${WARMUP:-15}"
  done
done
