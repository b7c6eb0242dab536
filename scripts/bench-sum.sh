#!/usr/bin/env bash
# Roll-up time and memory: nianbao sum over 100 and 400 workbooks with 2
# workers, whole process, median of RUNS runs each (default 3); the peak
# memory should not grow with the number of units.
#   scripts/bench-sum.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
make -s build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for n in 100 400; do
  go run ./tools/workbooks -n "$n" "$work/in$n"
done
for i in $(seq "$runs"); do
  for n in 100 400; do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %M" -a -o "$work/n$n.times" bin/nianbao sum --jobs 2 -o "$work/out" "$work/in$n" >/dev/null
  done
done
for n in 100 400; do
  t=$(cut -d' ' -f1 "$work/n$n.times" | median)
  m=$(cut -d' ' -f2 "$work/n$n.times" | median)
  awk -v n="$n" -v t="$t" -v m="$m" 'BEGIN {printf "%d units: %.2f s (median of runs), peak RSS %d MB\n", n, t, m/1024}'
done
