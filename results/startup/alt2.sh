#!/bin/bash
# usage: alt2.sh N label1 'cmd1' label2 'cmd2' ... ; runs each command once per round, in order, N rounds; medians in ms
N=$1; shift
labels=(); cmds=()
while [ $# -gt 0 ]; do labels+=("$1"); cmds+=("$2"); shift 2; done
log=$(mktemp)
for i in "${!cmds[@]}"; do rm -rf o; bash -c "${cmds[$i]}" >/dev/null 2>&1; done
for r in $(seq $N); do for i in "${!cmds[@]}"; do rm -rf o; mkdir -p o.tar; s=$(date +%s%N); bash -c "${cmds[$i]}" >/dev/null 2>&1; rc=$?; e=$(date +%s%N); echo "${labels[$i]} $(( (e-s)/1000000 )) $rc"; done; done > $log
for l in "${labels[@]}"; do grep "^$l " $log | awk '{print $2}' | sort -n | awk -v k=$l '{a[NR]=$1} END{printf "%-14s median %4d ms (min %d, max %d, n=%d)\n", k, a[int((NR+1)/2)], a[1], a[NR], NR}'; done
awk '$3!=0{print "FAILED:", $0}' $log | head -3
rm -f $log
