#!/usr/bin/env bash
# Bulk SMS per second: the gateway's notifications API (batches of 500 per request, queued in one
# transaction, the outbox woken at once) against Kannel 1.4.5's sendsms (one message per HTTP request, 64
# keep-alive connections at once), each against its own simulator SMSC with the same window (10), no TPS cap
# and no receipts; rounds alternate; counted at the SMSC until all N submit_sm arrived. Real MariaDB/Redis of
# the tests. Target: ratio >= 1.5.
# Usage: bench/bulk.sh [messages-per-round] [rounds]   (default 20000 3; medians reported).
# Output: bench/results/bulk-<time>.txt; the last line is betang_per_s=<n> kannel_per_s=<m> ratio=<r>.
if ! command -v bearerbox >/dev/null && [ ! -x /usr/sbin/bearerbox ]; then
  apt-get install -y kannel >/dev/null || { apt-get update >/dev/null && apt-get install -y kannel >/dev/null; }
fi
source "$(dirname "$0")/lib.sh"
bench_build # sets $cp: without it the run stopped at once on an unset variable

tmp="$(mktemp -d /tmp/betang-bulk.XXXXXX)"
# every Kannel box this run started (BulkBench writes their pids) is stopped, whatever happens
stop_kannel() {
  if [ -f "$tmp/kannel.pids" ]; then
    for pid in $(cat "$tmp/kannel.pids"); do kill "$pid" 2>/dev/null || true; done
    sleep 1
    for pid in $(cat "$tmp/kannel.pids"); do kill -9 "$pid" 2>/dev/null || true; done
  fi
  rm -rf "$tmp"
}
trap stop_kannel EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
smsc_port=$(free_port); sendsms_port=$(free_port); admin_port=$(free_port); smsbox_port=$(free_port)
kannel_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# the simulator SMSC's credentials (SmscSimulator.Options.defaults)
cat > "$tmp/kannel.conf" <<EOF
group = core
admin-port = $admin_port
admin-password = $kannel_password
admin-allow-ip = "127.0.0.1"
smsbox-port = $smsbox_port
box-allow-ip = "127.0.0.1"
log-file = "$tmp/bearerbox.log"
log-level = 3
dlr-storage = internal

group = smsc
smsc = smpp
smsc-id = sim
host = 127.0.0.1
port = $smsc_port
transceiver-mode = true
smsc-username = betang
smsc-password = Ohd27tH1
system-type = ""
interface-version = 34
max-pending-submits = 10
source-addr-ton = 0
source-addr-npi = 0
dest-addr-ton = 1
dest-addr-npi = 1
reconnect-delay = 1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $smsbox_port
sendsms-port = $sendsms_port
log-file = "$tmp/smsbox.log"
log-level = 3

group = sendsms-user
username = bench
password = $kannel_password
user-allow-ip = "127.0.0.1"

group = sms-service
keyword = default
text = "No service specified"
EOF

out="$root/bench/results/bulk-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  bench_header
  echo "# uptime: $(uptime)"
  # stderr (the JDK's own logging, e.g. the warm-up finding no registry) to a file; shown if the run fails
  java -Xms512m -Xmx512m -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$root/simulator/target/bench-bulk.log" \
    -cp "$cp" id.betang.simulator.bench.BulkBench "$tmp/kannel.conf" "$smsc_port" "$sendsms_port" bench \
    "$kannel_password" "${1:-20000}" "${2:-3}" 2>"$root/simulator/target/bench-bulk.err" \
    || { tail -20 "$root/simulator/target/bench-bulk.err"; exit 1; }
  echo "# uptime: $(uptime)"
} | tee "$out"
