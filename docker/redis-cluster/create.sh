#!/bin/sh
# One shot of the compose `scale` profile: makes the six nodes one Redis Cluster, 3 masters and 3 replicas.
# REDIS_CLUSTER_NODES (host:port ...) defaults to the profile's redis-node-1..6; REDISCLI_AUTH is the password.
# redis-cli --cluster create wants addresses, so the names are resolved first. Already a cluster (a second
# `up`): done. DockerFilesTest runs this against six redis-server processes of its own.
set -eu
: "${REDIS_CLUSTER_NODES:=redis-node-1:6379 redis-node-2:6379 redis-node-3:6379 redis-node-4:6379 redis-node-5:6379 redis-node-6:6379}"
addresses=""
for node in $REDIS_CLUSTER_NODES; do
  host=${node%:*}
  port=${node##*:}
  tries=0
  until ip=$(getent hosts "$host" | awk '{print $1; exit}') && [ -n "$ip" ] \
        && redis-cli -h "$ip" -p "$port" ping 2>/dev/null | grep -q PONG; do
    tries=$((tries + 1))
    if [ "$tries" -ge 120 ]; then
      echo "redis node $node does not answer" >&2
      exit 1
    fi
    sleep 1
  done
  addresses="$addresses $ip:$port"
done
first=${addresses# }
first=${first%% *}
state() { redis-cli -h "${first%:*}" -p "${first##*:}" cluster info | tr -d '\r' | sed -n 's/^cluster_state://p'; }
if [ "$(state)" = ok ]; then
  echo "redis cluster already created"
  exit 0
fi
# shellcheck disable=SC2086 # one argument per node
redis-cli --cluster create $addresses --cluster-replicas 1 --cluster-yes
tries=0
until [ "$(state)" = ok ]; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "redis cluster not ok after 60 s" >&2
    exit 1
  fi
  sleep 1
done
echo "redis cluster ok"
