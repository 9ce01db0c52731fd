#include "csvread.h"
#include "text.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes read from the file at a time, and most bytes handed to libcsv at a
 * time: small pieces let the field limit be checked before libcsv's buffer
 * grows far past it. */
enum { CHUNK_BYTES = 256 * 1024, PIECE_BYTES = 64 * 1024 };

/* libcsv's state between records (ROW_NOT_BEGUN in libcsv.c). */
#define LIBCSV_ROW_NOT_BEGUN 0

/* Characters shown of an offending value in messages. */
enum { EXCERPT_CHARS = 40 };

/* Lines read with a separator chosen above the header before the choice
 * is final (the README's 10 title rows above the header). */
enum { TENTATIVE_LINES = 11 };

static const char utf8_bom[] = "\xEF\xBB\xBF";

typedef struct {
    csv_record record;
    size_t cap_fields;
    size_t record_bytes;
    /* the fields of the record being read, each NUL-terminated, one after
     * the other in one buffer reused for every record (no allocation per
     * field): field i starts at field_at[i] */
    char *text;
    size_t text_len, text_cap;
    size_t *field_at;
    csv_record_fn on_record;
    void *ctx;
    diag_list *diags;
    struct csv_parser parser;
    unsigned long line;       /* line of the next byte fed */
    size_t line_chars;        /* characters of that line already fed */
    bool at_line_start;
    bool separator_known;
    /* lines still read with a separator chosen on a line above the header
     * (a title or note line): one of them that has none of it but another
     * candidate is the header, and its separator is the file's */
    unsigned separator_tentative;
    unsigned long eof_mark_line;  /* line of a DOS Ctrl-Z, or 0 */
    unsigned long n_records;  /* records handed to the callback */
    bool stopped;             /* the callback asked to stop */
    bool failed;              /* a file-level error was reported */
    EVP_MD_CTX *sha;          /* SHA-256 of every byte read, or NULL */
    bool at_eof;              /* the stream was read to its end */
} reader;

/* Reads up to n bytes: every byte read goes through the digest, so that
 * each input is read once, pipes included. */
static size_t read_bytes(reader *r, FILE *in, char *dst, size_t n)
{
    size_t got = fread(dst, 1, n, in);
    if (r->sha && got)
        EVP_DigestUpdate(r->sha, dst, got);
    if (got < n && feof(in))
        r->at_eof = true;
    return got;
}

static void fail(reader *r, unsigned long line, const char *check,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void fail(reader *r, unsigned long line, const char *check,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(r->diags, DIAG_ERROR, r->record.file, line, NULL, check, "%s",
             message);
    free(message);
    r->failed = true;
}

static bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

static size_t count_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += !is_continuation((unsigned char)s[i]);
    return chars;
}

/* A quoted excerpt of the text around byte `at` of s, for messages. */
static char *excerpt(const char *s, size_t n, size_t at)
{
    size_t start = at, end = at, chars = 0;
    while (start > 0 && chars < EXCERPT_CHARS / 2) {
        start--;
        chars += !is_continuation((unsigned char)s[start]);
    }
    for (chars = 0; end < n && chars < EXCERPT_CHARS / 2;) {
        end++;
        while (end < n && is_continuation((unsigned char)s[end]))
            end++;
        chars++;
    }
    char *copy = xstrndup(s + start, end - start);
    char *quoted = text_quote_short(copy, EXCERPT_CHARS);
    free(copy);
    return quoted;
}

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->stopped || r->failed)
        return;
    if (r->record.n_fields == CSVREAD_RECORD_MAX_FIELDS) {
        fail(r, r->record.line, "limit",
             "the record that starts on this line has more than %d fields",
             CSVREAD_RECORD_MAX_FIELDS);
        return;
    }
    r->record_bytes += len;
    if (r->record_bytes > CSVREAD_RECORD_MAX_BYTES) {
        fail(r, r->record.line, "limit",
             "the record that starts on this line is longer than %zu MiB",
             CSVREAD_RECORD_MAX_BYTES >> 20);
        return;
    }
    if (r->record.n_fields == r->cap_fields) {
        r->cap_fields = r->cap_fields ? r->cap_fields * 2 : 16;
        r->record.fields =
            xrealloc(r->record.fields, r->cap_fields * sizeof(char *));
        r->field_at = xrealloc(r->field_at, r->cap_fields * sizeof(size_t));
    }
    if (!data)
        len = 0;
    if (r->text_cap - r->text_len < len + 1) {
        /* bounded: a record is at most CSVREAD_RECORD_MAX_BYTES */
        while (r->text_cap - r->text_len < len + 1)
            r->text_cap = r->text_cap ? r->text_cap * 2 : 4096;
        r->text = xrealloc(r->text, r->text_cap);
    }
    r->field_at[r->record.n_fields++] = r->text_len;
    if (len)
        memcpy(r->text + r->text_len, data, len);
    r->text[r->text_len + len] = '\0';
    r->text_len += len + 1;
}

