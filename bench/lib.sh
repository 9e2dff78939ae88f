# Sourced by the bench scripts: sets $root (the project), cds there, and gives
#   bench_build   builds what the JVM benches run inside the reactor, offline when the local repository allows
#                 it, and sets $cp (the simulator's classes and test classes, which hold the benches, and their
#                 dependencies); never `mvn install`: ~/.m2 is shared by every checkout on the machine
#   bench_header  the first line of every saved result: what ran, where and on which commit
#   bench_suite   runs a suite's main (class, arguments) from the simulator module, where it finds the gateway jar
#                 (../gateway/target), with the bench logging; its own log goes to simulator/target/bench-<name>.log
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mkdir -p "$root/bench/results"

bench_build() {
  # package, not compile: the benches launch gateway/target/betang-gateway.jar, and the simulator resolves the
  # gateway (and its test jar) from the reactor
  _bench_mvn() { mvn -q "$@" -pl simulator -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.classpath; }
  _bench_mvn -o 2>/dev/null || _bench_mvn
  cp="$root/simulator/target/classes:$root/simulator/target/test-classes:$(cat "$root/simulator/target/bench.classpath")"
}

bench_header() {
  echo "# bench/$(basename "$0") on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_suite() {
  local name="$1" main="$2"
  shift 2
  (cd "$root/simulator" && java -Xms256m -Xmx768m -Dlogback.configurationFile="$root/bench/logback-bench.xml" \
    -Dbench.log="$root/simulator/target/bench-$name.log" -cp "$cp" "$main" "$@")
}
