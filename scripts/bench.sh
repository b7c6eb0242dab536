#!/usr/bin/env bash
# Whole-process figures for one workbook: nianbao build against LibreOffice's
# own PDF export of the same workbook, run alternately in one command so that
# both see the same machine. Prints medians and the ratio.
#   scripts/bench.sh [RUNS] [WORKBOOK]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
book=${2:-templates/示例-平罗县自然资源局-2024.xlsx}
make -s build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$book" "$work/in.xlsx"
mkdir -p "$work/nb" "$work/lo"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -a -o "$work/nb.times" bin/nianbao build -o "$work/nb" "$work/in.xlsx" >/dev/null
  if command -v soffice >/dev/null; then
    /usr/bin/time -f "%e %M" -a -o "$work/lo.times" soffice --headless --norestore \
      "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$work/lo" "$work/in.xlsx" >/dev/null 2>&1
  fi
done
nb_t=$(cut -d' ' -f1 "$work/nb.times" | median)
nb_m=$(cut -d' ' -f2 "$work/nb.times" | median)
pdf=$(ls "$work"/nb/*.pdf)
echo "nianbao build:  median ${nb_t} s, peak RSS median $((nb_m / 1024)) MB, PDF $(( $(stat -c %s "$pdf") / 1024 )) KB, $runs runs"
if [ -f "$work/lo.times" ]; then
  lo_t=$(cut -d' ' -f1 "$work/lo.times" | median)
  lo_m=$(cut -d' ' -f2 "$work/lo.times" | median)
  echo "soffice --convert-to pdf:  median ${lo_t} s, peak RSS median $((lo_m / 1024)) MB"
  awk -v a="$lo_t" -v b="$nb_t" 'BEGIN {printf "ratio: nianbao takes %.3f of LibreOffice'"'"'s time (%.0f× faster)\n", b/a, a/b}'
fi
