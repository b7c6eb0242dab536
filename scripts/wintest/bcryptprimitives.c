/*
 * A stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks: Go
 * programs load it at start-up for ProcessPrng. It fills the buffer from
 * advapi32's RtlGenRandom (SystemFunction036), as the real one fills it
 * from the system's generator. Built by scripts/wintest.sh with mingw-w64
 * and copied into the test's Wine prefix only; the release never holds it.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
