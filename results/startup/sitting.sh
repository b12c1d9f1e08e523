#!/bin/bash
# As run for section 6 (paths of that sitting: /tmp/s2 held alt2.sh, one-file.tar, ss, st, vst and main's jar in base/).
# one sitting under the lock: the four small jobs, base (main's jar) and new, java -jar and bin/layerbench, alternated
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; N=/work/wt-startup/target/benchmarks.jar; B=/tmp/s2/base/target/benchmarks.jar
BIN=/work/wt-startup/bin/layerbench
cd /tmp/s2; uptime; date -u
./alt2.sh ${ROUNDS:-7} \
 help_base "$J -jar $B help" help_new "$J -jar $N help" \
 unp_base "$J -jar $B unpack --layer one-file.tar --into o" unp_new "$J -jar $N unpack --layer one-file.tar --into o" \
 unp_base_bin "LAYERBENCH_JAR=$B $BIN unpack --layer one-file.tar --into o" unp_new_bin "$BIN unpack --layer one-file.tar --into o" \
 ins_base "$J -jar $B inspect --image ss --ref image-0" ins_new "$J -jar $N inspect --image ss --ref image-0" \
 ins_base_bin "LAYERBENCH_JAR=$B $BIN inspect --image ss --ref image-0" ins_new_bin "$BIN inspect --image ss --ref image-0" \
 view_base "$J -jar $B view --image ss --ref image-0 --store vst /" view_new "$J -jar $N view --image ss --ref image-0 --store vst /" \
 view_base_bin "LAYERBENCH_JAR=$B $BIN view --image ss --ref image-0 --store vst /" view_new_bin "$BIN view --image ss --ref image-0 --store vst /" \
 size_base "$J -jar $B size --image ss --store st" size_new "$J -jar $N size --image ss --store st" \
 size_base_bin "LAYERBENCH_JAR=$B $BIN size --image ss --store st" size_new_bin "$BIN size --image ss --store st" \
 tar_xf "tar -xf one-file.tar -C o.tar"
uptime; date -u
