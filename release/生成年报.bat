@echo off
rem nianbao: double-click to make the PDF of every workbook in this folder,
rem or drop workbooks onto this file to make just theirs.
pushd "%~dp0"
nianbao.exe --no-wait %*
popd
pause
