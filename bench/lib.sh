# Sourced by the bench scripts: builds what they run (offline when the local repository allows it) and
# sets $root (the project) and $cp (classpath of the simulator's test classes, which hold the benches).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -o install -DskipTests 2>/dev/null || mvn -q install -DskipTests
bench_classpath() { mvn -q "$@" -pl simulator test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath; }
bench_classpath -o 2>/dev/null || bench_classpath
cp="$root/simulator/target/classes:$root/simulator/target/test-classes:$(cat simulator/target/bench.classpath)"

# The first line of every saved result: what ran, where and on which commit.
bench_header() {
  echo "# bench/$(basename "$0") on $(nproc) cores, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo none)"
}
