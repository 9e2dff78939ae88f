#!/usr/bin/env bash
# Malformed PDUs at a bound gateway over a real socket: PduFuzzIT (simulator ITs) plays the SMSC with
# seeded random PDUs (cut short, lying lengths, wrong TLV sizes, unknown command ids, random bytes in every
# field, valid USSD/SMS/receipts between them) against a whole in-process gateway on the real MariaDB/Redis,
# then a few framing errors that must cost the link and get a new bind. Runs through maven (no install).
# Usage: bench/fuzz.sh [cases [seed]]   (default 100000 cases, a new seed; mvn verify runs 20000).
# Output: bench/results/fuzz-<time>.txt: per-kind and per-answer counts, heap before/after, and as the last
# line cases=<n> crashes=<n> binds_lost=<n>. A failing case is printed with the seed, its index and the PDU
# in hex; bench/fuzz.sh <cases> <seed> replays that run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cases="${1:-100000}"
seed="${2:-}"
out="$root/bench/results/fuzz-$(date -u +%Y%m%dT%H%M%SZ).txt"
report="$root/simulator/target/fuzz-report.txt"
log="$root/simulator/target/fuzz-maven.log"
mkdir -p "$root/simulator/target" "$root/bench/results"
rm -f "$report"
fuzz() {
  mvn -B -q "$@" -pl simulator -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=PduFuzzIT -Dfailsafe.failIfNoSpecifiedTests=false -Dfuzz.cases="$cases" -Dfuzz.report="$report" \
    -Dfuzz.seed="$seed"
}
status=0
fuzz -o >"$log" 2>&1 || status=$?
{
  echo "# bench/$(basename "$0") on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  if [ "$status" -ne 0 ]; then
    echo "FAILED (maven exit $status); the failing case with its seed and index (full log: $log):"
    grep -a 'PduFuzzIT: seed\|PduFuzzIT failed on' "$log" || true
    grep -a -v '^\s*at ' "$log" | grep -a -A30 'AssertionFailedError\|AssertionError' | head -80 || true
  fi
  cat "$report" 2>/dev/null || echo "no report written: see $log"
} | tee "$out"
exit "$status"
