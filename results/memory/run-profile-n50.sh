#!/bin/sh
# N=50, every layout, host ext4, reads and runs; the main thread sampled every 2 s with jstack
J=/work/wt-memory/.ci/jdk25
cd /tmp/memres
start=$(date +%s)
$J java --enable-native-access=ALL-UNNAMED -jar /tmp/benchmarks.jar layout --dataset real-debian-python --ref python \
  --n 50 --no-workload --warmup 0 --read all --run 'python3 -c pass' --json /tmp/memres/n50.json --dir /tmp/memres \
  > /tmp/memres/n50.txt 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null; do
  sleep 2
  t=$(( $(date +%s) - start ))
  $J jstack $pid 2>/dev/null | awk -v t=$t '/^"main"/{m=1;n=0;next} m&&/^\tat /{n++; if(n<=12) printf "%s %s\n", t, $2} m&&/^$/{m=0}' >> /tmp/memres/samples.txt
done
wait $pid
echo "exit $? wall $(( $(date +%s) - start )) s"