/* Points the record's fields into the text buffer, now that it no longer
 * moves. */
static void point_fields(reader *r)
{
    for (size_t i = 0; i < r->record.n_fields; i++)
        r->record.fields[i] = r->text + r->field_at[i];
}

static void clear_fields(reader *r)
{
    r->record.n_fields = 0;
    r->record_bytes = 0;
    r->text_len = 0;
}

/* Excel pads rows with separators ("2564,1001,,,"), and leaves rows of
 * nothing but separators where a row was cleared. */
static bool all_fields_blank(const csv_record *rec)
{
    for (size_t i = 0; i < rec->n_fields; i++)
        if (rec->fields[i][strspn(rec->fields[i], " \t")] != '\0')
            return false;
    return true;
}

static void on_record_end(int terminator, void *ctx)
{
    (void)terminator;
    reader *r = ctx;
    point_fields(r);
    if (!r->stopped && !r->failed && !all_fields_blank(&r->record)) {
        r->n_records++;
        if (!r->on_record(&r->record, r->ctx))
            r->stopped = true;
    }
    clear_fields(r);
}

/* Only the plain space is padding: a tab may be the separator. */
static int is_space(unsigned char c) { return c == ' '; }

char csvread_detect_separator(const char *line, size_t len)
{
    static const char candidates[] = {',', ';', '\t'};
    size_t counts[3] = {0};
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        for (size_t c = 0; c < 3 && !quoted; c++)
            counts[c] += line[i] == candidates[c];
    }
    size_t best = 0;
    for (size_t c = 1; c < 3; c++)
        if (counts[c] > counts[best])
            best = c;
    return candidates[best];
}

static void set_separator(reader *r, char separator)
{
    r->record.separator = separator;
    csv_set_delim(&r->parser, (unsigned char)separator);
    r->separator_known = true;
}

/* Before the separator is known: lines of nothing but separators and
 * spaces are skipped, "sep=;" is Excel's way of naming the separator, and
 * the first line with a separator tells it.  Returns true when the line is
 * used up here. */
static bool before_header(reader *r, const char *text, size_t n)
{
    if (text[strspn(text, " \t,;")] == '\0')
        return true;
    if (n == 5 && strncmp(text, "sep=", 4) == 0 && strchr(",;\t|", text[4])) {
        set_separator(r, text[4]);
        return true;
    }
    /* a title line without any separator says nothing about the file's:
     * parsed as one field, the separator is chosen on the next line */
    if (strcspn(text, ",;\t") < n) {
        set_separator(r, csvread_detect_separator(text, n));
        r->separator_tentative = TENTATIVE_LINES;
    }
    return false;
}

/* A line below the one the separator was chosen on, while that choice is
 * tentative: a note line "Scores, as published" above a semicolon header
 * must not make the file a comma file.  A line without any of the chosen
 * separator but with another candidate decides for that one. */
static void recheck_separator(reader *r, const char *p, size_t n)
{
    r->separator_tentative--;
    char chosen = r->record.separator;
    bool quoted = false, has_chosen = false, has_other = false;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            quoted = !quoted;
        else if (!quoted && p[i] == chosen)
            has_chosen = true;
        else if (!quoted && strchr(",;\t", p[i]) && p[i])
            has_other = true;
    }
    if (has_chosen || !has_other)
        return;
    set_separator(r, csvread_detect_separator(p, n));
    r->separator_tentative = 0;
}

/* Blank for what follows a DOS end-of-file mark: line ends, spaces, more
 * marks. */
static bool blank_after_mark(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr("\r\n \t\x1a", p[i]) || p[i] == '\0')
            return false;
    return true;
}

/* A DOS end-of-file mark (Ctrl-Z, 0x1A) in the piece: what precedes it is
 * read; after it only blank text may follow (an error otherwise, naming
 * the mark, which no editor shows).  Returns the length of the piece to
 * read: len when it holds no mark. */
