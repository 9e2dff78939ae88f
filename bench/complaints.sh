#!/usr/bin/env bash
# SMS complaints per second end to end: MO "ADUAN ..." in → stored with its forwarding row and ticket SMS →
# ticket SMS submitted to the simulator SMSC → forwarded to a local registry stub; against the gateway jar
# with the real MariaDB/Redis. Target on 2 cores: >= 300/s.
# Usage: bench/complaints.sh [complaints] [concurrent-senders]   (default 6000 64).
# Each MO is committed to the durable inbox before its deliver_sm_resp; a line
# inbox_commits_per_s=<n> inbox_rows_per_commit=<n>, shows the group commit at work; then the gateway's CPU per
# complaint and the MariaDB server's (CPU, statements and commits per complaint: the whole server's counters, so the
# bench's own only on a server of its own: BETANG_TEST_MYSQL_URL=jdbc:mysql://127.0.0.1:<port>/).
# Output: bench/results/complaints-<time>.txt; the last line is complaints_per_s=<n>.
source "$(dirname "$0")/lib.sh"
bench_build
out="$root/bench/results/complaints-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  bench_header
  # from the simulator module, where the tests find the gateway jar (../gateway/target)
  cd simulator && java -Xms256m -Xmx512m -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$root/simulator/target/bench-complaints.log" \
    -cp "$cp" id.betang.simulator.bench.ComplaintBench "${1:-6000}" "${2:-64}"
} | tee "$out"
