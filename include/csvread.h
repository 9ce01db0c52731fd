/*
 * csvread: streams the records of one CSV file to a callback, with the line
 * number each record starts on.  Parsing is libcsv's; this module adds what
 * files from spreadsheets need:
 *   - the encoding: UTF-8 with or without byte order mark (streamed, so a
 *     million-row file costs no more memory than one chunk); UTF-16/UTF-32
 *     with a byte order mark (Excel's "Unicode text"), UTF-16 without one
 *     when its NUL pattern shows it, and Thai Windows-874 / TIS-620 (what
 *     Thai Excel saves as "CSV") when the bytes are not UTF-8 but read as
 *     plausible Thai: these are converted to UTF-8 with iconv in memory;
 *   - CRLF, lone CR, blank lines and rows of empty fields (skipped), an
 *     Excel "sep=;" first line;
 *   - the separator (comma, semicolon or tab) detected from the header line;
 *   - limits that keep a hostile file from exhausting memory (a field, a
 *     record, the number of fields).
 *
 * Problems with the file itself (cannot open, binary data, invalid byte
 * sequences, malformed quoting, unterminated quote, a limit exceeded) are
 * added to the diag list with file, line and column; reading stops at the
 * first of them.  The callback sees only well-formed records.
 */
#ifndef ITABENCH_CSVREAD_H
#define ITABENCH_CSVREAD_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* Longest field accepted, in bytes: 1 MiB is far beyond Excel's 32,767
 * characters per cell, and a missing closing quote is found long before the
 * rest of a huge file is swallowed into one field. */
#define CSVREAD_FIELD_MAX ((size_t)1 << 20)
/* Most fields in one record, and most bytes in one record. */
#define CSVREAD_RECORD_MAX_FIELDS 10000
#define CSVREAD_RECORD_MAX_BYTES ((size_t)8 << 20)
/* Largest file converted in memory from a non-UTF-8 encoding. */
#define CSVREAD_CONVERT_MAX ((size_t)512 << 20)

typedef struct {
    const char *file;     /* as given to csvread_file */
    unsigned long line;   /* line the record starts on, 1-based */
    size_t n_fields;
    char **fields;        /* NUL-terminated, raw (not trimmed); owned by csvread */
    char separator;       /* the separator detected for this file */
    const char *sheet;    /* the worksheet's name for a row of an .xlsx
                             sheet (see xlsxread.h), NULL for CSV */
} csv_record;

/* Called once per record, header included.  Returning false stops reading
 * (without an error). */
typedef bool (*csv_record_fn)(const csv_record *record, void *ctx);

/* Reads path and calls on_record for each record (the record's file, and
 * messages, name it as csvread_display_name does).  Returns true when the
 * whole file was read without a file-level error and held at least one
 * record; errors go to diags. */
bool csvread_file(const char *path, csv_record_fn on_record, void *ctx,
                  diag_list *diags);

/* As csvread_file, with the encoding named (an iconv name such as
 * "WINDOWS-874", "TIS-620", "UTF-16"; "UTF-8"), or detected when encoding is
 * NULL.  A byte order mark is skipped either way. */
bool csvread_file_as(const char *path, const char *encoding,
                     csv_record_fn on_record, void *ctx, diag_list *diags);

/* As csvread_file_as on an open stream; name is used in messages.  The
 * stream is read to its end (or the first error) and not closed. */
bool csvread_stream(FILE *in, const char *name, const char *encoding,
                    csv_record_fn on_record, void *ctx, diag_list *diags);

/* An open stream to read, as csvread_stream takes it (borrowed). */
typedef struct {
    FILE *file;
    const char *name;       /* in messages */
    const char *encoding;   /* an iconv name; NULL: detected */
} csv_stream;

/* As csvread_stream, and computes the SHA-256 of every byte read from
 * in->file while reading it (so that a pipe is read once): 64 hex digits
 * and a NUL into sha256_hex (may be NULL) when the stream was read to its
 * end, "" when reading stopped before (an error, or the callback). */
bool csvread_stream_digest(const csv_stream *in, csv_record_fn on_record,
                           void *ctx, diag_list *diags, char sha256_hex[65]);

/* As csvread_file_as, opened as csvread_open opens it (a device or socket
 * is refused with an error), and with the SHA-256 of the file's bytes, taken
 * while reading, in sha256_hex as csvread_stream_digest gives it (may be
 * NULL). */
bool csvread_file_digest(const char *path, const char *encoding,
                         csv_record_fn on_record, void *ctx,
                         diag_list *diags, char sha256_hex[65]);

