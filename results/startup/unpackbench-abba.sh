#!/bin/bash
# UnpackBench on tmpfs (no disk): main's jar and this branch's, ABBA order, 2 forks-worth each
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; N=/work/wt-startup/target/benchmarks.jar; B=/tmp/s2/base/target/benchmarks.jar
mkdir -p /dev/shm/ub; cd /dev/shm/ub; uptime; date -u
for step in new:5 base:5 base:6 new:6; do side=${step%:*}; r=${step#*:}; jar=$B; [ $side = new ] && jar=$N
  $J -jar $jar UnpackBench -f 1 -wi 3 -i 10 -p dir=/dev/shm/ub -rf json -rff /tmp/s2/ub-$side-$r.json > /tmp/s2/ub-$side-$r.log 2>&1; echo "$side $r rc=$?"; done
rm -rf /dev/shm/ub; uptime; date -u
