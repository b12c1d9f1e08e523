#!/bin/sh
# results/memory: page cache, reads and cold start per layout on real-debian-python (image python), N = 1, 10, 50,
# on the host's ext4 (here) and on XFS and btrfs loop filesystems (reflinks); then the memory model against the
# measure on both images of the dataset (5 containers each).
set -e
J="/work/wt-memory/.ci/jdk25 java --enable-native-access=ALL-UNNAMED -jar /tmp/memory-results.jar"
cd /tmp/memres2
$J layout --dataset real-debian-python --ref python --n 1,10,50 --no-workload --warmup 0 \
  --fs here,xfs,btrfs --fs-size 16 --read all --run 'python3 -c pass' \
  --json /tmp/memres2/layout.json --memory-chart /tmp/memres2/page-cache-vs-n.png --dir /tmp/memres2 > /tmp/memres2/layout.txt 2>&1
for fs in ext4 xfs; do
  $J size --dataset real-debian-python:5 --read all --fs $fs > /tmp/memres2/size-$fs.txt 2>&1
done
$J layout --dataset real-debian-python --n 10 --no-workload --warmup 0 --fs here,xfs --read all \
  --json /tmp/memres2/model-check.json --dir /tmp/memres2 > /tmp/memres2/model-check.txt 2>&1
