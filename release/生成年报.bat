@echo off
rem nianbao: double-click to make the PDF of every workbook in this folder,
rem or drop workbooks onto this file to make just theirs.
rem
rem This file is kept in UTF-8; the release zip holds it in GBK (code page
rem 936). cmd.exe reads each line in the console's code page when it comes
rem to it, so every line before a "chcp 936" is plain ASCII and the Chinese
rem lines come after one.
setlocal DisableDelayedExpansion
set "NB_CP="
for /f "tokens=2 delims=:" %%c in ('chcp') do set "NB_CP=%%c"
if defined NB_CP set "NB_CP=%NB_CP: =%"
if defined NB_CP set "NB_CP=%NB_CP:.=%"

rem Windows 7 and 8 cannot start the program: say so in words.
set "NB_VER="
for /f "tokens=*" %%v in ('ver') do set "NB_VER=%%v"
if defined NB_VER for %%w in (%NB_VER:]=%) do set "NB_VER=%%w"
set "NB_MAJOR="
if defined NB_VER for /f "delims=." %%m in ("%NB_VER%") do set "NB_MAJOR=%%m"
if defined NB_MAJOR if %NB_MAJOR% LSS 10 goto old

rem Double-clicked inside the zip, Explorer runs a copy of this file alone.
if not exist "%~dp0nianbao.exe" goto unzip

rem Explorer quotes only dropped paths with spaces, so cmd.exe cuts a path
rem with & in two before this script sees it: told the script's name, the
rem program reads the paths again from cmd.exe's own command line. Started
rem by "cmd /c" (Explorer), the script ends with "exit" so that the cut-off
rem rest of that line is never run; typed at a prompt, with "exit /b".
set "NIANBAO_SCRIPT=%~nx0"
set "NB_CLOSE="
set NB_LINE=%cmdcmdline:&=%
if defined NB_LINE set NB_LINE=%NB_LINE:"=%
if defined NB_LINE if /i not "%NB_LINE:/c=%"=="%NB_LINE%" set "NB_CLOSE=1"

rem UTF-8, as the program writes when its output goes to a file or a pipe.
chcp 65001 >nul
pushd "%~dp0"
nianbao.exe --no-wait %*
set "NB_CODE=%errorlevel%"
popd
pause
if defined NB_CP chcp %NB_CP% >nul
if defined NB_CLOSE exit %NB_CODE%
exit /b %NB_CODE%

:unzip
chcp 936 >nul
echo 请先把压缩包解压（右键 → 全部解压缩），再双击解压出来的「生成年报.bat」
goto stop

:old
chcp 936 >nul
echo 本工具需要 Windows 10 或更高版本，这台电脑的 Windows 版本太旧，无法运行。
echo 请在 Windows 10 或 Windows 11 的电脑上使用。

:stop
pause
if defined NB_CP chcp %NB_CP% >nul
exit /b 2