static size_t before_eof_mark(reader *r, const char *p, size_t len)
{
    if (r->eof_mark_line) {
        if (!blank_after_mark(p, len))
            fail(r, r->line, "encoding",
                 "text after the DOS end-of-file mark (Ctrl-Z, byte 0x1A) of "
                 "line %lu: files joined with the mark between them? Remove "
                 "the mark",
                 r->eof_mark_line);
        return 0;
    }
    const char *mark = memchr(p, 0x1A, len);
    if (!mark)
        return len;
    r->eof_mark_line = r->line;
    size_t at = (size_t)(mark - p);
    if (!blank_after_mark(mark, len - at))
        fail(r, r->line, "encoding",
             "text after the DOS end-of-file mark (Ctrl-Z, byte 0x1A) at "
             "column %zu: files joined with the mark between them? Remove "
             "the mark",
             r->line_chars + count_chars(p, at) + 1);
    else
        diag_add(r->diags, DIAG_NOTE, r->record.file, r->line, NULL,
                 "eof_mark",
                 "a DOS end-of-file mark (Ctrl-Z, byte 0x1A) ends the file: "
                 "ignored");
    return at;
}

static bool feed_line_piece(reader *r, const char *p, size_t len,
                            bool line_end);

/* Feeds one piece of text that lies within one line, up to a DOS
 * end-of-file mark.  False once reading must stop. */
static bool feed_piece(reader *r, const char *p, size_t len, bool line_end)
{
    bool had_mark = r->eof_mark_line != 0;
    size_t kept = before_eof_mark(r, p, len);
    if (r->failed)
        return false;
    if (kept == len)
        return feed_line_piece(r, p, len, line_end);
    if (had_mark)
        return true;
    /* the record open at the mark ends there */
    if (kept > 0 && !feed_line_piece(r, p, kept, false))
        return false;
    if (r->parser.pstate != LIBCSV_ROW_NOT_BEGUN)
        return feed_line_piece(r, "\n", 1, true);
    return true;
}

/* Feeds one piece of text that lies within one line (ending with that
 * line's terminator when line_end).  False once reading must stop. */
