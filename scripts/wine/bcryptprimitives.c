/*
 * A stand-in for Windows' bcryptprimitives.dll, for checking Flowmap's
 * Windows binaries under Wine 8 (Debian 12), which lacks that library.
 * Windows 10 and later have it, and Go's runtime (1.22 and later) loads it at
 * start for ProcessPrng, its source of random bytes: without it every Go
 * program stops with "bcryptprimitives.dll not found". This one takes the
 * bytes from bcrypt.dll's system generator, which Wine has.
 *
 * scripts/dist-check.sh builds it with mingw-w64 into the Wine prefix's
 * system32 folder, where Go looks; it is never part of a release.
 */
#include <windows.h>
#include <bcrypt.h>

/* ProcessPrng fills data with len random bytes; like Windows' own, it
 * reports success (the system generator does not fail once running). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
