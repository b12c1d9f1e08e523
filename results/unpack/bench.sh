#!/bin/bash
# Side by side, A B A B: GNU tar vs `unpack --layer` on the same layer, fresh targets, same disk (/tmp on /dev/vda ext4).
# Inputs in $WORK (default /tmp/unpack-work), made from a debootstrapped minbase (the rootfs DebianConformanceTest caches):
#   R=~/.cache/layerbench/debootstrap-bookworm-minbase; rm -f $R/var/cache/apt/archives/*.deb
#   tar --numeric-owner --sort=name --xattrs -C $R -cf minbase.tar . && pigz -6 -k -c minbase.tar > minbase.tar.gz
#   zstd -q -3 -k minbase.tar -o minbase.tar.zst
# and the umoci image ~/.cache/layerbench/debian-bookworm-minbase-*/ that DebianConformanceTest builds.
# Needs root (drop_caches). Usage: flock /tmp/layerbench-build.lock results/unpack/bench.sh  (N=3 rounds by default)
# Run under the build lock. Prints wall seconds (date +%s.%N around the whole command, JVM start-up included) and,
# for unpack, the seconds it reports itself (first byte to rename into place).
REPO=$(cd "$(dirname "$0")/../.." && pwd)
cd "${WORK:-/tmp/unpack-work}"
JAR=$REPO/target/benchmarks.jar
J="$REPO/.ci/jdk25 java --enable-native-access=ALL-UNNAMED -jar $JAR"
N=${N:-3}
clean() { rm -rf t1 out1 ub out2; sync; echo 3 > /proc/sys/vm/drop_caches; cat "$@" > /dev/null; }
t() { local s=$(date +%s.%N); "$@" > last.txt 2>&1; local rc=$?; local e=$(date +%s.%N); echo "$(echo "$e - $s" | bc) rc=$rc"; }
for spec in ${SPECS:-"minbase.tar|-xf" "minbase.tar.gz|-xzf" "minbase.tar.zst|-I zstd -xf"}; do
  L=${spec%%|*}; F=${spec#*|}
  for i in $(seq $N); do
    clean $L; mkdir t1
    echo "tar $F $L: $(t tar $F $L -C t1)"
    clean $L
    echo "unpack --layer $L: $(t $J unpack --layer $L --into out1) internal $(grep -o '[0-9.]* s,' last.txt)"
  done
done
rm -rf t1 out1
[ -n "$NOIMAGE" ] && exit 0
IMG=$(ls -d ~/.cache/layerbench/debian-bookworm-minbase-*)
for i in $(seq $N); do
  clean $IMG/blobs/sha256/*
  echo "umoci raw unpack (3 layers): $(t umoci raw unpack --image $IMG:t ub)"
  clean $IMG/blobs/sha256/*
  echo "unpack --image (3 layers): $(t $J unpack --image $IMG --ref t --into out2) internal $(grep -o '[0-9.]* s,' last.txt)"
done
rm -rf ub out2
