#!/usr/bin/env bash
# Declares every new public symbol in src/PySocket/PublicAPI.Unshipped.txt by applying the
# PublicApiAnalyzers code fix (RS0016) with dotnet format. Repeat until the build is clean; review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for _ in 1 2 3; do
  dotnet format analyzers src/PySocket/PySocket.csproj --diagnostics RS0016 RS0017 --severity info -v q || true
done
python3 tools/public_api_consts.py
f=src/PySocket/PublicAPI.Unshipped.txt
{ head -n1 "$f"; tail -n +2 "$f" | sort -u; } >"$f.new" && mv "$f.new" "$f"
