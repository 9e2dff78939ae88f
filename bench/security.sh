#!/usr/bin/env bash
# The security suite, big: the same attacks as SecuritySuiteIT in `mvn verify`, with [attempts] NIK enumeration
# attempts spread over its five channels (USSD over SMPP, HTTP USSD with a rotating phoneNumber, SMS CEK,
# SMS INGATKAN, the agent menu without PIN), against the gateway jar with the real MariaDB/Redis.
# Usage: bench/security.sh [attempts]   (default 10000, at least 5).
# Output: bench/results/security-<time>.txt; the last line is attacks=<n> refused=<n> leaks=<n>.
# It runs inside the Maven reactor (offline) rather than through bench/lib.sh's install: nothing is written to the
# shared local repository. Exit status: non-zero when any attack leaked or the log scan found personal data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
attempts="${1:-10000}"
per_channel=$(( (attempts + 4) / 5 ))
out="$root/bench/results/security-$(date -u +%Y%m%dT%H%M%SZ).txt"
log="$root/simulator/target/bench-security-mvn.log"
mkdir -p "$root/simulator/target" "$root/bench/results"
started=$(date +%s)
set +e
mvn -B -o -pl simulator -am verify -Dtest=none -Dit.test=SecuritySuiteIT -Dsecurity.attempts="$per_channel" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false >"$log" 2>&1
status=$?
set -e
{
  echo "# bench/$(basename "$0") on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
  echo "# $attempts enumeration attempts asked, $per_channel per channel; $(( $(date +%s) - started )) s in all; mvn exit $status (log: ${log#$root/})"
  grep -E 'security suite:|log scan:|Tests run:' "$log" | sort -u || true
  cat "$root/simulator/target/security-report.txt" 2>/dev/null || echo "no report: the suite did not run (see the log)"
} | tee "$out"
exit "$status"
