#!/usr/bin/env bash
# The evapi peer of scenario E (ENGINE_CMD of scripts/perf-run.sh): a Release obol-engine with the kamevapi tutorial
# config dialing Kamailio at 127.0.0.1:$EVAPI_PORT, on a fresh data directory with the tutorial plan. One caller
# (1001) makes every call, so the plan's guards against exactly that are lifted in this copy of it: ResGroup1's
# limit of 7 concurrent calls, 1001's STANDARD_TRIGGERS (which disable it above 100) and its 10 of credit (topped up
# to 1,000,000). Rates, attributes, routes and the prepaid flow are the tutorial's.
# ResGroup1's thousands of usages are stored once a second (store_interval "1s") rather than with every change; CGRateS's
# default never stores them while running.
# On TERM (the end of a run) it waits for the engine to end its calls, checks the balance against the CDRs (money taken
# = sum of CDR costs), appends the verdict to $OBOL_CHECK and stops the engine, in the background.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=$(mktemp -d /tmp/obol-kperf.XXXXXX)
mkdir -p "$data/conf" "$data/plan" "$data/db"
cp "$root/samples/configs/kamevapi/cgrates.json" "$data/conf/"
cat > "$data/conf/zz_perf.json" <<JSON
{
  "kamailio_agent": {"evapi_conns": [{"address": "127.0.0.1:${EVAPI_PORT:-8548}", "reconnects": -1, "max_reconnect_interval": "1s"}]},
  "ees": {"exporters": [{"id": "tutorial_export", "export_path": "$data"}]},
  "resources": {"store_interval": "1s"}
}
JSON
cp "$root/samples/tariffplans/tutorial/"*.csv "$data/plan/"
sed -i 's/^\(cgrates.org,ResGroup1,.*,-1,\)7,/\1100000,/' "$data/plan/Resources.csv"
sed -i 's/^\(cgrates.org,1001,AP_PACKAGE_10,\)STANDARD_TRIGGERS,/\1,/' "$data/plan/AccountActions.csv"
# The credit comes with the plan (its *asap top-up runs before the engine listens): topping up over the API after start
# raced the first calls, whose charges the later balance_set then wiped from the check.
sed -i 's/^\(ACT_TOPUP_RST_10,\*topup_reset,,,test,\*monetary,,\*any,,,\*unlimited,,\)10,/\11000000,/' "$data/plan/Actions.csv"
http_port=${OBOL_HTTP_PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
# Its own process group: perf-run.sh TERMs this script's group, and the check needs the engine still up.
setsid dotnet "$root/src/Obol.Engine/bin/Release/net10.0/obol-engine.dll" -config_path "$data/conf" -data_dir "$data/db" -log_level 3 \
  -logger '*stdout' -tariffplan "$data/plan" -listen 127.0.0.1:0 -http_listen "127.0.0.1:$http_port" -birpc_listen 127.0.0.1:0 \
  > "$data/engine.out" 2> "$data/engine.err" &
engine=$!
rpc() { curl -s --max-time 60 -H 'Content-Type: application/json' -d "{\"method\":\"$1\",\"params\":[$2],\"id\":1}" "http://127.0.0.1:$http_port/jsonrpc"; }
until grep -q "(HTTP" "$data/engine.err" 2>/dev/null || ! kill -0 "$engine" 2>/dev/null; do sleep 0.1; done
before='{"result":{"BalanceMap":{"*monetary":[{"Value":1000000}]}}}' 
# The engine's resident memory once a second, for the report.
( while kill -0 "$engine" 2>/dev/null; do awk '/VmRSS/ {print $2}' "/proc/$engine/status" 2>/dev/null; sleep 1; done > "$data/rss.kb" ) &

check() {
  # An overloaded engine is still ending calls when the run stops: wait (bounded) until no session is active and the
  # CDR count holds still.
  local last=-1 count
  for _ in $(seq 1 600); do
    count=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True).execute('SELECT count(*) FROM cdrs').fetchone()[0])" "$data/db/obol.db" 2>/dev/null || echo -2)
    if rpc SessionSv1.GetActiveSessionsCount '{}' | grep -q '"result":0' && [ "$count" = "$last" ]; then break; fi
    last=$count
    sleep 1
  done
  after=$(rpc APIerSv2.GetAccount '{"Tenant":"cgrates.org","Account":"1001"}')
  python3 - "$before" "$after" "$data/db/obol.db" "$data/rss.kb" <<'PY' >> "${OBOL_CHECK:-/tmp/obol-balance-check.txt}"
import json, sqlite3, sys
from decimal import Decimal
def money(account):
    balances = (json.loads(account)["result"]["BalanceMap"] or {}).get("*monetary") or []
    return sum(Decimal(str(b["Value"])) for b in balances)
db = sqlite3.connect(f"file:{sys.argv[3]}?mode=ro", uri=True)
costs = [Decimal(c) for (c,) in db.execute("SELECT cost FROM cdrs WHERE account = '1001' AND run_id = '*default'")]
taken = money(sys.argv[1]) - money(sys.argv[2])
charged = sum(costs, Decimal(0))
verdict = "EXACT" if taken == charged else "MISMATCH"
rss = [int(line) for line in open(sys.argv[4]) if line.strip().isdigit()]
memory = f"; engine RSS peak {max(rss) // 1024} MiB, median {sorted(rss)[len(rss) // 2] // 1024} MiB" if rss else ""
print(f"balance check: {len(costs)} CDRs, money taken {taken}, sum of CDR costs {charged}: {verdict}{memory}")
PY
}
finish() {
  check
  kill -TERM "$engine"
  while kill -0 "$engine" 2>/dev/null; do sleep 0.2; done
  rm -rf "$data"
}
# perf-run.sh kills this script's group 10 s after TERM: the check and the engine's stop go on in their own session.
trap 'export -f finish check rpc; export engine data before http_port OBOL_CHECK; setsid bash -c finish < /dev/null > /dev/null 2>&1 & exit 0' TERM INT
wait "$engine"
