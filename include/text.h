/*
 * text: small string helpers shared by every module: checked allocation,
 * UTF-8 aware trimming and shortening, Thai digits, number and name parsing.
 *
 * Allocation helpers abort with a message when memory runs out; callers own
 * (and free) every string they return.
 */
#ifndef ITABENCH_TEXT_H
#define ITABENCH_TEXT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Decodes the UTF-8 character at s (n >= 1 bytes available): returns its
 * length and sets *code_point; returns 0 for an invalid sequence (bad
 * lead, short, overlong, surrogate) with *code_point U+FFFD, and callers
 * that go on step one byte.  A NUL never continues a sequence, so over a
 * NUL-terminated string n may be any bound >= 4 (TEXT_UTF8_MAX): decoding
 * stops at the NUL.  The one UTF-8 decoder of the program. */
#define TEXT_UTF8_MAX 4
size_t text_utf8_next(const char *s, size_t n, unsigned *code_point);

/* True when the n bytes at s are valid UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t n);

/* Length of the longest valid UTF-8 prefix of the n bytes at s: n when all
 * are valid, else the offset of the first byte of the first bad sequence. */
size_t text_utf8_valid_prefix(const char *s, size_t n);

/* The UTF-8-safe cut: the length of the longest prefix of the string s
 * that fits in max_bytes and ends at a character boundary, never before a
 * combining mark (a Thai vowel or tone mark stays with its consonant).
 * The one function that cuts user text to a size. */
size_t text_utf8_cut_len(const char *s, size_t max_bytes);

/* Copies src into dst of size bytes, NUL-terminated, cut where
 * text_utf8_cut_len says; true when the whole of src fits. */
bool text_utf8_copy(char *dst, size_t size, const char *src);

/* Appends the formatted text to s (NULL for none): returns the new
 * string, s freed.  For lists of user text of any length, instead of a
 * fixed buffer that would cut it. */
