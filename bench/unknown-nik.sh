#!/usr/bin/env bash
# Can a stranger tell a known NIK from an unknown one by the answer time? UnknownNikTimingIT (simulator ITs)
# takes the three steps a stranger takes (the NIK, "2" for a code, a wrong code), alternating a known and an
# unknown NIK, against the gateway jar and the registry stub; it asserts the screens are the same and prints,
# per step, the difference of the medians beside the noise (interquartile range).
# Usage: bench/unknown-nik.sh [tries]   (default 200 each; mvn verify runs 60).
# Output: bench/results/unknown-nik-<time>.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tries="${1:-200}"
out="$root/bench/results/unknown-nik-$(date -u +%Y%m%dT%H%M%SZ).txt"
log="$root/simulator/target/unknown-nik-maven.log"
mkdir -p "$root/simulator/target" "$root/bench/results"
rm -f "$root/simulator/target/unknown-nik-timing.txt"
timing() {
  mvn -B -q "$@" -pl simulator -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=UnknownNikTimingIT -Dfailsafe.failIfNoSpecifiedTests=false -Dtiming.tries="$tries"
}
status=0
timing -o >"$log" 2>&1 || status=$?
{
  echo "# bench/$(basename "$0") on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  [ "$status" -eq 0 ] || echo "FAILED (maven exit $status): see $log"
  cat "$root/simulator/target/unknown-nik-timing.txt" 2>/dev/null || echo "no figures written: see $log"
} | tee "$out"
exit "$status"
