#!/usr/bin/env bash
# make wintest: the windows-amd64 release zip run under Wine the way office
# staff run it on Windows 10/11, in a Chinese (code page 936) and an English
# (code page 437) Wine prefix. Asserts exit codes, console text, every
# output file, that no temporary file is left, and that the PDFs equal the
# Linux build's byte for byte.
#
# Wine 8 lacks bcryptprimitives.dll, which Go programs load at start-up: a
# stand-in (scripts/wintest/bcryptprimitives.c) is built with mingw-w64 and
# copied into each test prefix. Two helpers are built the same way:
# scripts/wintest/hold.c holds a file open as a PDF viewer or Excel does,
# scripts/wintest/start.c starts a command line exactly as Explorer does.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)

# What the test needs, installed when run as root (as CI is).
if [ "$(id -u)" = 0 ]; then
	need=()
	command -v wine >/dev/null || need+=(wine wine64)
	command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
	command -v script >/dev/null || need+=(bsdutils)
	[ -d /usr/share/i18n/locales ] && command -v localedef >/dev/null || need+=(locales)
	/usr/bin/python3 -c "import openpyxl" 2>/dev/null || need+=(python3-openpyxl)
	if [ ${#need[@]} -gt 0 ]; then
		echo "wintest: installing ${need[*]}"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	fi
	locale -a | grep -qix 'zh_CN.utf8' || localedef -i zh_CN -f UTF-8 zh_CN.UTF-8
fi
for p in wine x86_64-w64-mingw32-gcc script /usr/bin/python3; do
	command -v "$p" >/dev/null || { echo "wintest: $p is missing (run as root to install it)"; exit 1; }
done
locale -a | grep -qix 'zh_CN.utf8' || { echo "wintest: the zh_CN.UTF-8 locale is missing"; exit 1; }

W=$(mktemp -d /tmp/nianbao-wintest.XXXXXX)
# WINTEST_KEEP=1 keeps the prefixes, inputs and logs for a look.
cleanup() {
	for p in "$W"/prefix-*; do
		[ -d "$p" ] && WINEPREFIX=$p wineserver -k 2>/dev/null || true
	done
	if [ "${WINTEST_KEEP-}" = 1 ]; then echo "wintest: kept $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
trap '[[ $- != *e* ]] || echo "wintest: stopped at line $LINENO"' ERR
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64

step() { printf '\n== %s (%ds)\n' "$*" $(($(date +%s) - started)); }

step "building the windows-amd64 and linux-amd64 zips"
VERSION=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
go run ./tools/dist -version "$VERSION" -out "$W/dist" -targets windows/amd64,linux/amd64 >/dev/null
x86_64-w64-mingw32-gcc -O2 -shared -o "$W/bcryptprimitives.dll" scripts/wintest/bcryptprimitives.c -ladvapi32
x86_64-w64-mingw32-gcc -O2 -municode -o "$W/hold.exe" scripts/wintest/hold.c
x86_64-w64-mingw32-gcc -O2 -municode -o "$W/start.exe" scripts/wintest/start.c
# The Windows-only Go tests, run under Wine below.
GOOS=windows GOARCH=amd64 go test -c -o "$W/oserr.test.exe" ./internal/oserr

# The inputs: two good workbooks, one whose 表三 does not add up, one that
# is not a workbook.
IN=$W/inputs
go run ./tools/workbooks -n 2 "$IN" >/dev/null
/usr/bin/python3 - "$IN/测试县第1局.xlsx" "$IN/测试县有错局.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["基本信息"]
for row in ws.iter_rows():
    for c in row:
        if c.value == "测试县第1局":
            c.value = "测试县有错局"
wb["表三"]["D8"] = 7
wb.save(sys.argv[2])
EOF
printf 'a,b\r\n1,2\r\n' >"$IN/不是工作簿.xlsx"

# The Linux build's PDFs of the same workbooks, to compare byte for byte.
/usr/bin/python3 -m zipfile -e "$W/dist/nianbao-$VERSION-linux-amd64.zip" "$W/linux"
LINUX_BIN="$W/linux/年报生成工具/nianbao"
chmod +x "$LINUX_BIN"
mkdir -p "$W/linux-out"
cp "$W/linux/年报生成工具/示例-平罗县自然资源局-2024.xlsx" "$IN/"
"$LINUX_BIN" build -o "$W/linux-out" "$IN/测试县第1局.xlsx" "$IN/测试县第2局.xlsx" "$IN/示例-平罗县自然资源局-2024.xlsx" >/dev/null

# Results.
passed=0 failed=0
results=()
current_ok=1
begin() { current=$1; current_ok=1; printf -- '-- %s: %s\n' "$1" "$2"; }
fail() { current_ok=0; printf '   FAIL: %s\n' "$*"; }
end() {
	if [ $current_ok = 1 ]; then
		passed=$((passed + 1)); results+=("ok    $PREFIX_NAME $current")
	else
		failed=$((failed + 1)); results+=("FAIL  $PREFIX_NAME $current")
	fi
}

# plain LOG CMD...: runs CMD with its output going to a file (a pipe, not a
# console); sets rc.
plain() {
	local log=$1; shift
	set +e
	"$@" >"$log" 2>&1 </dev/null
	rc=$?
	set -e
}

# console LOG KEYS CMD...: runs CMD in a terminal, where Wine gives it a
# console as Windows gives a double-clicked program; once the console shows
# a prompt to press a key, presses Enter. The console's text, as the
# terminal received it (UTF-8 from the console's UTF-16), is in LOG, and
# without terminal controls in LOG.txt. The prompt is looked for in LOG
# and in the file WATCH names, if set. Sets rc.
console() {
	local log=$1 keys=$2; shift 2
	local runner=$W/console.sh fifo=$W/keys
	{ printf 'stty cols 250 rows 50; cd %q && ' "$PWD"; printf '%q ' "$@"; printf '\n'; } >"$runner"
	rm -f "$fifo" "$log"
	mkfifo "$fifo"
	set +e
	timeout 300 script -qfec "bash $runner" "$log" <"$fifo" >/dev/null &
	local pid=$!
	exec 9>"$fifo"
	if [ "$keys" = press ]; then
		for _ in $(seq 1200); do
			if cat "$log" ${WATCH-} 2>/dev/null | text | grep -q -e '按回车键' -e '请按任意键' -e 'Press any key'; then
				break
			fi
			sleep 0.1
		done
		# Enter, again until the program has gone: a key that comes before
		# Wine's console reads the terminal is lost.
		for _ in $(seq 30); do
			kill -0 $pid 2>/dev/null || break
			(printf '\r' >&9) 2>/dev/null
			sleep 1
		done
	fi
	exec 9>&-
	wait $pid
	rc=$?
	set -e
	text "$log" >"$log.txt"
}

# text [FILE]: the console text without terminal controls.
text() { sed -e 's/\x1b\][^\x07]*\x07//g' -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' -e 's/\r//g' "$@"; }

has() { grep -qF -- "$2" "$1" || fail "$(basename "$1") lacks 「$2」: $(tr '\n' ' ' <"$1" | cut -c1-600)"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$(basename "$1") has 「$2」"; }
code() { [ "$rc" = "$1" ] || fail "exit code $rc, want $1"; }
utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$(basename "$1") is not UTF-8 throughout (mojibake)"; }
exists() { [ -f "$1" ] || fail "no $(basename "$1")"; }
absent() { [ ! -e "$1" ] || fail "$(basename "$1") should not be there"; }
same_pdf() { cmp -s "$1" "$2" || fail "$(basename "$1") differs from the Linux build's"; }
no_tmp() {
	local left
	left=$(find "$1" -name '*.tmp' -o -name '.*.tmp' | head -3)
	[ -z "$left" ] || fail "temporary files left: $left"
}
# winpath PATH: the Windows name of a Unix path: C: is the prefix's
# drive_c, Z: is /.
winpath() {
	local p=$1 drive=Z:
	if [[ $p == "$WINEPREFIX/drive_c/"* ]]; then
		p=${p#"$WINEPREFIX/drive_c"}
		drive=C:
	fi
	printf '%s%s' "$drive" "${p//\//\\}"
}

# chinese_bat_line LOG TEXT: 生成年报.bat echoed TEXT. It switches to code
# page 936 before its Chinese lines, and Windows' cmd.exe reads each line in
# the code page of that moment; Wine's reads them in the console's first
# code page whatever chcp says, so in the English prefix (437) the GBK
# bytes come out as mojibake: there the line is checked to be those bytes.
chinese_bat_line() {
	if [ "$PREFIX_NAME" = zh ]; then
		has "$1" "$2"
		return
	fi
	/usr/bin/python3 -c '
import sys
got = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if sys.argv[2].encode("gbk").decode("cp437") in got else 1)
' "$1" "$2" || fail "$(basename "$1") lacks 「$2」 in GBK"
}

# hold MODE FILE / release FILE: another program holds FILE open.
hold() {
	wine "$W/hold.exe" "$1" "$(winpath "$2")" >/dev/null 2>&1 &
	HOLD_PID=$!
	for _ in $(seq 300); do [ -f "$2.held" ] && return; sleep 0.1; done
	echo "wintest: hold.exe could not open $2"; exit 1
}
release() { rm -f "$1.held"; wait "$HOLD_PID" || true; }

# explorer LOG BAT [PATHS...]: BAT double-clicked in Explorer, or PATHS
# dropped onto it: cmd.exe started (by start.exe) with the line Explorer
# writes, where only paths with spaces are quoted, in a console. nianbao
# reads the dropped paths from that cmd.exe's real command line.
# 生成年报.bat reads %cmdcmdline% to choose between "exit" and "exit /b";
# Wine's cmd.exe does not provide it, Windows' does, and the CMDCMDLINE
# variable set here stands in for it.
explorer() {
	local log=$1 line
	shift
	line="\"$(winpath "$1")\""
	shift
	for p in "$@"; do
		case "$p" in *" "*) line+=" \"$(winpath "$p")\"" ;; *) line+=" $(winpath "$p")" ;; esac
	done
	[ $# -eq 0 ] && line+=" "
	line="C:\\windows\\system32\\cmd.exe /c \"$line\""
	WINTEST_CMDLINE=$line CMDCMDLINE=$line console "$log" press wine "$W/start.exe"
}

run_prefix() {
	PREFIX_NAME=$1
	local lang=$2 pause_text=$3
	export WINEPREFIX=$W/prefix-$1 LANG=$lang LC_ALL=$lang
	step "$1: a fresh Wine prefix ($lang)"
	# One wine server for the whole prefix run, not one per command.
	mkdir -p "$WINEPREFIX"
	wineserver -p
	wineboot -i >/dev/null 2>&1
	wine winecfg -v win10 >/dev/null 2>&1
	cp "$W/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

	# Unzipped as Explorer does, into a folder whose path has Chinese,
	# spaces and &.
	local home="$W/$1/张三 的文件&资料"
	mkdir -p "$home"
	/usr/bin/python3 -m zipfile -e "$W/dist/nianbao-$VERSION-windows-amd64.zip" "$home"
	local app="$home/年报生成工具"
	local log=$W/$1/log
	mkdir -p "$log"
	cd "$app"

	begin oserr "Windows' errors for files held by other programs, in Chinese (go test)"
	plain "$log/oserr" wine "$W/oserr.test.exe" -test.run 'Windows$' -test.v
	code 0; has "$log/oserr" "--- PASS: TestExplainWindows"
	end

	begin version "nianbao.exe --version"
	plain "$log/version" wine nianbao.exe --version
	code 0; has "$log/version" "nianbao $VERSION"
	end

	begin check "nianbao.exe check, a good and a bad workbook"
	cp "$IN/测试县第1局.xlsx" "$IN/测试县有错局.xlsx" .
	plain "$log/check" wine nianbao.exe check 测试县第1局.xlsx 测试县有错局.xlsx
	code 1; utf8 "$log/check"
	has "$log/check" "测试县第1局.xlsx：没有发现问题"
	has "$log/check" "测试县有错局.xlsx：有"
	has "$log/check" "[R1] 表三"
	end

	begin build "nianbao.exe build -o, PDF equal to the Linux build's"
	mkdir -p "$home/PDF"
	plain "$log/build" wine nianbao.exe build -o "$(winpath "$home/PDF")" 测试县第1局.xlsx
	code 0; utf8 "$log/build"; has "$log/build" "已生成"
	same_pdf "$home/PDF/测试县第1局2024年政府信息公开工作年度报告.pdf" "$W/linux-out/测试县第1局2024年政府信息公开工作年度报告.pdf"
	no_tmp "$home/PDF"
	end

	begin bat-folder "double-click 生成年报.bat over a folder of good and bad workbooks"
	cp "$IN/测试县第2局.xlsx" "$IN/不是工作簿.xlsx" .
	explorer "$log/bat-folder" "$app/生成年报.bat"
	code 1
	local c=$log/bat-folder.txt
	utf8 "$log/bat-folder"
	has "$c" "政府信息公开工作年度报告生成工具 nianbao $VERSION"
	has "$c" "测试县第1局.xlsx … 已生成"
	has "$c" "测试县第2局.xlsx … 已生成"
	has "$c" "测试县有错局.xlsx … 有 2 处错误，未生成"
	has "$c" "不是工作簿.xlsx … 无法读取"
	has "$c" "年报模板.xlsx … 空白的年报模板"
	has "$c" "跳过 示例-平罗县自然资源局-2024.xlsx：工具自带的示例工作簿"
	has "$c" "共 4 个工作簿：已生成 2 个，有错误 1 个，无法读取 1 个；另有 2 个文件跳过"
	has "$c" "$pause_text"
	has "$log/bat-folder" $'\e]0;政府信息公开年报生成工具\a'
	local out=$app/输出
	local pdf
	for pdf in "$W"/linux-out/测试县*.pdf; do
		same_pdf "$out/$(basename "$pdf")" "$pdf"
	done
	absent "$out/平罗县自然资源局2024年政府信息公开工作年度报告.pdf"
	exists "$out/处理结果.txt"; exists "$out/处理结果.csv"; exists "$out/标注-测试县有错局.xlsx"
	absent "$out/测试县有错局2024年政府信息公开工作年度报告.pdf"
	has "$out/处理结果.txt" "[有错误，未生成] 测试县有错局.xlsx"
	has "$out/处理结果.csv" "不是工作簿.xlsx,无法读取"
	no_tmp "$app"
	end

	# Typed at a prompt: cmd.exe's own line is that of the prompt.
	begin bat-redirected "生成年报.bat with its output to a file: one encoding, UTF-8"
	WINTEST_CMDLINE="cmd.exe /c \"\"$(winpath "$app/生成年报.bat")\" > $(winpath "$log/bat-redirected")\"" \
		CMDCMDLINE='"C:\windows\system32\cmd.exe" ' WATCH=$log/bat-redirected \
		console "$log/bat-redirected-console" press wine "$W/start.exe"
	code 1
	utf8 "$log/bat-redirected"
	has "$log/bat-redirected" "共 4 个工作簿：已生成 2 个"
	has "$log/bat-redirected" "$pause_text"
	end

	# A workbook in a folder named A&B (no space: Explorer does not quote
	# it) dropped onto the script.
	begin drop-bat "a workbook from a folder named A&B dropped onto 生成年报.bat"
	local amp="$W/$1/A&B"
	mkdir -p "$amp"
	cp "$IN/测试县第1局.xlsx" "$amp/"
	explorer "$log/drop-bat" "$app/生成年报.bat" "$amp/测试县第1局.xlsx"
	code 0
	has "$log/drop-bat.txt" "[1/1] 测试县第1局.xlsx … 已生成"
	lacks "$log/drop-bat.txt" "找不到"
	same_pdf "$amp/输出/测试县第1局2024年政府信息公开工作年度报告.pdf" "$W/linux-out/测试县第1局2024年政府信息公开工作年度报告.pdf"
	end

	begin drop-exe "a workbook dropped onto nianbao.exe"
	local drop="$W/$1/拖放 文件"
	mkdir -p "$drop"
	cp "$IN/测试县第2局.xlsx" "$drop/"
	console "$log/drop-exe" press wine "$(winpath "$app/nianbao.exe")" "$(winpath "$drop/测试县第2局.xlsx")"
	code 0
	has "$log/drop-exe.txt" "测试县第2局.xlsx … 已生成"
	has "$log/drop-exe.txt" "按回车键关闭窗口"
	same_pdf "$drop/输出/测试县第2局2024年政府信息公开工作年度报告.pdf" "$W/linux-out/测试县第2局2024年政府信息公开工作年度报告.pdf"
	end

	begin exe-double-click "nianbao.exe double-clicked: its folder, then waits for Enter"
	rm -rf "$app/输出"
	console "$log/exe" press wine "$(winpath "$app/nianbao.exe")"
	code 1
	has "$log/exe.txt" "共 4 个工作簿：已生成 2 个"
	has "$log/exe.txt" "按回车键关闭窗口"
	has "$log/exe" $'\e]0;政府信息公开年报生成工具\a'
	exists "$app/输出/测试县第1局2024年政府信息公开工作年度报告.pdf"
	end

	begin pdf-held "the PDF open in a viewer: said so, the old PDF kept, nothing left"
	local pdf="$home/PDF/测试县第1局2024年政府信息公开工作年度报告.pdf"
	hold read "$pdf"
	plain "$log/pdf-held" wine nianbao.exe build -o "$(winpath "$home/PDF")" 测试县第1局.xlsx
	release "$pdf"
	code 2; utf8 "$log/pdf-held"
	has "$log/pdf-held" "无法写入「$(winpath "$pdf")」"
	has "$log/pdf-held" "正被其他程序"
	same_pdf "$pdf" "$W/linux-out/测试县第1局2024年政府信息公开工作年度报告.pdf"
	no_tmp "$home/PDF"
	end

	begin workbook-held "a workbook held open exclusively"
	hold none "$app/测试县第2局.xlsx"
	plain "$log/workbook-held" wine nianbao.exe check 测试县第2局.xlsx
	release "$app/测试县第2局.xlsx"
	code 2; utf8 "$log/workbook-held"
	has "$log/workbook-held" "测试县第2局.xlsx"
	has "$log/workbook-held" "这个文件正被其他程序（如 Excel、WPS、PDF 阅读器）独占打开，请关闭它后再试"
	lacks "$log/workbook-held" "Sharing violation"
	lacks "$log/workbook-held" "无法读取：无法读取"
	end

	begin marked-held "the 标注 copy open in Excel: said so"
	local marked="$app/输出/标注-测试县有错局.xlsx"
	hold read "$marked"
	plain "$log/marked-held" wine nianbao.exe batch .
	release "$marked"
	code 1; utf8 "$log/marked-held"
	has "$log/marked-held" "标注副本「标注-测试县有错局.xlsx」没有更新"
	has "$log/marked-held" "正被其他程序"
	has "$app/输出/处理结果.txt" "标注副本「标注-测试县有错局.xlsx」没有更新"
	end

	begin log-held "处理结果.csv open in Excel: named truly, both logs or neither written"
	local csv="$app/输出/处理结果.csv" before
	before=$(md5sum "$app/输出/处理结果.txt")
	hold read "$csv"
	plain "$log/log-held" wine nianbao.exe batch .
	release "$csv"
	utf8 "$log/log-held"
	has "$log/log-held" "处理结果.csv"
	has "$log/log-held" "正被其他程序"
	lacks "$log/log-held" "这个 PDF"
	[ "$before" = "$(md5sum "$app/输出/处理结果.txt")" ] || fail "处理结果.txt was rewritten, 处理结果.csv was not"
	no_tmp "$app"
	end

	# Double-clicked inside the zip, Explorer runs a copy of that one file
	# from a Temp1_<zip name> folder in the user's temporary folder.
	local temp
	temp=$(wine cmd /c echo %TEMP% 2>/dev/null | tr -d '\r')
	temp=$WINEPREFIX/drive_c/$(printf '%s' "${temp#[Cc]:\\}" | tr '\\' /)
	local inzip="$temp/Temp1_nianbao-$VERSION-windows-amd64.zip/年报生成工具"
	begin bat-in-zip "生成年报.bat double-clicked inside the zip"
	mkdir -p "$inzip"
	cp "$app/生成年报.bat" "$inzip/"
	explorer "$log/bat-in-zip" "$inzip/生成年报.bat"
	code 2
	chinese_bat_line "$log/bat-in-zip.txt" "请先把压缩包解压（右键 → 全部解压缩），再双击解压出来的「生成年报.bat」"
	has "$log/bat-in-zip.txt" "$pause_text"
	end

	begin exe-in-zip "nianbao.exe double-clicked inside the zip"
	rm -f "$inzip/生成年报.bat"
	cp "$app/nianbao.exe" "$inzip/"
	console "$log/exe-in-zip" press wine "$(winpath "$inzip/nianbao.exe")"
	code 2
	has "$log/exe-in-zip.txt" "请先把压缩包解压（右键 → 全部解压缩），再双击解压出来的「生成年报.bat」"
	has "$log/exe-in-zip.txt" "按回车键关闭窗口"
	absent "$inzip/输出"
	end

	begin windows-7 "生成年报.bat on Windows 7"
	wine winecfg -v win7 >/dev/null 2>&1
	explorer "$log/windows-7" "$app/生成年报.bat"
	wine winecfg -v win10 >/dev/null 2>&1
	code 2
	chinese_bat_line "$log/windows-7.txt" "本工具需要 Windows 10 或更高版本"
	has "$log/windows-7.txt" "$pause_text"
	lacks "$log/windows-7.txt" "nianbao $VERSION"
	end

	no_tmp "$W/$1"
	cd "$ROOT"
	wineserver -k 2>/dev/null || true
}

run_prefix zh zh_CN.UTF-8 "请按任意键继续"
run_prefix en C.UTF-8 "Press any key to continue"

step "results"
printf '%s\n' "${results[@]}"
echo "wintest: $passed passed, $failed failed, in $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
