#!/usr/bin/env bash
# Windows smoke test under Wine: publishes tests/PySocket.WindowsSmoke self-contained for win-x64 and runs it
# under Debian's wine64 with a hard timeout, printing its output; exits with its status.
#
#   bash tools/wine-smoke.sh
#
# - Installs wine64 with apt-get when it is missing (needs root or password-less sudo); when it cannot be
#   installed (no apt-get, no root, no package, not Linux x86_64) it says SKIP and exits 0.
# - Re-runs are fast: the Wine prefix (wineboot, ~10 s once) and the publish output are kept in
#   ${PYSOCKET_WINE_DIR:-$TMPDIR/pysocket-wine-smoke}; the publish is incremental.
# - PYSOCKET_WINE_SMOKE=0 skips the whole thing; PYSOCKET_WINE_TIMEOUT (seconds, default 180) bounds the run.
# Works unattended (CI=true, no stdin, as root): nothing here reads stdin or opens a window.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
repo=$(pwd)

say() { echo "wine-smoke: $*"; }
skip() {
  say "SKIP: $*"
  exit 0
}

[[ ${PYSOCKET_WINE_SMOKE:-1} == 0 ]] && skip "PYSOCKET_WINE_SMOKE=0"
[[ $(uname -s) == Linux && $(uname -m) == x86_64 ]] || skip "needs Linux x86_64 for Debian's wine64 (this is $(uname -sm))"
command -v dotnet >/dev/null 2>&1 || skip "the .NET SDK (dotnet) is not on PATH"

timeout_s=${PYSOCKET_WINE_TIMEOUT:-180}
base=${PYSOCKET_WINE_DIR:-${TMPDIR:-/tmp}/pysocket-wine-smoke}
# One build directory per clone (two clones never share obj/), one Wine prefix for all.
work=$base/build-$(printf '%s' "$repo" | cksum | cut -d' ' -f1)
prefix=$base/prefix
mkdir -p "$work" || skip "cannot create $work"

find_wine() {
  local c
  for c in wine64 /usr/lib/wine/wine64 /usr/lib64/wine/wine64 /opt/wine-stable/bin/wine64 wine; do
    if command -v "$c" >/dev/null 2>&1; then
      command -v "$c"
      return 0
    fi
  done
  return 1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  else
    sudo -n "$@"
  fi
}

install_wine() {
  command -v apt-get >/dev/null 2>&1 || skip "wine64 is not installed and there is no apt-get to install it"
  if [[ $(id -u) -ne 0 ]] && ! sudo -n true >/dev/null 2>&1; then
    skip "wine64 is not installed and installing it needs root (apt-get install wine64)"
  fi
  say "installing wine64 with apt-get (once; about a minute)"
  local started=$SECONDS log=$work/apt.log
  export DEBIAN_FRONTEND=noninteractive
  # Try the package lists as they are first; refresh them once if that fails.
  if ! as_root timeout 900 apt-get install -y -qq wine64 </dev/null >"$log" 2>&1; then
    as_root timeout 600 apt-get update -qq </dev/null >>"$log" 2>&1
    if ! as_root timeout 900 apt-get install -y -qq wine64 </dev/null >>"$log" 2>&1; then
      tail -n 5 "$log" | sed 's/^/wine-smoke:   /'
      skip "wine64 could not be installed with apt-get (log: $log)"
    fi
  fi
  say "wine64 installed in $((SECONDS - started)) s"
}

wine=$(find_wine) || {
  install_wine
  wine=$(find_wine) || skip "wine64 was installed but no wine64 binary was found"
}
wineserver=$(command -v wineserver 2>/dev/null || command -v /usr/lib/wine/wineserver64 2>/dev/null || true)

# Publish (self-contained win-x64: the runtime pack comes from the NuGet feed, then from the local cache).
# --artifacts-path keeps the win-x64 build out of the clone's bin/ and obj/.
out=$work/publish
exe=$out/PySocket.WindowsSmoke.exe
started=$SECONDS
say "publishing tests/PySocket.WindowsSmoke for win-x64 (self-contained)"
if ! dotnet publish "$repo/tests/PySocket.WindowsSmoke/PySocket.WindowsSmoke.csproj" -c Release -r win-x64 \
  --self-contained -o "$out" --artifacts-path "$work/artifacts" -nologo -v q </dev/null >"$work/publish.log" 2>&1; then
  if grep -qE 'NU1101|NU1102|NU1301|NETSDK1084|NETSDK1112' "$work/publish.log"; then
    grep -E 'error' "$work/publish.log" | head -n 5 | sed 's/^/wine-smoke:   /'
    skip "the win-x64 runtime pack could not be restored from the NuGet feed"
  fi
  cat "$work/publish.log"
  say "FAIL: dotnet publish of the smoke program failed"
  exit 1
fi
say "published in $((SECONDS - started)) s"

export WINEPREFIX=$prefix WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
# No Gecko in a new prefix: a console app needs no browser. (mscoree must stay: Wine loads every .NET
# assembly image through it, and without it System.Runtime.dll is "Module not found".)
export WINEDLLOVERRIDES="mshtml="
# The platform layer on Windows is chosen by the OS; a Linux-side choice must not leak in.
unset PYSOCKET_PLATFORM

stop_wineserver() {
  if [[ -n $wineserver ]]; then
    timeout 20 "$wineserver" -k >/dev/null 2>&1 || true
  fi
}

if [[ ! -f $prefix/system.reg ]]; then
  started=$SECONDS
  say "creating the Wine prefix $prefix (wineboot, once)"
  mkdir -p "$prefix"
  if ! (
    command -v flock >/dev/null 2>&1 && flock -w 120 9
    [[ -f $prefix/system.reg ]] || timeout -k 10 120 "$wine" wineboot --init </dev/null >"$work/wineboot.log" 2>&1
  ) 9>"$base/prefix.lock"; then
    cat "$work/wineboot.log" 2>/dev/null
    stop_wineserver
    say "FAIL: wineboot could not create the prefix"
    exit 1
  fi
  timeout 60 "${wineserver:-true}" -w >/dev/null 2>&1 || true
  say "prefix created in $((SECONDS - started)) s"
fi

started=$SECONDS
say "running $(basename "$exe") under $wine (timeout ${timeout_s} s)"
timeout -k 10 "$timeout_s" "$wine" "$exe" </dev/null >"$work/run.log" 2>&1
status=$?
cat "$work/run.log"
stop_wineserver
# Wine can lose a crashed process's exit status: a pass needs the program's own final line too.
if [[ $status -eq 0 ]] && ! grep -qE '^[0-9]+ passed, 0 failed\s*$' "$work/run.log"; then
  status=1
fi
case $status in
  0) say "PASS: all checks passed under Wine in $((SECONDS - started)) s" ;;
  124 | 137) say "FAIL: the smoke program did not finish within ${timeout_s} s (killed)" ;;
  *) say "FAIL: the smoke program exited with status $status (see the FAIL lines above)" ;;
esac
exit "$status"
