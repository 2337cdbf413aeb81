#!/usr/bin/env bash
# Runs issue 10's makefile benchmarks side by side, once: the CPython twin (benchmarks/python/makefile_bench.py)
# and BenchmarkDotNet's MakefileBenchmarks (PySocket and the raw .NET equivalents, ShortRun job), then prints
# MB/s for each and the ratios. The machine is shared: expect noise; run it when little else runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENCH_OUT:-$(mktemp -d)}
echo "results in $out" >&2
python3 benchmarks/python/makefile_bench.py >"$out/cpython.tsv"
dotnet run -c Release --project benchmarks/PySocket.Benchmarks -- --filter '*MakefileBenchmarks*' \
  --exporters json --artifacts "$out/bdn" >"$out/bdn.log" 2>&1
python3 - "$out" <<'PY'
import glob, json, sys
out = sys.argv[1]
cpy = {}
for line in open(f"{out}/cpython.tsv"):
    name, secs, size = line.split("\t")
    cpy[name] = (float(secs), int(size))
report = json.load(open(glob.glob(f"{out}/bdn/results/*MakefileBenchmarks*.json")[0]))
net = {b["Method"]: b["Statistics"]["Mean"] / 1e9 for b in report["Benchmarks"] if b.get("Statistics")}
rows = [
    ("read() to EOF", "read_all", "PyReadAll", "RawReadAllToArray", "RawReadAll"),
    ("read(65536) loop", "read_n", "PyReadN", "RawReadN", None),
    ("readinto(64 KiB) loop", "readinto", "PyReadInto", "RawReadInto", None),
    ("binary line iteration", "lines", "PyLines", "RawPipeLines", None),
    ("text line iteration", "text_lines", "PyTextLines", "RawTextLines", None),
    ("makefile('wb').write 10 MiB", "write", "PyWrite", "RawWrite", None),
    ("sendall 10 MiB", "sendall", "PySendall", "RawWrite", None),
]
mb = lambda size, secs: size / secs / 1e6 if secs else float("nan")
print("| workload | CPython MB/s | PySocket MB/s | raw .NET MB/s | PySocket vs CPython | PySocket vs raw |")
print("|---|---|---|---|---|---|")
for label, key, py, raw, extra in rows:
    secs, size = cpy[key]
    c, p, r = mb(size, secs), mb(size, net.get(py)), mb(size, net.get(raw))
    note = f" (no result array: {mb(size, net.get(extra)):.0f})" if extra else ""
    print(f"| {label} | {c:.0f} | {p:.0f} | {r:.0f}{note} | {p / c:.2f}x | {p / r:.2f}x |")
PY