/* What kind of special file st is, when it may not be read: NULL for a
 * regular file (or a pipe, with allow_pipe); else "a named pipe", "a
 * character device", "a socket"... */
const char *csvread_refused_kind(const struct stat *st, bool allow_pipe);

/* Opens the file examined as st without ever blocking (O_NONBLOCK, so that
 * a FIFO without a writer opens at once and reads as empty; reads then
 * block as usual) and checks that the file opened is the one examined.
 * NULL with errno set on failure. */
FILE *csvread_open(const char *path, const struct stat *st);

/* How a file is named in messages and workbooks, whose XML needs valid
 * UTF-8 without control characters: the path's bytes when they are such
 * text; else converted from Windows-874 when they read as Thai (names from
 * archives made on Thai Windows), with any byte still invalid and any
 * control character written as \xNN.  A new string (caller frees);
 * *converted says it differs from the path. */
char *csvread_display_name(const char *path, bool *converted);

/* True when iconv can convert from this encoding name (for --encoding). */
bool csvread_encoding_known(const char *encoding);

typedef enum {
    CSV_ENC_UTF8,         /* valid UTF-8 (ASCII included), no BOM */
    CSV_ENC_UTF8_BOM,     /* EF BB BF */
    CSV_ENC_UTF16LE,      /* FF FE, or the NUL pattern of ASCII in UTF-16LE */
    CSV_ENC_UTF16BE,      /* FE FF, or the NUL pattern of ASCII in UTF-16BE */
    CSV_ENC_UTF32LE,      /* FF FE 00 00 */
    CSV_ENC_UTF32BE,      /* 00 00 FE FF */
    CSV_ENC_THAI,         /* not UTF-8, but plausible Windows-874 Thai */
    CSV_ENC_BINARY,       /* NUL bytes with no UTF-16 pattern */
    CSV_ENC_INVALID,      /* none of the above: reported as invalid UTF-8 */
} csv_encoding;

/* Guesses the encoding from the first n bytes of a file; `whole` says they
 * are the whole file (otherwise a UTF-8 sequence cut at the end is fine). */
csv_encoding csvread_detect_encoding(const char *head, size_t n, bool whole);

/* The iconv name of a detected encoding, or NULL for UTF-8, binary and
 * invalid. */
const char *csvread_encoding_name(csv_encoding encoding);

/* Where a conversion met bytes it could not convert. */
typedef struct {
    unsigned long line;   /* 1-based; 0 when the encoding is unknown */
    size_t column;        /* 1-based, in characters */
    size_t offset;        /* of the bad bytes in the data */
} csv_bad_bytes;

/* Converts n bytes from encoding (an iconv name) to UTF-8.  On success
 * returns a new NUL-terminated buffer (caller frees) and its length in
 * *out_len.  On an invalid or incomplete sequence (or an unknown
 * encoding) returns NULL and says where in *bad. */
char *csvread_convert(const char *data, size_t n, const char *encoding,
                      size_t *out_len, csv_bad_bytes *bad);

/* The separator most frequent outside quotes in a header line: ',' ';' or
 * '\t' (',' when there is none). */
char csvread_detect_separator(const char *line, size_t len);

/* The comparison key of a header cell, the one rule of every kind of
 * file (scores and reference files alike): cleaned (text_clean), ASCII
 * letters lower-cased, without spaces, '_', '-' and '.'.  A new string. */
char *csvread_header_key(const char *cell);

/* Index of the header field named name (compared by csvread_header_key),
 * or -1. */
int csvread_column(const csv_record *header, const char *name);

/* The columns a reference file may have (borrowed). */
typedef struct {
    const char *const *names;   /* [n] known column names */
    size_t n;
    size_t n_required;          /* the first n_required must be there */
    const char *what;           /* the file kind in messages ("the office
                                   registry") */
    const char *check;          /* the check name of the errors */
} csv_header_spec;

/* Reads a reference file's header against its known column names:
 * col[k] (of spec->n) receives the index of names[k] (-1 when absent).
 * Errors, each naming the file, line and column (`column F (6)`), for a
 * column that is none of the names (a blank header cell over an empty
 * column is allowed), a column given twice, and each required name
 * missing.  Returns false after any error. */
bool csvread_header_columns(const csv_record *header,
                            const csv_header_spec *spec, int *col,
                            diag_list *diags);

/* Field i of a record, or "" when the record is shorter (ragged rows). */
const char *csvread_field(const csv_record *record, int i);
#endif
