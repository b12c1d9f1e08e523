#!/bin/sh
# results/memory: busybox true on real-debian-busybox and java -version on real-debian-fleet's jre-slim,
# cold and warm start and page cache per layout, N = 1, 10 (host ext4), under the shared build lock
set -e
J="/work/wt-memory/.ci/jdk25 java --enable-native-access=ALL-UNNAMED -jar /tmp/memory-r4.jar"
cd /tmp/memres4
$J layout --dataset real-debian-busybox --ref busybox --n 1,10 --no-workload --warmup 0 --run 'busybox true' \
  --json /tmp/memres4/busybox.json --dir /tmp/memres4 > /tmp/memres4/busybox.txt 2>&1
$J layout --dataset real-debian-fleet --ref jre-slim --n 1,10 --no-workload --warmup 0 --run 'java -version' \
  --json /tmp/memres4/java.json --dir /tmp/memres4 > /tmp/memres4/java.txt 2>&1
