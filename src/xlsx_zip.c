/* Wrapper of minizip's zipOpenNewFileInZip4_64 (xlsx_zip.h). */
#include "xlsx_zip.h"

#include <dlfcn.h>
#include <minizip/zip.h>
#include <stddef.h>

typedef int (*open_fn)(zipFile, const char *, const zip_fileinfo *,
                       const void *, uInt, const void *, uInt, const char *,
                       int, int, int, int, int, int, const char *, uLong,
                       uLong, uLong, int);

/* minizip's own function, found once (a process writes its workbooks one
 * at a time; a forked worker inherits it). */
static open_fn real_open(void)
{
    static open_fn real;
    if (!real) {
        void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        /* POSIX: a data pointer from dlsym converts to a function pointer */
        *(void **)&real = sym;
    }
    return real;
}

int xlsx_zip_level(void)
{
    return real_open() ? XLSX_ZIP_LEVEL : -1;
}

/* Nineteen parameters: minizip's own (minizip/zip.h), which this
 * function replaces at link time, so the list cannot be shorter. */
int zipOpenNewFileInZip4_64(zipFile file, const char *filename,
                            const zip_fileinfo *zipfi,
                            const void *extrafield_local,
                            uInt size_extrafield_local,
                            const void *extrafield_global,
                            uInt size_extrafield_global, const char *comment,
                            int method, int level, int raw, int windowBits,
                            int memLevel, int strategy, const char *password,
                            uLong crcForCrypting, uLong versionMadeBy,
                            uLong flagBase, int zip64)
{
    open_fn real = real_open();
    if (!real)
        return ZIP_INTERNALERROR;
    if (method == Z_DEFLATED && !raw)
        level = XLSX_ZIP_LEVEL;
    return real(file, filename, zipfi, extrafield_local, size_extrafield_local,
                extrafield_global, size_extrafield_global, comment, method,
                level, raw, windowBits, memLevel, strategy, password,
                crcForCrypting, versionMadeBy, flagBase, zip64);
}
