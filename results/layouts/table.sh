#!/usr/bin/env bash
# The layouts table and chart for a dataset at N = 1, 10, 100: layouts alternating, REPEAT runs each (median shown),
# with the write workload (10 files modified with 4 KiB each, ten 16 KiB files added per container). Run from the
# repository root as root (for shared-kernel), holding the build lock:
#   flock /tmp/layerbench-build.lock results/layouts/table.sh
set -euo pipefail
JAR=${JAR:-target/benchmarks.jar}
DATASET=${DATASET:-synthetic-default}
REPEAT=${REPEAT:-3}
OUT=${OUT:-results/layouts}
W=$(mktemp -d "${DIR:-/var/tmp}/layerbench-table-XXXX")
trap 'rm -rf "$W"' EXIT
sync
echo "# $(date -u +%FT%TZ) $(uname -r) fs=$(stat -f -c %T "$W") dataset=$DATASET repeat=$REPEAT warmup=1"
.ci/jdk25 java --enable-native-access=ALL-UNNAMED -jar "$JAR" layout --dataset "$DATASET" --n 1,10,100 \
  --repeat "$REPEAT" --warmup 1 --dir "$W" --json "$OUT/$DATASET.json" --chart "$OUT/bytes-vs-n-$DATASET.png"