static bool feed_line_piece(reader *r, const char *p, size_t len,
                            bool line_end)
{
    size_t content = len;
    while (content > 0 && (p[content - 1] == '\n' || p[content - 1] == '\r'))
        content--;
    size_t valid = text_utf8_valid_prefix(p, content);
    const char *nul = memchr(p, '\0', valid);
    if (nul || valid < content) {
        size_t at = nul ? (size_t)(nul - p) : valid;
        size_t column = r->line_chars + count_chars(p, at) + 1;
        if (nul)
            fail(r, r->line, "encoding",
                 "binary data, not CSV text: a NUL byte at column %zu", column);
        else
            fail(r, r->line, "encoding",
                 "not valid UTF-8: byte 0x%02X at column %zu (save the file "
                 "as \"CSV UTF-8\", or name its encoding with --encoding)",
                 (unsigned char)p[at], column);
        return false;
    }
    if (!r->separator_known && r->at_line_start) {
        char *text = xstrndup(p, content);
        bool used = before_header(r, text, content);
        free(text);
        if (used) {
            r->line += line_end;
            return true;
        }
    }
    if (r->separator_tentative && r->at_line_start &&
        r->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
        recheck_separator(r, p, content);
    if (r->at_line_start && r->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
        r->record.line = r->line;
    size_t done = csv_parse(&r->parser, p, len, on_field, on_record_end, r);
    if (r->failed || r->stopped)
        return false;
    if (done < len) {
        size_t column = r->line_chars + count_chars(p, done) + 1;
        char *near = excerpt(p, content, done);
        if (csv_error(&r->parser) == CSV_EPARSE)
            fail(r, r->line, "csv_syntax",
                 "malformed quoting at column %zu near %s: a quote inside a "
                 "field that does not start with one, or text after a "
                 "closing quote (a quote inside a quoted field is written "
                 "twice: \"\")",
                 column, near);
        else
            fail(r, r->line, "csv_syntax", "cannot parse column %zu near %s: %s",
                 column, near, csv_strerror(csv_error(&r->parser)));
        free(near);
        return false;
    }
    if (r->parser.entry_pos > CSVREAD_FIELD_MAX) {
        size_t shown = r->parser.entry_pos < 200 ? r->parser.entry_pos : 200;
        char *start = excerpt((const char *)r->parser.entry_buf, shown, 0);
        fail(r, r->record.line, "limit",
             "a field longer than %zu MiB in the record that starts on this "
             "line (it begins %s): is a closing quote missing?",
             CSVREAD_FIELD_MAX >> 20, start);
        free(start);
        return false;
    }
    if (line_end) {
        r->line++;
        r->line_chars = 0;
        r->at_line_start = true;
    } else {
        r->line_chars += count_chars(p, len);
        r->at_line_start = false;
    }
    return true;
}

/* The first CR or LF in data[i..limit), or limit. */
static size_t line_break(const char *data, size_t i, size_t limit)
{
    const char *lf = memchr(data + i, '\n', limit - i);
    size_t end = lf ? (size_t)(lf - data) : limit;
    const char *cr = memchr(data + i, '\r', end - i);
    return cr ? (size_t)(cr - data) : end;
}

/* Feeds text, split into pieces of at most one line (CRLF, LF or a lone
 * CR ends a line).  The caller never ends text between a CR and its LF, or
 * inside a UTF-8 sequence, unless it is the end of the file. */
static bool feed(reader *r, const char *data, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t limit = n - i > PIECE_BYTES ? i + PIECE_BYTES : n;
        size_t j = line_break(data, i, limit);
        bool line_end = j < limit;
        if (line_end) {
            j += data[j] == '\r' && j + 1 < n && data[j + 1] == '\n' ? 2 : 1;
        } else if (limit < n) {
            /* a long line cut in two: keep UTF-8 sequences whole */
            while (j > i + 1 && is_continuation((unsigned char)data[j]))
                j--;
        }
        if (!feed_piece(r, data + i, j - i, line_end))
            return false;
        i = j;
    }
    return true;
}

/* Bytes at the end of a chunk to keep for the next one: a UTF-8 sequence
 * not yet complete, or a CR whose LF may follow. */
static size_t held_tail(const char *buf, size_t n)
{
    if (n == 0)
        return 0;
    size_t k = n - 1;
    while (k > 0 && n - k < 4 && is_continuation((unsigned char)buf[k]))
        k--;
    unsigned char lead = (unsigned char)buf[k];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (need > n - k)
        return n - k;
    return buf[n - 1] == '\r' ? 1 : 0;
}

static bool is_utf8_name(const char *encoding)
{
    return strcasecmp_ascii(encoding, "UTF-8") == 0 ||
           strcasecmp_ascii(encoding, "UTF8") == 0;
}

bool csvread_encoding_known(const char *encoding)
{
    if (is_utf8_name(encoding))
        return true;
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return false;
    iconv_close(cd);
    return true;
}

/* Bytes Windows-874 defines above ASCII. */
static bool cp874_defined(unsigned char c)
{
    return c == 0x80 || c == 0x85 || (c >= 0x91 && c <= 0x97) ||
           (c >= 0xA0 && c <= 0xDA) || (c >= 0xDF && c <= 0xFB);
}

static bool cp874_thai(unsigned char c) { return c >= 0xA1 && c <= 0xFB; }

/* Vowel signs and tone marks written above or below a consonant. */
static bool cp874_combining(unsigned char c)
{
    return c == 0xD1 || (c >= 0xD4 && c <= 0xDA) || (c >= 0xE7 && c <= 0xEE);
}

/* Not UTF-8 but read as Windows-874, these bytes must look like Thai text:
 * only bytes that code page defines, no control characters, vowel signs
 * and tone marks only after a Thai character, and at least one word of
 * MIN_THAI_RUN Thai characters or a number of two Thai digits or more.  A Latin-1 "café" fails the third rule (é
 * would be a tone mark after "f"). */
enum { MIN_THAI_RUN = 3 };

static bool cp874_digit(unsigned char c) { return c >= 0xF0 && c <= 0xF9; }

static bool plausible_thai(const unsigned char *p, size_t n)
{
    size_t run = 0, longest_run = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        run = cp874_thai(c) ? run + 1 : 0;
        if (run > longest_run)
            longest_run = run;
        /* a number in Thai digits ("๑๗.๖๖") is Thai text too */
        bool mark = (c == '.' || c == ',') && digits;
        digits = cp874_digit(c) ? digits + 1 : mark ? digits : 0;
        if (digits >= 2 && longest_run < MIN_THAI_RUN)
            longest_run = MIN_THAI_RUN;
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return false;
            continue;
        }
        if (!cp874_defined(c))
            return false;
        if (cp874_combining(c) && (i == 0 || !cp874_thai(p[i - 1])))
            return false;
    }
    /* Thai words: an office name is a run of many Thai characters, while
     * a stray invalid byte or two is not text in any encoding. */
    return longest_run >= MIN_THAI_RUN;
}

