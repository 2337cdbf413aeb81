#!/usr/bin/env bash
# The selectors echo benchmark: a one-thread selector echo server holding CONNS connections, PySocket
# (C#) against CPython's selectors (echo_server.py), both measured with the same load client
# (PySocket.Benchmarks selectors-echo-client). Bounded: each run is killed after 120 s.
# Usage: benchmarks/selectors-echo/run.sh [CONNS=1000] [ROUNDS=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
conns=${1:-1000}
rounds=${2:-20}
ulimit -n 8192 2>/dev/null || true
dotnet build benchmarks/PySocket.Benchmarks -c Release -v q -nologo >/dev/null
bench="dotnet benchmarks/PySocket.Benchmarks/bin/Release/net10.0/PySocket.Benchmarks.dll"
run() {
  local name=$1; shift
  local fifo; fifo=$(mktemp -u); mkfifo "$fifo"
  timeout 120 "$@" >"$fifo" &
  local pid=$!
  exec 3<"$fifo"; read -r port <&3; rm -f "$fifo"
  printf '%-28s ' "$name:"
  timeout 120 $bench selectors-echo-client "$port" "$conns" "$rounds"
  wait "$pid"; exec 3<&-
}
run "PySocket DefaultSelector" $bench selectors-echo-server "$conns"
run "CPython $(python3 -c 'import sys;print(sys.version.split()[0])') selectors" python3 benchmarks/selectors-echo/echo_server.py "$conns"
