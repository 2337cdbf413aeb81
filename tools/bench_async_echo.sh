#!/usr/bin/env bash
# The 10,000-connection line echo of issue 10, side by side: PySocket's async server (ThreadingTCPServer +
# AsyncStreamRequestHandler), a raw .NET async server (Socket.ReceiveAsync/SendAsync) and CPython's
# ThreadingTCPServer. One load client (.NET async sockets) per run, loopback only, each run bounded by timeout.
# PySocket and raw .NET run `reps` times, alternately (loopback on a small machine is noisy: compare medians);
# CPython runs once, and a run the client gives up on (300 s) reports the echoes done by then.
# Usage: tools/bench_async_echo.sh [connections=10000] [rounds=30] [reps=3]
set -euo pipefail
cd "$(dirname "$0")/.."
connections=${1:-10000}
rounds=${2:-30}
reps=${3:-3}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
need=$((connections + 512))
if [ "$(ulimit -n)" -lt "$need" ]; then
  echo "ulimit -n is $(ulimit -n); $need descriptors are needed" >&2
  exit 1
fi
dotnet build benchmarks/PySocket.Benchmarks -c Release -v q -nologo >/dev/null
bench=benchmarks/PySocket.Benchmarks/bin/Release/net10.0/PySocket.Benchmarks
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # name, server command...
  local name=$1; shift
  local fifo=$work/$name.in
  mkfifo "$fifo"
  "$@" <"$fifo" >"$work/$name.port" 2>"$work/$name.err" &
  local pid=$!
  exec 9>"$fifo"
  for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
  local port
  port=$(head -n1 "$work/$name.port")
  printf '%-10s ' "$name"
  timeout 320 "$bench" async-echo-client "$port" "$connections" "$rounds" "$pid" || echo "client failed"
  exec 9>&-
  timeout 20 tail --pid="$pid" -f /dev/null || kill "$pid"
}

for rep in $(seq "$reps"); do
  run "pysocket$rep" "$bench" async-echo-server pysocket
  run "raw$rep" "$bench" async-echo-server raw
done
run cpython python3 tools/async_echo_cpython.py
