#!/usr/bin/env bash
# Whole-process figures for one workbook: nianbao build against LibreOffice's
# own PDF export of the same workbook (and, with BASELINE=path/to/nianbao,
# against another build of nianbao), run alternately in one command so that
# all see the same machine. Prints medians (wall clock in ms, peak RSS) and
# the ratios.
#   [BASELINE=old/nianbao] scripts/bench.sh [RUNS] [WORKBOOK]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
book=${2:-templates/示例-平罗县自然资源局-2024.xlsx}
make -s build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$book" "$work/in.xlsx"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timed NAME COMMAND…: appends "ms peak-KB" of one run to $work/NAME.times.
timed() {
  local name=$1 start end
  shift
  start=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(cat "$work/rss")" >>"$work/$name.times"
}
for i in $(seq "$runs"); do
  rm -rf "$work/nb" "$work/base" && mkdir -p "$work/nb" "$work/base" "$work/lo"
  timed nb bin/nianbao build -o "$work/nb" "$work/in.xlsx"
  if [ -n "${BASELINE:-}" ]; then
    timed base "$BASELINE" build -o "$work/base" "$work/in.xlsx"
  fi
  if command -v soffice >/dev/null; then
    timed lo soffice --headless --norestore "-env:UserInstallation=file://$work/profile" \
      --convert-to pdf --outdir "$work/lo" "$work/in.xlsx"
  fi
done
report() { # NAME LABEL [PDF-DIR]
  local t m
  t=$(cut -d' ' -f1 "$work/$1.times" | median)
  m=$(cut -d' ' -f2 "$work/$1.times" | median)
  printf '%-28s median %5d ms, peak RSS median %4d MB' "$2:" "$t" "$((m / 1024))"
  if [ -n "${3:-}" ]; then printf ', PDF %d KB' "$(( $(stat -c %s "$3"/*.pdf) / 1024 ))"; fi
  echo
}
ratio() { # NAME-A NAME-B TEXT
  local a b
  a=$(cut -d' ' -f1 "$work/$1.times" | median)
  b=$(cut -d' ' -f1 "$work/$2.times" | median)
  awk -v a="$a" -v b="$b" -v s="$3" 'BEGIN {printf "ratio: nianbao build takes %.3f of %s (%.1f× faster)\n", a/b, s, b/a}'
}
echo "$runs runs each, alternating"
report nb "nianbao build" "$work/nb"
if [ -f "$work/base.times" ]; then
  report base "baseline ($BASELINE)" "$work/base"
  ratio nb base "the baseline's time"
fi
if [ -f "$work/lo.times" ]; then
  report lo "soffice --convert-to pdf"
  ratio nb lo "LibreOffice's time"
fi
