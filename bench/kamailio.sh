#!/usr/bin/env bash
# The SIP-path load run of issue 7 (method: bench/kamailio/README.md): Kamailio 5.6 + SIPp on loopback, 10 s calls
# from 1001 to 1002 created at each rate for 60 s, in one matrix: A Kamailio alone, B with the do-nothing evapi peer,
# C with Kamailio's own cnxcc credit control, E with Obol as the evapi peer charging every call prepaid. A scenario
# stops at its first failing rate. Obol's balance check (money taken = sum of CDR costs) is printed per E run.
#   RATES="400 600 800 1000 1200" SCENARIOS="A B C E" bash bench/kamailio.sh
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for p in kamailio kamailio-extra-modules kamailio-json-modules kamailio-cnxcc-modules redis-server sip-tester; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
dotnet build -c Release src/Obol.Engine -v q -nologo >/dev/null
export OBOL_CHECK=${OBOL_CHECK:-$(mktemp /tmp/obol-balance-check.XXXXXX)}
ENGINE_CMD="$PWD/bench/kamailio/obol-engine.sh" SCENARIOS="${SCENARIOS:-A B C E}" RATES="${RATES:-400 600 800 1000 1200}" \
  bench/kamailio/scripts/perf-matrix.sh
echo
echo "Obol balance checks (one line per E run, in order):"
cat "$OBOL_CHECK"