/* UTF-16 without byte order mark shows as NUL bytes on one side of every
 * ASCII character and never on the other. */
static csv_encoding guess_utf16(const unsigned char *p, size_t n)
{
    size_t m = n < 4096 ? n & ~(size_t)1 : 4096;
    size_t zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < m; i += 2) {
        zero_even += p[i] == 0;
        zero_odd += p[i + 1] == 0;
    }
    size_t pairs = m / 2;
    if (pairs && zero_even == 0 && zero_odd * 4 >= pairs)
        return CSV_ENC_UTF16LE;
    if (pairs && zero_odd == 0 && zero_even * 4 >= pairs)
        return CSV_ENC_UTF16BE;
    return CSV_ENC_BINARY;
}

csv_encoding csvread_detect_encoding(const char *head, size_t n, bool whole)
{
    const unsigned char *p = (const unsigned char *)head;
    if (n >= 3 && memcmp(p, utf8_bom, 3) == 0)
        return CSV_ENC_UTF8_BOM;
    if (n >= 4 && memcmp(p, "\xFF\xFE\0\0", 4) == 0)
        return CSV_ENC_UTF32LE;
    if (n >= 4 && memcmp(p, "\0\0\xFE\xFF", 4) == 0)
        return CSV_ENC_UTF32BE;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return CSV_ENC_UTF16LE;
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return CSV_ENC_UTF16BE;
    if (memchr(p, 0, n))
        return guess_utf16(p, n);
    size_t valid = text_utf8_valid_prefix(head, n);
    if (valid == n)
        return CSV_ENC_UTF8;
    if (!whole && n - valid < 4 && held_tail(head, n) == n - valid)
        return CSV_ENC_UTF8;
    if (plausible_thai(p, n))
        return CSV_ENC_THAI;
    return CSV_ENC_INVALID;
}

const char *csvread_encoding_name(csv_encoding encoding)
{
    switch (encoding) {
    case CSV_ENC_UTF16LE: return "UTF-16LE";
    case CSV_ENC_UTF16BE: return "UTF-16BE";
    case CSV_ENC_UTF32LE: return "UTF-32LE";
    case CSV_ENC_UTF32BE: return "UTF-32BE";
    case CSV_ENC_THAI: return "CP874";
    default: return NULL;
    }
}

/* Line and column (1-based, in characters) just after n bytes of text. */
static void position_after(const char *text, size_t n, unsigned long *line,
                           size_t *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= n || text[i + 1] != '\n'))) {
            ++*line;
            *column = 1;
        } else if (c != '\r' && !is_continuation((unsigned char)c)) {
            ++*column;
        }
    }
}

