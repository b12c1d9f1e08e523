#!/bin/bash
# med.sh N CMD...: median wall ms of N runs (after 1 warm-up), rm -rf o before each
N=$1; shift
rm -rf o; "$@" >/dev/null 2>&1
for i in $(seq $N); do rm -rf o; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e-s)/1000000 )); done | sort -n | awk '{a[NR]=$1} END{printf "median %d ms (min %d max %d n=%d)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
