@echo off
rem nianbao: double-click to add up the workbooks of all units in this folder
rem (the county office's roll-up), or drop a folder of them onto this file.
rem The results are written into the folder named in the window.
pushd "%~dp0"
nianbao.exe sum %*
popd
pause