char *csvread_convert(const char *data, size_t n, const char *encoding,
                      size_t *out_len, csv_bad_bytes *bad)
{
    *bad = (csv_bad_bytes){0};
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = n + n / 2 + 16;
    char *out = xmalloc(cap);
    char *in = (char *)data, *o = out;
    size_t in_left = n, o_left = cap - 1;
    /* After the input, one call without input flushes any shift state. */
    bool input_done = false;
    for (;;) {
        size_t rc = input_done ? iconv(cd, NULL, NULL, &o, &o_left)
                               : iconv(cd, &in, &in_left, &o, &o_left);
        if (rc != (size_t)-1) {
            if (input_done)
                break;
            input_done = true;
            continue;
        }
        size_t used = (size_t)(o - out);
        if (errno == E2BIG) {
            cap *= 2;
            out = xrealloc(out, cap);
            o = out + used;
            o_left = cap - used - 1;
            continue;
        }
        bad->offset = (size_t)(in - data);
        position_after(out, used, &bad->line, &bad->column);
        free(out);
        iconv_close(cd);
        return NULL;
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    iconv_close(cd);
    return out;
}

/* How the file was read, for messages. */
static const char *encoding_label(const char *iconv_name)
{
    if (strcmp(iconv_name, "CP874") == 0)
        return "Windows-874 (Thai)";
    return iconv_name;
}

/* Reads the rest of the stream after the n bytes already in *buf. */
static bool slurp(reader *r, FILE *in, char **buf, size_t *n)
{
    size_t cap = *n + CHUNK_BYTES;
    *buf = xrealloc(*buf, cap + 1);
    for (;;) {
        if (*n > CSVREAD_CONVERT_MAX) {
            fail(r, 0, "limit",
                 "the file is larger than %zu MiB and not UTF-8: save it as "
                 "\"CSV UTF-8\" to have it read as a stream",
                 CSVREAD_CONVERT_MAX >> 20);
            return false;
        }
        if (cap - *n < CHUNK_BYTES) {
            cap *= 2;
            *buf = xrealloc(*buf, cap + 1);
        }
        size_t got = read_bytes(r, in, *buf + *n, CHUNK_BYTES);
        *n += got;
        if (got < CHUNK_BYTES)
            break;
    }
    if (ferror(in)) {
        fail(r, 0, "file", "read error: %s", strerror(errno));
        return false;
    }
    return true;
}

static void feed_converted(reader *r, FILE *in, char **buf, size_t n,
                           const char *from, bool detected)
{
    if (!slurp(r, in, buf, &n))
        return;
    size_t len;
    csv_bad_bytes bad;
    char *text = csvread_convert(*buf, n, from, &len, &bad);
    if (!text) {
        if (bad.line == 0) {
            fail(r, 0, "encoding", "unknown encoding %s", from);
            return;
        }
        /* one code unit of the encoding: 4, 2 or 1 bytes */
        size_t unit = strstr(from, "32") ? 4 : strstr(from, "16") ? 2 : 1;
        char bytes[32] = "";
        for (size_t i = 0, o = 0; i < unit && bad.offset + i < n; i++)
            o += (size_t)snprintf(bytes + o, sizeof bytes - o, "%s0x%02X",
                                  i ? " " : "",
                                  (unsigned char)(*buf)[bad.offset + i]);
        fail(r, bad.line, "encoding",
             "invalid byte sequence for %s at column %zu: %s%s",
             encoding_label(from), bad.column, bytes,
             detected ? " (the encoding was guessed; name it with --encoding)"
                      : "");
        return;
    }
    if (detected && strcmp(from, "CP874") == 0)
        diag_add(r->diags, DIAG_NOTE, r->record.file, 0, NULL, "encoding",
                 "read as Windows-874 (Thai) text: save it as \"CSV UTF-8\" "
                 "so that its encoding need not be guessed");
    size_t skip = len >= 3 && memcmp(text, utf8_bom, 3) == 0 ? 3 : 0;
    feed(r, text + skip, len - skip);
    free(text);
}

static void feed_stream(reader *r, FILE *in, char *buf, size_t have, bool eof)
{
    size_t start = have >= 3 && memcmp(buf, utf8_bom, 3) == 0 ? 3 : 0;
    for (;;) {
        size_t keep = eof ? 0 : held_tail(buf + start, have - start);
        if (!feed(r, buf + start, have - start - keep) || eof)
            return;
        memmove(buf, buf + have - keep, keep);
        start = 0;
        size_t got = read_bytes(r, in, buf + keep, CHUNK_BYTES);
        have = keep + got;
        eof = got < CHUNK_BYTES;
        if (ferror(in)) {
            fail(r, r->line, "file", "read error: %s", strerror(errno));
            return;
        }
    }
}

/* Reads the first chunk and chooses the encoding; false after an error. */
static bool start_reading(reader *r, FILE *in, const char *encoding,
                          char *buf, size_t *have, const char **from)
{
    *have = read_bytes(r, in, buf, CHUNK_BYTES);
    if (ferror(in)) {
        fail(r, 0, "file", "read error: %s", strerror(errno));
        return false;
    }
    if (encoding)
        *from = is_utf8_name(encoding) ? NULL : encoding;
    else
        *from = csvread_encoding_name(
            csvread_detect_encoding(buf, *have, *have < CHUNK_BYTES));
    return true;
}

/* After the last byte: a quote still open is an error, and a file without
 * a record is empty. */
static void finish_reading(reader *r)
{
    if (!r->failed && !r->stopped) {
        size_t shown = r->parser.entry_pos < 200 ? r->parser.entry_pos : 200;
        char *open = excerpt(r->parser.entry_buf ? (const char *)r->parser.entry_buf
                                                 : "",
                             r->parser.entry_buf ? shown : 0, 0);
        if (csv_fini(&r->parser, on_field, on_record_end, r) != 0 && !r->failed)
            fail(r, r->record.line, "csv_syntax",
                 "a quote opened in the record that starts on this line is "
                 "never closed (the field begins %s)",
                 open);
        free(open);
    }
    if (!r->failed && !r->stopped && r->n_records == 0)
        fail(r, 0, "empty",
             r->line == 1 ? "the file is empty"
                          : "the file holds no data, only blank lines");
}

/* The hex digest into out when the stream was read to its end, else "". */
static void finish_digest(reader *r, char out[65])
{
    out[0] = '\0';
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(r->sha, md, &len) == 1 && len == 32 && r->at_eof)
        for (unsigned i = 0; i < len; i++)
            snprintf(out + 2 * i, 3, "%02x", md[i]);
    EVP_MD_CTX_free(r->sha);
}

