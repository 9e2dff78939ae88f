#!/bin/sh
# One shot of the compose `scale` profile: makes redis-node-1..6 one Redis Cluster, 3 masters and 3 replicas.
# redis-cli wants addresses, so the node names are resolved first. Already a cluster (a second `up`): done.
set -eu
nodes=""
for n in 1 2 3 4 5 6; do
  until ip=$(getent hosts "redis-node-$n" | awk '{print $1}') && [ -n "$ip" ] \
        && redis-cli -h "$ip" ping >/dev/null 2>&1; do
    sleep 1
  done
  nodes="$nodes $ip:6379"
done
if redis-cli -h redis-node-1 cluster info | grep -q 'cluster_state:ok'; then
  echo "redis cluster already created"
  exit 0
fi
# shellcheck disable=SC2086 # one argument per node
redis-cli --cluster create $nodes --cluster-replicas 1 --cluster-yes
until redis-cli -h redis-node-1 cluster info | grep -q 'cluster_state:ok'; do sleep 1; done
echo "redis cluster ok"
