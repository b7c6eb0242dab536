#!/usr/bin/env bash
# Batch throughput and memory: N workbooks (default 1000) with 1 and 2
# workers, whole process, median of RUNS runs each (default 3), alternating;
# with BASELINE=path/to/nianbao, another build of nianbao is timed in the
# same runs and the ratios printed.
#   [BASELINE=old/nianbao] scripts/bench-batch.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
runs=${2:-3}
make -s build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go run ./tools/workbooks -n "$n" "$work/in"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in $(seq "$runs"); do
  for j in 1 2; do
    rm -rf "$work/out"
    /usr/bin/time -f "%e %M" -a -o "$work/j$j.times" bin/nianbao batch --jobs "$j" -o "$work/out" "$work/in" >/dev/null
    if [ -n "${BASELINE:-}" ]; then
      rm -rf "$work/out"
      /usr/bin/time -f "%e %M" -a -o "$work/b$j.times" "$BASELINE" batch --jobs "$j" -o "$work/out" "$work/in" >/dev/null
    fi
  done
done
for j in 1 2; do
  t=$(cut -d' ' -f1 "$work/j$j.times" | median)
  m=$(cut -d' ' -f2 "$work/j$j.times" | median)
  awk -v n="$n" -v t="$t" -v m="$m" -v j="$j" 'BEGIN {printf "jobs=%d: %d reports in %.1f s (median of runs) = %.1f reports/s, peak RSS %d MB\n", j, n, t, n/t, m/1024}'
done
if [ -n "${BASELINE:-}" ]; then
  for j in 1 2; do
    t=$(cut -d' ' -f1 "$work/b$j.times" | median)
    m=$(cut -d' ' -f2 "$work/b$j.times" | median)
    b=$(cut -d' ' -f1 "$work/j$j.times" | median)
    awk -v n="$n" -v t="$t" -v m="$m" -v j="$j" -v b="$b" 'BEGIN {printf "baseline jobs=%d: %.1f s = %.1f reports/s, peak RSS %d MB; nianbao takes %.3f of its time\n", j, t, n/t, m/1024, b/t}'
  done
fi
t1=$(cut -d' ' -f1 "$work/j1.times" | median)
t2=$(cut -d' ' -f1 "$work/j2.times" | median)
awk -v a="$t1" -v b="$t2" 'BEGIN {printf "speed-up of 2 workers over 1: %.2f×\n", a/b}'
