/*
 * hold MODE FILE: opens FILE as another program would and keeps it open
 * while FILE.held exists. MODE "read" shares reading only, as a PDF viewer
 * or Excel does (FILE_SHARE_READ); "none" shares nothing, as a program that
 * holds a file exclusively. hold makes FILE.held once the file is open and
 * closes it when the test removes FILE.held (or after two minutes).
 */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv)
{
	if (argc != 3) {
		fputs("usage: hold read|none FILE\n", stderr);
		return 2;
	}
	DWORD share = wcscmp(argv[1], L"read") == 0 ? FILE_SHARE_READ : 0;
	HANDLE f = CreateFileW(argv[2], GENERIC_READ, share, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	if (f == INVALID_HANDLE_VALUE) {
		fprintf(stderr, "hold: cannot open the file: error %lu\n", GetLastError());
		return 1;
	}
	wchar_t marker[MAX_PATH + 8];
	if (_snwprintf(marker, MAX_PATH + 8, L"%ls.held", argv[2]) < 0)
		return 1;
	HANDLE m = CreateFileW(marker, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
	if (m == INVALID_HANDLE_VALUE)
		return 1;
	CloseHandle(m);
	for (int i = 0; i < 1200 && GetFileAttributesW(marker) != INVALID_FILE_ATTRIBUTES; i++)
		Sleep(100);
	CloseHandle(f);
	return 0;
}