bool csvread_stream_digest(const csv_stream *stream, csv_record_fn on_record,
                           void *ctx, diag_list *diags, char sha256_hex[65])
{
    FILE *in = stream->file;
    const char *name = stream->name, *encoding = stream->encoding;
    reader r = {.record = {.file = name, .separator = ','},
                .on_record = on_record, .ctx = ctx, .diags = diags,
                .line = 1, .at_line_start = true};
    if (csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
        diag_add(diags, DIAG_ERROR, name, 0, NULL, "file", "out of memory");
        return false;
    }
    if (sha256_hex) {
        r.sha = EVP_MD_CTX_new();
        if (r.sha && EVP_DigestInit_ex(r.sha, EVP_sha256(), NULL) != 1) {
            EVP_MD_CTX_free(r.sha);
            r.sha = NULL;
        }
    }
    csv_set_space_func(&r.parser, is_space);
    /* room for a chunk after the (at most 4) bytes held from the last */
    char *buf = xmalloc(CHUNK_BYTES + 8);
    size_t have;
    const char *from = NULL;
    if (start_reading(&r, in, encoding, buf, &have, &from)) {
        if (from)
            feed_converted(&r, in, &buf, have, from, encoding == NULL);
        else
            feed_stream(&r, in, buf, have, have < CHUNK_BYTES);
    }
    finish_reading(&r);
    if (sha256_hex && r.sha)
        finish_digest(&r, sha256_hex);
    else if (sha256_hex)
        sha256_hex[0] = '\0';
    clear_fields(&r);
    free(r.record.fields);
    free(r.field_at);
    free(r.text);
    free(buf);
    csv_free(&r.parser);
    return !r.failed;
}

bool csvread_stream(FILE *in, const char *name, const char *encoding,
                    csv_record_fn on_record, void *ctx, diag_list *diags)
{
    return csvread_stream_digest(&(csv_stream){in, name, encoding},
                                 on_record, ctx, diags, NULL);
}

char *csvread_display_name(const char *path, bool *converted)
{
    size_t n = strlen(path), len;
    csv_bad_bytes bad;
    char *text = NULL;
    *converted = false;
    if (!text_utf8_valid(path, n) &&
        csvread_detect_encoding(path, n, true) == CSV_ENC_THAI &&
        (text = csvread_convert(path, n, "CP874", &len, &bad)))
        *converted = true;
    char *out = text_escape_invalid(text ? text : path);
    *converted |= strcmp(out, path) != 0;
    free(text);
    return out;
}

const char *csvread_refused_kind(const struct stat *st, bool allow_pipe)
{
    if (S_ISREG(st->st_mode) || (allow_pipe && S_ISFIFO(st->st_mode)))
        return NULL;
    if (S_ISFIFO(st->st_mode))
        return "a named pipe";
    if (S_ISCHR(st->st_mode))
        return "a character device";
    if (S_ISBLK(st->st_mode))
        return "a block device";
    if (S_ISSOCK(st->st_mode))
        return "a socket";
    if (S_ISDIR(st->st_mode))
        return "a folder";
    return "not a regular file";
}

FILE *csvread_open(const char *path, const struct stat *st)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat now;
    if (fstat(fd, &now) != 0 || now.st_dev != st->st_dev ||
        now.st_ino != st->st_ino) {
        close(fd);
        errno = EAGAIN;
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    FILE *in = flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0
                   ? fdopen(fd, "rb")
                   : NULL;
    if (!in)
        close(fd);
    return in;
}

