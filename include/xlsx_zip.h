/*
 * xlsx_zip: how hard the workbooks' parts are compressed.
 *
 * libxlsxwriter 1.1.4 compresses every part of a workbook with minizip at
 * zlib's default level (6) and has no option to change it; that
 * compression was a third of the CPU time of writing the office
 * workbooks.  This module wraps minizip's zipOpenNewFileInZip4_64, which
 * libxlsxwriter calls once per part (the program's own definition takes
 * precedence over the shared library's for every library that calls it):
 * it passes the call on to minizip unchanged except for the level, which
 * becomes XLSX_ZIP_LEVEL.  The parts stay ordinary deflate streams that
 * every reader opens; the files are about a quarter bigger.  The print
 * copies of print_copy.h, the only other zip files itabench writes, go
 * through the same wrapper and level.
 */
#ifndef ITABENCH_XLSX_ZIP_H
#define ITABENCH_XLSX_ZIP_H

/* zlib's Z_BEST_SPEED. */
#define XLSX_ZIP_LEVEL 1

/* The level the workbooks' parts are compressed at: XLSX_ZIP_LEVEL when
 * the wrapper is in place, else -1 (zlib's default; minizip not found). */
int xlsx_zip_level(void);

#endif
