#!/bin/sh
# nianbao: run (or double-click and choose "run in terminal") to add up the
# workbooks of all units in this folder (the county office's roll-up), or
# drop a folder of them onto it.
cd "$(dirname "$0")" || exit 2
./nianbao sum "$@"
code=$?
printf '\n按回车键关闭窗口……'
read -r _
exit $code