bool csvread_file_digest(const char *path, const char *encoding,
                         csv_record_fn on_record, void *ctx,
                         diag_list *diags, char sha256_hex[65])
{
    bool converted;
    char *name = csvread_display_name(path, &converted);
    struct stat st;
    const char *refused = NULL;
    FILE *in = NULL;
    if (sha256_hex)
        sha256_hex[0] = '\0';
    if (stat(path, &st) == 0 && !(refused = csvread_refused_kind(&st, true)))
        in = csvread_open(path, &st);
    bool ok = in != NULL;
    if (refused)
        diag_add(diags, DIAG_ERROR, name, 0, NULL, "file",
                 "refused: %s, not a file; it is not opened", refused);
    else if (!in)
        diag_add(diags, DIAG_ERROR, name, 0, NULL, "file",
                 "cannot open the file: %s", strerror(errno));
    else
        ok = csvread_stream_digest(&(csv_stream){in, name, encoding},
                                   on_record, ctx, diags, sha256_hex);
    if (in)
        fclose(in);
    free(name);
    return ok;
}

bool csvread_file_as(const char *path, const char *encoding,
                     csv_record_fn on_record, void *ctx, diag_list *diags)
{
    return csvread_file_digest(path, encoding, on_record, ctx, diags, NULL);
}

bool csvread_file(const char *path, csv_record_fn on_record, void *ctx,
                  diag_list *diags)
{
    return csvread_file_as(path, NULL, on_record, ctx, diags);
}

char *csvread_header_key(const char *cell)
{
    char *clean = text_clean(cell);
    size_t o = 0;
    for (const char *p = clean; *p; p++) {
        if (strchr(" _-.", *p))
            continue;
        clean[o++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
    }
    clean[o] = '\0';
    return clean;
}

int csvread_column(const csv_record *header, const char *name)
{
    char *want = csvread_header_key(name);
    int found = -1;
    for (size_t i = 0; i < header->n_fields && found < 0; i++) {
        char *key = csvread_header_key(header->fields[i]);
        if (strcmp(key, want) == 0)
            found = (int)i;
        free(key);
    }
    free(want);
    return found;
}

/* "F (6)" for the 0-based column 5. */
static char *column_label(size_t column)
{
    char letters[4];
    return xasprintf("%s (%zu)", diag_column_letters((unsigned)column + 1,
                                                     letters),
                     column + 1);
}

bool csvread_header_columns(const csv_record *header,
                            const csv_header_spec *spec, int *col,
                            diag_list *diags)
{
    const char *const *names = spec->names;
    size_t n = spec->n;
    const char *what = spec->what, *check = spec->check;
    bool ok = true;
    for (size_t k = 0; k < n; k++)
        col[k] = -1;
    for (size_t i = 0; i < header->n_fields; i++) {
        char *key = csvread_header_key(header->fields[i]);
        size_t k = 0;
        while (k < n) {
            char *want = csvread_header_key(names[k]);
            bool same = strcmp(key, want) == 0;
            free(want);
            if (same)
                break;
            k++;
        }
        char *label = column_label(i);
        if (k == n && *key) {
            char *q = text_quote_short(header->fields[i], 40);
            char *expected = xstrdup("");
            for (size_t j = 0; j < n; j++) {
                char *more = xasprintf("%s%s%s", expected, j ? ", " : "",
                                       names[j]);
                free(expected);
                expected = more;
            }
            diag_add(diags, DIAG_ERROR, header->file, header->line, NULL,
                     check, "unknown column %s in %s: %s (its columns are %s)",
                     label, what, q, expected);
            free(expected);
            free(q);
            ok = false;
        } else if (k < n && col[k] >= 0) {
            char *first = column_label((size_t)col[k]);
            diag_add(diags, DIAG_ERROR, header->file, header->line, NULL,
                     check, "column %s repeats column %s of %s: \"%s\"", label,
                     first, what, names[k]);
            free(first);
            ok = false;
        } else if (k < n) {
            col[k] = (int)i;
        }
        free(label);
        free(key);
    }
    for (size_t k = 0; k < spec->n_required; k++)
        if (col[k] < 0) {
            diag_add(diags, DIAG_ERROR, header->file, header->line, NULL,
                     check, "%s has no column %s", what, names[k]);
            ok = false;
        }
    return ok;
}

const char *csvread_field(const csv_record *record, int i)
{
    return i >= 0 && (size_t)i < record->n_fields ? record->fields[i] : "";
}
