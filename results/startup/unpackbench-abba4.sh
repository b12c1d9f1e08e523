#!/bin/bash
# UnpackBench on tmpfs (no disk): BASE jar (main) and NEW jar (this branch), ABBA order, one fork each, in one sitting;
# then the median of the pooled single shots per codec, NEW / BASE. Usage: unpackbench-abba4.sh BASE.jar NEW.jar OUTDIR
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; B=$1; N=$2; O=$3
mkdir -p /dev/shm/ub "$O"; uptime; date -u
for step in new:1 base:1 base:2 new:2; do side=${step%:*}; r=${step#*:}; jar=$B; [ $side = new ] && jar=$N
  $J -jar $jar UnpackBench -f 1 -wi 3 -i 10 -p dir=/dev/shm/ub -rf json -rff $O/ub-$side-$r.json > $O/ub-$side-$r.log 2>&1; echo "$side $r rc=$?"; done
rm -rf /dev/shm/ub; uptime; date -u
python3 - "$O" <<'PY'
import json, glob, statistics, sys, collections
shots = collections.defaultdict(list)
for f in glob.glob(sys.argv[1] + "/ub-*.json"):
    side = f.split("/ub-")[1].split("-")[0]
    for b in json.load(open(f)):
        key = (b["benchmark"].split(".")[-1], tuple(sorted(b.get("params", {}).items())))
        for fork in b["primaryMetric"]["rawData"]:
            shots[(side,) + key] += fork
for k in sorted({k[1:] for k in shots}):
    n, b = statistics.median(shots[("new",) + k]), statistics.median(shots[("base",) + k])
    print(k, "new %.1f base %.1f ratio %.2f (n=%d/%d)" % (n, b, n / b, len(shots[("new",) + k]), len(shots[("base",) + k])))
PY