char *text_append(char *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Returns a new string: s with Thai digits (U+0E50..U+0E59) turned into
 * ASCII digits, non-breaking, thin, figure and ideographic spaces into
 * spaces, zero-width spaces, word joiners and stray byte order marks
 * removed, leading and trailing white space removed and inner runs of white
 * space folded to one space. */
char *text_clean(const char *s);

/* Returns a new string for use in messages: s cleaned, cut to at most
 * max_chars characters on a UTF-8 boundary ("…" marks a cut), quoted, and
 * with control bytes shown as '?'. */
char *text_quote_short(const char *s, size_t max_chars);

typedef enum {
    NUM_OK,        /* *out holds a finite number */
    NUM_EMPTY,     /* empty, "-", "N/A", "NA": missing */
    NUM_PERCENT,   /* a number followed by '%' */
    NUM_INVALID,   /* not a number at all */
    NUM_NONFINITE, /* nan, inf, or out of double's range */
    NUM_AMBIGUOUS, /* "1,250" in a comma file: 1.25 or 1250 (see below) */
} num_status;

/* Parses a score or count the way people type them in Thai spreadsheets:
 * Thai digits, surrounding and non-breaking spaces (text_clean), a Unicode
 * minus sign, thousands separators in groups of three ("1,234.5",
 * "1.234,5", "1 234"), a lone decimal comma ("83,35"), an exponent.  "",
 * "-", "–", "N/A", "NA", "#N/A", "null" are NUM_EMPTY; "nan", "inf",
 * "infinity" (any case and sign) and numbers beyond double's range are
 * NUM_NONFINITE (underflow gives a tiny number, NUM_OK); a trailing '%' is
 * NUM_PERCENT with *out set to the number before it.  Anything else,
 * including "12 34", "1,23,456" and hex, is NUM_INVALID.  *out is written
 * only for NUM_OK, NUM_PERCENT and NUM_AMBIGUOUS.  Never reads past s's
 * NUL. */
num_status text_parse_number(const char *s, double *out);

/* As text_parse_number, for a value read from a file separated by
 * file_separator (',', ';', '\t'; 0 = no file, as text_parse_number).  The
 * separator settles what a lone '.' or ',' before exactly three digits
 * ("96,250", "1.250") means, when the digits before it could be a first
 * thousands group (1-3 digits, not a lone 0):
 *   ';' file: ',' is the decimal comma; '.' is ambiguous;
 *   ',' or tab file: '.' is the decimal point; ',' is ambiguous;
 *   no file: '.' is the decimal point, ',' groups thousands.
 * An ambiguous value is NUM_AMBIGUOUS with the decimal reading in *out and
 * the thousands reading in *alt (when alt is not NULL).  Every other form
 * is read the same whatever the separator ("0,100" and ",100" are 0.1,
 * "83,35" is 83.35, "1,234.5" and "1.234,5" are 1234.5). */
num_status text_parse_number_in(const char *s, char file_separator,
                                double *out, double *alt);

/* Parses a whole non-negative integer (Thai digits allowed); false if s is
 * anything else. */
bool text_parse_int(const char *s, long *out);

/* Returns a new lookup key for an office or item name: cleaned, ASCII
 * letters lower-cased, and the Thai prefixes "สำนักงานเขต" and "เขต"
 * removed, so that "สำนักงานเขตธนบุรี", "เขต ธนบุรี" and "ธนบุรี" match. */
char *text_name_key(const char *s);

/* Returns a new key under which two spellings of one name compare equal:
 * cleaned (text_clean), ASCII letters lower-cased, SARA AM typed as
 * NIKHAHIT + SARA AA folded, and without spaces ("East  Bangkok",
 * "east bangkok", "โซน หนึ่ง" and "โซนหนึ่ง"); punctuation is kept. */
char *text_spelling_key(const char *s);

/* Returns a new string: s with every byte that is not part of valid UTF-8,
 * every control character but tab, and the bytes of U+FFFE and U+FFFF
 * (which XML forbids) written as the four characters \xNN, so that it can
 * go into XML and messages. */
char *text_escape_invalid(const char *s);

/* Removes control characters (C0 including tab, DEL, C1) and U+FFFE and
 * U+FFFF from the UTF-8 string s in place; returns how many were removed.  For names that reach
 * workbooks, where XML forbids them. */
size_t text_strip_controls(char *s);

/* Returns a new string: the ASCII letters of s lower-cased. */
char *text_ascii_lower(const char *s);

/* The edit distance (Levenshtein: insertions, deletions, substitutions)
 * between a and b counted in Unicode characters; SIZE_MAX when either has
 * more than TEXT_DISTANCE_MAX characters. */
#define TEXT_DISTANCE_MAX 128
size_t text_edit_distance(const char *a, const char *b);

/* Returns a new key for "did you mean" comparisons: text_name_key without
 * spaces, hyphens, dots, underscores and apostrophes, so that "Thonburi" and
 * "Thon Buri", "--lang" and "lang" compare equal. */
char *text_suggest_key(const char *s);

/* True when `candidate` (a text_suggest_key) is close enough to `typed`
 * (another) to be suggested: at most 1 edit for up to 4 characters, else
 * a third of the typed characters; `*distance` gets the distance. */
bool text_is_near(const char *typed, const char *candidate, size_t *distance);

/* strcmp that ignores the case of ASCII letters. */
int strcasecmp_ascii(const char *a, const char *b);

/* The 64-bit FNV-1a hash of the NUL-terminated text s, for the program's
 * bounded caches; its length in bytes goes to *len when len is not NULL. */
uint64_t text_hash(const char *s, size_t *len);

/* Whether typed is the text written with nothing changed but line breaks:
 * a '\n' (or "\r\n") where written has none, or in place of its spaces,
 * and spaces and line breaks at the end of either.  How a text itabench
 * wrote with its lines broken (textlayout_wrap) is told from an edit when
 * it is read back: a spreadsheet keeps the breaks, a person may also add
 * one.  Either may be NULL (then only NULL and "" are the same). */
bool text_same_but_breaks(const char *typed, const char *written);

#endif
