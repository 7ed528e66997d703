#!/usr/bin/env bash
# Out-of-core proof (org.tessella.jmh.OutOfCore, which prints the expression it runs): a sum over a
# 20000 x 20000 float64 matrix (3.2 GB) generated block by block, in a JVM capped at a 1 GB heap and 1.5 GB resident memory in total (JavaCPP refuses native
# allocations once the process's resident set passes maxphysicalbytes; maxbytes is set too, though
# ND4J's arrays do not count against it). Prints result, time, scheduler peak and VmHWM.
#
# Usage: jmh/run-out-of-core.sh [n [chunk]]     (build first: mvn -B -q package -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  echo "missing $jar; build it with: mvn -B -q package -DskipTests" >&2
  exit 2
fi
exec java -Xms64m -Xmx1g \
  -Dorg.bytedeco.javacpp.maxphysicalbytes=1536m \
  -Dorg.bytedeco.javacpp.maxbytes=1536m \
  -cp "$jar" org.tessella.jmh.OutOfCore "$@"
