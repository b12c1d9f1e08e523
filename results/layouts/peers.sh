#!/usr/bin/env bash
# Layouts against their peers, side by side in one sitting, N containers each, layouts and peers alternating
# (A B A B) for ROUNDS rounds, on the filesystem holding DIR:
#   flat vs `cp -a` per container, file-dedup vs `cp -al`, shared (and shared-kernel) vs `mount -t overlay` per container.
# Bytes and inodes of the peers' trees are counted by du and by layerbench (layout --du) on the same trees, and from
# df deltas (noisy on a shared disk). Run from the repository root as root, holding the build lock:
#   flock /tmp/layerbench-build.lock results/layouts/peers.sh
set -euo pipefail
JAR=${JAR:-target/benchmarks.jar}
IMG=${IMG:-$HOME/.cache/layerbench/datasets/real-debian-python}
REF=${REF:-python}
N=${N:-10}
ROUNDS=${ROUNDS:-3}
ROWS=${ROWS:-all}   # all, or shared: only shared, mount -t overlay and shared-kernel
W=$(mktemp -d "${DIR:-/var/tmp}/layerbench-peers-XXXX")
trap 'for m in "$W"/o/*/merged; do mountpoint -q "$m" && umount "$m"; done 2>/dev/null; rm -rf "$W"' EXIT
lb() { .ci/jdk25 java --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@"; }
now() { date +%s%N; }
df_used() { df --output=iused "$W" | tail -1 | tr -d ' '; echo -n ' '; df --block-size=1 --output=used "$W" | tail -1 | tr -d ' '; }

lb unpack --image "$IMG" --ref "$REF" --into "$W/template" >/dev/null
echo "# $(date -u +%FT%TZ) $(uname -r) fs=$(stat -f -c %T "$W") image=$IMG:$REF N=$N rounds=$ROUNDS rows=$ROWS shared-warmup=${SHARED_WARMUP:-1}"
echo "# template: $(du -s --block-size=1 "$W/template" | cut -f1) bytes, $(du -s --inodes "$W/template" | cut -f1) inodes (du)"
printf '%-6s %-22s %12s %14s %10s %14s %10s %12s %10s\n' round row "create ms/c" "du bytes/c" "du inodes/c" "lb bytes/c" "lb inodes/c" "df bytes/c" "df inodes/c"

ours() { # $1 round, $2 kind; shared rows warm up with SHARED_WARMUP untimed containers per image (empty
        # directories: no dirty data); flat and file-dedup rows do not (a warm-up copy's writeback would land in the
        # timed run), so they pay the JVM's class loading and first compilations
  warm=0; case "$2" in shared*) warm=${SHARED_WARMUP:-1};; esac
  lb layout --image "$IMG" --ref "$REF" --kind "$2" --n "$N" --no-workload --warmup "$warm" --dir "$W" \
    | awk -v r="$1" -v k="$2" '$1 == k { printf "%-6s %-22s %12s %14s %10s %14s %10s %12s %10s\n", r, "layerbench " k, $3, "-", "-", $6, $7, "-", "-" }'
}

peer_cp() { # $1 round, $2 cp flags
  mkdir "$W/c"; read -r i0 b0 <<<"$(df_used)"
  s=$(now); for i in $(seq "$N"); do cp $2 "$W/template" "$W/c/$i"; done; e=$(now)
  sync -f "$W"; read -r i1 b1 <<<"$(df_used)"
  dub=$(du -s --block-size=1 "$W/template" "$W/c" | tail -1 | cut -f1)
  dui=$(du -s --inodes "$W/template" "$W/c" | tail -1 | cut -f1)
  read -r lt _ li _ <<<"$(lb layout --du "$W/template")"
  read -r la _ lai _ <<<"$(lb layout --du "$W/template" "$W/c")"
  awk -v r="$1" -v k="cp $2" -v t=$((e - s)) -v n="$N" -v dub="$dub" -v dui="$dui" -v lb=$((la - lt)) -v li=$((lai - li)) \
      -v db=$((b1 - b0)) -v di=$((i1 - i0)) \
      'BEGIN { printf "%-6s %-22s %12.3f %14.0f %10.1f %14.0f %10.1f %12.0f %10.1f\n", r, k, t / 1e6 / n, dub / n, dui / n, lb / n, li / n, db / n, di / n }'
  rm -rf "$W/c"
}

peer_mount() { # $1 round
  mkdir "$W/o"; read -r i0 b0 <<<"$(df_used)"
  s=$(now)
  for i in $(seq "$N"); do
    mkdir -p "$W/o/$i/upper" "$W/o/$i/work" "$W/o/$i/merged"
    mount -t overlay overlay -o "lowerdir=$W/template,upperdir=$W/o/$i/upper,workdir=$W/o/$i/work" "$W/o/$i/merged"
  done
  e=$(now)
  sync -f "$W"; read -r i1 b1 <<<"$(df_used)"
  dub=$(du -x -s --block-size=1 "$W/o" | cut -f1); dui=$(du -x -s --inodes "$W/o" | cut -f1)
  read -r lb_ _ li _ <<<"$(lb layout --du "$W/o")"
  for i in $(seq "$N"); do umount "$W/o/$i/merged"; done
  awk -v r="$1" -v t=$((e - s)) -v n="$N" -v dub="$dub" -v dui="$dui" -v lb="$lb_" -v li="$li" -v db=$((b1 - b0)) -v di=$((i1 - i0)) \
      'BEGIN { printf "%-6s %-22s %12.3f %14.0f %10.1f %14.0f %10.1f %12.0f %10.1f\n", r, "mount -t overlay", t / 1e6 / n, dub / n, dui / n, lb / n, li / n, db / n, di / n }'
  rm -rf "$W/o"
}

# sync before every row, untimed: a row must not pay for writing back the previous row's dirty pages.
for r in $(seq "$ROUNDS"); do
  if [ "$ROWS" = all ]; then
    sync; ours "$r" flat;       sync; peer_cp "$r" -a
    sync; ours "$r" file-dedup; sync; peer_cp "$r" -al
  fi
  sync; ours "$r" shared;     sync; peer_mount "$r"
  sync; ours "$r" shared-kernel
done
