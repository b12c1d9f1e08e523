#!/bin/bash
# Side by side in one sitting, A B A B: GNU tar vs `unpack --layer` on the same layer (tar, tar+gzip, tar+zstd), and
# `umoci raw unpack` vs `unpack --image` on the same image, and tar vs unpack on a one-file layer (the start-up floor). Prints
# every run, then the medians.
#
# Target disk: by default a fresh ext4 (mkfs.ext4 defaults, so with its journal, as on a usual Docker host) in an
# 8 GiB loop file on this machine's disk, made and mounted at $MNT (default /mnt/layerbench-unpack) unless something
# is mounted there already; TARGET=DIR uses a directory instead (e.g. on the root disk).
# Before every run: the previous target removed, then sync. Inputs, tar, umoci and the JDK stay in the page cache.
# Wall = `date +%s.%N` around the whole command (JVM start-up included); internal = the seconds `unpack` reports
# (first byte read to the rename into place).
#
# Inputs in $WORK (default /tmp/unpack-work), made from the debootstrapped minbase that DebianConformanceTest caches:
#   R=~/.cache/layerbench/debootstrap-bookworm-minbase; rm -f $R/var/cache/apt/archives/*.deb
#   tar --numeric-owner --sort=name --xattrs -C $R -cf minbase.tar . && pigz -6 -k -c minbase.tar > minbase.tar.gz
#   zstd -q -3 -k minbase.tar -o minbase.tar.zst
# and the umoci image ~/.cache/layerbench/debian-bookworm-minbase-*/ (tag t) that DebianConformanceTest builds.
# Needs root. Usage: flock /tmp/layerbench-build.lock results/unpack/bench.sh   (N=5 rounds by default)
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/unpack-work}
N=${N:-5}
JAR=$REPO/target/benchmarks.jar
J="$REPO/.ci/jdk25 java --enable-native-access=ALL-UNNAMED -jar $JAR"
if [ -n "${TARGET:-}" ]; then
  D=$TARGET
else
  MNT=${MNT:-/mnt/layerbench-unpack}
  if ! mountpoint -q "$MNT"; then
    mkdir -p "$MNT" && truncate -s 8G "$WORK/ext4.img" && mkfs.ext4 -q -F "$WORK/ext4.img" && mount -o loop "$WORK/ext4.img" "$MNT" || exit 1
  fi
  D=$MNT
fi
mkdir -p "$D"
echo "# target: $D ($(findmnt -no FSTYPE,OPTIONS -T "$D")), $(nproc) CPUs, $(uname -r), $(date -u +%FT%TZ)"
cd "$WORK" || exit 1
# the start-up floor: a layer of one small file
[ -f one-file.tar ] || { echo hello > one-file.txt; tar -cf one-file.tar one-file.txt; }
cat minbase.tar minbase.tar.gz minbase.tar.zst one-file.tar > /dev/null
LOG=$(mktemp)
t() { local s=$(date +%s.%N); "$@" > last.txt 2>&1; local rc=$?; local e=$(date +%s.%N); echo "$(echo "$e - $s" | bc) rc=$rc"; }
fresh() { rm -rf "$D/t1" "$D/o1" "$D/ub" "$D/o2"; sync; }
row() { echo "$1: $2" | tee -a "$LOG"; }
for spec in ${SPECS:-"minbase.tar|-xf" "minbase.tar.gz|-xzf" "minbase.tar.zst|-I zstd -xf" "one-file.tar|-xf"}; do
  L=${spec%%|*}; F=${spec#*|}
  for i in $(seq "$N"); do
    fresh; mkdir "$D/t1"
    row "tar $F $L" "$(t tar $F $L -C "$D/t1")"
    fresh
    row "unpack --layer $L" "$(t $J unpack --layer $L --into "$D/o1") internal $(grep -o '[0-9.]* s,' last.txt | tr -d ' s,')"
  done
done
if [ -z "${NOIMAGE:-}" ]; then
  IMG=$(ls -d ~/.cache/layerbench/debian-bookworm-minbase-* | head -1)
  cat "$IMG"/blobs/sha256/* > /dev/null
  for i in $(seq "$N"); do
    fresh
    row "umoci raw unpack --image IMG:t" "$(t umoci raw unpack --image "$IMG:t" "$D/ub")"
    fresh
    row "unpack --image IMG --ref t" "$(t $J unpack --image "$IMG" --ref t --into "$D/o2") internal $(grep -o '[0-9.]* s,' last.txt | tr -d ' s,')"
  done
fi
fresh
echo "# medians of $N (wall seconds; internal for unpack)"
python3 - "$LOG" <<'EOF'
import sys, statistics, collections
wall, internal = collections.OrderedDict(), collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, rest = line.split(": ", 1)
    f = rest.split()
    wall.setdefault(name, []).append(float(f[0]))
    if "internal" in f:
        internal[name].append(float(f[f.index("internal") + 1]))
for name, w in wall.items():
    extra = f"   internal {statistics.median(internal[name]):.2f}" if internal[name] else ""
    print(f"{name:40s} wall {statistics.median(w):.2f}{extra}")
EOF
rm -f "$LOG"
