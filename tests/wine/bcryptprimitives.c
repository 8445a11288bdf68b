/* Wine 8 has no bcryptprimitives.dll, where Rust's std (1.78 and later) gets its
 * random bytes (ProcessPrng, used for HashMap seeds). Windows has had it since 8.
 * This stand-in, dropped into the test's own Wine prefix, answers with advapi32's
 * RtlGenRandom (exported as SystemFunction036), which Wine has.
 * Built by tests/windows.rs: x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll
 *   bcryptprimitives.c -ladvapi32 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
