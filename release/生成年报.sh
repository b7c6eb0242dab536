#!/bin/sh
# nianbao: run (or double-click and choose "run in terminal") to make the PDF
# of every workbook in this folder, or drop workbooks onto it to make theirs.
cd "$(dirname "$0")" || exit 2
./nianbao --no-wait "$@"
code=$?
printf '\n按回车键关闭窗口……'
read -r _
exit $code
