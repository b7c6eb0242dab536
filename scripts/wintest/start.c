/*
 * start: runs the command line held in the variable WINTEST_CMDLINE as
 * Explorer starts a program (CreateProcessW with that very line, in the
 * same console), waits for it and exits with its exit code. "wine PROGRAM
 * ARGS" would quote each argument its own way; Explorer's lines, such as
 * cmd.exe /c ""D:\工具\生成年报.bat" D:\A&B\x.xlsx", need to reach cmd.exe
 * exactly as they are.
 */
#include <windows.h>
#include <stdio.h>

int wmain(void)
{
	static wchar_t line[32768];
	if (!GetEnvironmentVariableW(L"WINTEST_CMDLINE", line, 32768)) {
		fputs("start: WINTEST_CMDLINE is not set\n", stderr);
		return 2;
	}
	STARTUPINFOW si = {sizeof si};
	PROCESS_INFORMATION pi;
	if (!CreateProcessW(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
		fprintf(stderr, "start: cannot start the command: error %lu\n", GetLastError());
		return 2;
	}
	WaitForSingleObject(pi.hProcess, INFINITE);
	DWORD code = 2;
	GetExitCodeProcess(pi.hProcess, &code);
	return (int)code;
}
