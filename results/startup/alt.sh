#!/bin/bash
# alternated rounds: each command once per round; prints medians (ms)
# Run in a directory holding one-file.tar (tar -cf one-file.tar one.txt), ss (dataset build synthetic-small --into ss)
# and st (a store: the first size run fills its summaries). N=7 rounds by default.
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}; REPO=$(cd "$(dirname "$0")/../.." && pwd); JAR=$REPO/target/benchmarks.jar; B=$REPO/bin/layerbench
declare -A C=(
 [a_help_jar]="$J -jar $JAR help"
 [b_help_bin]="$B help"
 [c_tar_help]="tar --help"
 [d_unpack_jar]="$J -jar $JAR unpack --layer one-file.tar --into o"
 [e_unpack_bin]="$B unpack --layer one-file.tar --into o"
 [f_tar_xf]="tar -xf one-file.tar -C o"
 [g_inspect_bin]="$B inspect --image ss --ref image-0"
 [h_view_bin]="$B view --image ss --ref image-0 --store st /"
 [i_size_bin]="$B size --image ss --store st"
)
keys=$(printf '%s\n' "${!C[@]}" | sort)
for k in $keys; do rm -rf o; [[ $k == f_* ]] && mkdir o; ${C[$k]} >/dev/null 2>&1; done  # warm-up (makes caches)
for r in $(seq ${N:-7}); do for k in $keys; do rm -rf o; [[ $k == f_* ]] && mkdir o; s=$(date +%s%N); ${C[$k]} >/dev/null 2>&1; e=$(date +%s%N); echo "$k $(( (e-s)/1000000 ))"; done; done > alt.log
for k in $keys; do grep "^$k " alt.log | awk '{print $2}' | sort -n | awk -v k=$k '{a[NR]=$1} END{printf "%-16s median %4d ms (min %d, max %d, n=%d)\n", k, a[int((NR+1)/2)], a[1], a[NR], NR}'; done
