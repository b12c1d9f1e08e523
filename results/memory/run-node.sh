#!/bin/sh
# results/memory: node -e 0 cold start and page cache per layout on real-debian-node, N = 1, 10 (host ext4)
set -e
J="/work/wt-memory/.ci/jdk25 java --enable-native-access=ALL-UNNAMED -jar /tmp/memory-node.jar"
cd /tmp/memres3
$J layout --dataset real-debian-node --n 1,10 --no-workload --warmup 0 --read all --run 'node -e 0' \
  --json /tmp/memres3/node.json --dir /tmp/memres3 > /tmp/memres3/node.txt 2>&1
