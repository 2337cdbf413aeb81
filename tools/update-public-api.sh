#!/usr/bin/env bash
# Declares every new public symbol in src/PySocket/PublicAPI.Unshipped.txt by applying the
# PublicApiAnalyzers code fix (RS0016) with dotnet format. Repeat until the build is clean; review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
for _ in 1 2 3; do
  dotnet format analyzers src/PySocket/PySocket.csproj --diagnostics RS0016 RS0017 --severity info -v q || true
done
python3 tools/public_api_consts.py
# Shipped symbols that are gone: *REMOVED* lines in Unshipped (the RS0017 fix does not make them).
python3 tools/public_api_removed.py
# Shipped (0.1.0's surface) is never edited here; Unshipped keeps only what is not shipped
# (this also cleans up after a union merge of Unshipped).
f=src/PySocket/PublicAPI.Unshipped.txt
shipped=src/PySocket/PublicAPI.Shipped.txt
{ head -n1 "$f"; tail -n +2 "$f" | { grep -vxF -f <(tail -n +2 "$shipped") || true; } | sort -u; } >"$f.new" && mv "$f.new" "$f"
