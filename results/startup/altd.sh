#!/bin/bash
# altd.sh N DIR label1 'cmd1' label2 'cmd2' ...: each command once per round (in order), N rounds after one warm-up
# round; $T in a command is a new empty directory under DIR, deleted after the run (not timed). Medians in ms.
N=$1; D=$2; shift 2
labels=(); cmds=()
while [ $# -gt 0 ]; do labels+=("$1"); cmds+=("$2"); shift 2; done
log=$(mktemp)
for r in $(seq 0 $N); do for i in "${!cmds[@]}"; do
  T=$D/t$r-$i; mkdir -p $T; export T
  s=$(date +%s%N); bash -c "${cmds[$i]}" >/dev/null 2>$log.err; rc=$?; e=$(date +%s%N)
  [ $r -gt 0 ] && echo "${labels[$i]} $(( (e-s)/1000000 )) $rc"
  [ $rc -ne 0 ] && head -3 $log.err >&2
  rm -rf $T
done; done > $log
for l in "${labels[@]}"; do grep "^$l " $log | awk '{print $2}' | sort -n | awk -v k=$l '{a[NR]=$1} END{printf "%-16s median %5d ms (min %d, max %d, n=%d)\n", k, a[int((NR+1)/2)], a[1], a[NR], NR}'; done
awk '$3!=0{print "FAILED:", $0}' $log | head -3
rm -f $log $log.err
