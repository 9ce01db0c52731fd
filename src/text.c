#include <stdarg.h>
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
    fputs("itabench: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    /* vasprintf (GNU) sizes the buffer itself; measuring first with
     * vsnprintf(NULL, 0, ...) trips gcc's format checks under UBSan. */
    char *p;
    if (vasprintf(&p, fmt, ap) < 0)
        out_of_memory();
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

size_t text_utf8_next(const char *str, size_t n, unsigned *code_point)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    size_t len;
    unsigned min;
    *code_point = 0xFFFD;
    if (c < 0x80) {
        *code_point = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    if (len > n)
        return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *code_point = cp;
    return len;
}

/* Length of the UTF-8 sequence starting at s (at most n bytes available),
 * or 0 when it is not valid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned cp;
    return text_utf8_next((const char *)s, n, &cp);
}

/* A mark that combines with the character before it (Thai vowels above
 * and below, tone marks; the general combining diacritics): a cut before
 * it would leave the mark on a line of its own. */
static bool combines(unsigned cp)
{
    return cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
           (cp >= 0x0E47 && cp <= 0x0E4E) || (cp >= 0x0300 && cp <= 0x036F);
}

size_t text_utf8_cut_len(const char *s, size_t max_bytes)
{
    size_t cut = 0, i = 0;
    while (s[i]) {
        unsigned cp;
        size_t len = text_utf8_next(s + i, TEXT_UTF8_MAX, &cp);
        if (len == 0)
            len = 1;   /* a bad byte stands alone */
        if (!combines(cp) || i == 0)
            cut = i;
        if (i + len > max_bytes)
            return cut;
        i += len;
    }
    return i;
}

char *text_append(char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *more = xvasprintf(fmt, ap);
    va_end(ap);
    char *joined = xasprintf("%s%s", s ? s : "", more);
    free(more);
    free(s);
    return joined;
}

bool text_utf8_copy(char *dst, size_t size, const char *src)
{
    if (size == 0)
        return !*src;
    size_t n = text_utf8_cut_len(src, size - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
    return src[n] == '\0';
}

size_t text_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are most of every file: skip them without decoding,
         * eight bytes at a time */
        uint64_t word;
        if (n - i >= 8 && (memcpy(&word, p + i, 8),
                           (word & 0x8080808080808080ULL) == 0)) {
            i += 8;
            continue;
        }
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = utf8_seq_len(p + i, n - i);
        if (!len)
            return i;
        i += len;
    }
    return n;
}

bool text_utf8_valid(const char *s, size_t n)
{
    return text_utf8_valid_prefix(s, n) == n;
}

/* Thai digits are U+0E50..U+0E59, encoded E0 B9 90..99. */
static bool is_thai_digit(const unsigned char *p)
{
    return p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99;
}

/* Spaces other than ASCII that people paste from web pages and Word:
 * no-break, figure, thin, narrow no-break and ideographic space.  Returns
 * the length of the one at p (n bytes left), or 0. */
static size_t unicode_space_len(const unsigned char *p, size_t n)
{
    if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        (p[2] == 0x87 || p[2] == 0x89 || p[2] == 0xAF))
        return 3;
    if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return 3;
    return 0;
}

/* Invisible characters that only get in the way of matching: zero-width
 * space (common in Thai text, which has no spaces between words), word
 * joiner and a byte order mark inside the text.  Returns the length of the
 * one at p, or 0. */
static size_t invisible_len(const unsigned char *p, size_t n)
{
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x8B)
        return 3;
    if (n >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0xA0)
        return 3;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return 3;
    return 0;
}

char *text_clean(const char *s)
{
    size_t n = strlen(s);
    char *out = xmalloc(n + 1);
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    bool pending_space = false;
    for (size_t i = 0; i < n;) {
        if (p[i] > ' ' && p[i] < 0x80) {  /* printable ASCII: kept as is */
            if (pending_space)
                out[o++] = ' ';
            pending_space = false;
            out[o++] = (char)p[i++];
            continue;
        }
        bool space = false;
        char ch = 0;
        size_t step = 1, special;
        if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n' ||
            p[i] == '\v' || p[i] == '\f') {
            space = true;
        } else if ((special = unicode_space_len(p + i, n - i)) != 0) {
            space = true;
            step = special;
        } else if ((special = invisible_len(p + i, n - i)) != 0) {
            i += special;
            continue;
        } else if (i + 2 < n && is_thai_digit(p + i)) {
            ch = (char)('0' + (p[i + 2] - 0x90));
            step = 3;
        }
        if (space) {
            pending_space = o > 0;
        } else {
            if (pending_space)
                out[o++] = ' ';
            pending_space = false;
            if (ch)
                out[o++] = ch;
            else
                memcpy(out + o, p + i, step), o += step;
        }
        i += step;
    }
    out[o] = '\0';
    return out;
}

char *text_quote_short(const char *s, size_t max_chars)
{
    char *clean = text_clean(s);
    const unsigned char *p = (const unsigned char *)clean;
    size_t n = strlen(clean), i = 0, chars = 0;
    char *out = xmalloc(n + 8);
    size_t o = 0;
    out[o++] = '"';
    while (i < n && chars < max_chars) {
        size_t len = utf8_seq_len(p + i, n - i);
        if (!len) {
            out[o++] = '?';
            i++;
        } else if (len == 1 && (p[i] < 0x20 || p[i] == 0x7F)) {
            out[o++] = '?';
            i++;
        } else {
            memcpy(out + o, p + i, len);
            o += len;
            i += len;
        }
        chars++;
    }
    if (i < n) {
        memcpy(out + o, "\xE2\x80\xA6", 3); /* … */
        o += 3;
    }
    out[o++] = '"';
    out[o] = '\0';
    free(clean);
    return out;
}

static bool is_missing_word(const char *s)
{
    static const char *const words[] = {
        "", "-", "--", "\xE2\x80\x93" /* – */, "\xE2\x80\x94" /* — */,
        "n/a", "na", "#n/a", "n.a.", "null"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcasecmp_ascii(s, words[i]) == 0)
            return true;
    return false;
}

static bool is_nonfinite_word(const char *s)
{
    static const char *const words[] = {"nan", "inf", "infinity", "#num!"};
    if (*s == '+' || *s == '-')
        s++;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcasecmp_ascii(s, words[i]) == 0)
            return true;
    return false;
}

/* Replaces every occurrence of the UTF-8 sequence `from` in s by the single
 * byte `to`, in place. */
static void replace_seq(char *s, const char *from, char to)
{
    size_t len = strlen(from);
    char *w = s;
    for (const char *r = s; *r;) {
        if (strncmp(r, from, len) == 0) {
            *w++ = to;
            r += len;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* The integer part of a number, s[0..n), with grouping characters among
 * `groups`: digits only, or groups of three after a first group of one to
 * three ("1,234,567", "1 234").  Appends the digits to out. */
static bool integer_part(const char *s, size_t n, const char *groups,
                         char *out, size_t *o)
{
    size_t group = 0, n_groups = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && isdigit((unsigned char)s[i])) {
            out[(*o)++] = s[i];
            group++;
            continue;
        }
        if (i < n && !strchr(groups, s[i]))
            return false;
        /* a group ends here: the first may be 1-3 digits, the rest 3 */
        bool grouped = n_groups > 0 || i < n;
        if (grouped && (n_groups == 0 ? group < 1 || group > 3 : group != 3))
            return false;
        n_groups++;
        group = 0;
    }
    return true;
}

/* What the '.' and ',' of a mantissa mean (README "Numbers"). */
typedef struct {
    const char *decimal;   /* the decimal mark, or NULL */
    const char *groups;    /* characters that group thousands */
    bool ambiguous;        /* a lone mark before three digits that the file
                              separator does not settle: `decimal` holds the
                              mark, read either way by the caller */
} mark_reading;

/* A lone mark at m in p[0..n) could group thousands: three digits follow
 * and the digits before form a valid first group (1-3 digits, not a
 * leading zero: "0,100" is never one hundred). */
static bool could_group(const char *p, size_t n, const char *m)
{
    size_t after = n - (size_t)(m - p) - 1, before = (size_t)(m - p);
    if (after != 3 || before == 0 || !all_digits(m + 1, 3))
        return false;
    const char *lead = p;
    for (const char *q = p; q < m; q++)
        if (*q == ' ')
            lead = q + 1;
    size_t lead_len = (size_t)(m - lead);
    return lead_len >= 1 && lead_len <= 3 && !(lead == p && *lead == '0');
}

/* A lone mark that could group: what the file's separator says. */
static mark_reading lone_mark(const char *mark, char file_separator)
{
    bool comma = *mark == ',';
    if (file_separator == 0)       /* no file: "1,234" and "1.5" */
        return comma ? (mark_reading){NULL, " ,", false}
                     : (mark_reading){mark, " ", false};
    if (file_separator == ';')     /* decimal-comma locales */
        return comma ? (mark_reading){mark, " ", false}
                     : (mark_reading){mark, " ", true};
    return comma ? (mark_reading){mark, " ", true}
                 : (mark_reading){mark, " ", false};
}

static mark_reading read_marks(const char *p, size_t n, char file_separator)
{
    size_t dots = 0, commas = 0;
    const char *last_dot = NULL, *last_comma = NULL;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.')
            dots++, last_dot = p + i;
        else if (p[i] == ',')
            commas++, last_comma = p + i;
    }
    if (dots && commas) {
        /* the last is the decimal mark and appears once */
        const char *decimal = last_dot > last_comma ? last_dot : last_comma;
        if ((*decimal == '.' ? dots : commas) != 1)
            return (mark_reading){NULL, NULL, false};
        return (mark_reading){decimal, *decimal == '.' ? " ," : " .", false};
    }
    if (dots + commas > 1)  /* repeated: only groups thousands */
        return (mark_reading){NULL, commas ? " ," : " .", false};
    const char *mark = dots ? last_dot : last_comma;
    if (!mark)
        return (mark_reading){NULL, " ", false};
    if (!could_group(p, n, mark))
        return (mark_reading){mark, " ", false};
    return lone_mark(mark, file_separator);
}

/* Writes the canonical form of the mantissa p[0..n) (digits, one '.') to
 * canon at *o, reading `decimal` as the decimal mark and `groups` as
 * grouping.  False when the text is not such a number. */
static bool canonical_mantissa(const char *p, size_t n, const char *decimal,
                               const char *groups, char *canon, size_t *o)
{
    size_t int_len = decimal ? (size_t)(decimal - p) : n;
    size_t first_digit = *o;
    if (!groups || !integer_part(p, int_len, groups, canon, o))
        return false;
    if (decimal) {
        size_t frac_len = n - int_len - 1;
        if (!all_digits(decimal + 1, frac_len))
            return false;
        canon[(*o)++] = '.';
        memcpy(canon + *o, decimal + 1, frac_len);
        *o += frac_len;
    }
    /* at least one digit, and no digit-less "." or "," */
    for (size_t i = first_digit; i < *o; i++)
        if (isdigit((unsigned char)canon[i]))
            return true;
    return false;
}

/* strtod of a canonical number: NUM_OK, NUM_NONFINITE or NUM_INVALID. */
static num_status to_double(const char *canon, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(canon, &end);
    if (end == canon || *end != '\0')
        return NUM_INVALID;
    /* ERANGE also flags underflow, which is a fine (tiny) number */
    if (!isfinite(v) || (errno == ERANGE && fabs(v) >= 1.0))
        return NUM_NONFINITE;
    *out = v;
    return NUM_OK;
}

/* A number's text cut into its parts (parse_clean). */
typedef struct {
    const char *sign;       /* "", "+" or "-" */
    const char *mantissa;   /* the digits and marks, up to exp */
    size_t mant_len;
    const char *exp;        /* "e[+-]digits", or NULL */
} num_parts;

/* One reading of the signed mantissa and exponent: `decimal`/`groups` as
 * read_marks chose or as forced for an ambiguous mark. */
static num_status read_as(const num_parts *num, const char *decimal,
                          const char *groups, double *out)
{
    const char *exp = num->exp;
    size_t n = strlen(num->mantissa) + 4;
    char small[128];
    char *canon = n <= sizeof small ? small : xmalloc(n);
    size_t o = 0;
    if (*num->sign)
        canon[o++] = *num->sign;
    num_status st = NUM_INVALID;
    if (canonical_mantissa(num->mantissa, num->mant_len, decimal, groups,
                           canon, &o)) {
        size_t exp_len = exp ? strlen(exp) : 0;
        memcpy(canon + o, exp ? exp : "", exp_len);
        canon[o + exp_len] = '\0';
        st = to_double(canon, out);
    }
    if (canon != small)
        free(canon);
    return st;
}

/* An exponent "e[+-]digits" at exp, or none; false when malformed. */
static bool exponent_ok(const char *exp)
{
    if (!exp)
        return true;
    const char *e = exp + 1;
    if (*e == '+' || *e == '-')
        e++;
    return *e && all_digits(e, strlen(e));
}

/* Parses the cleaned text s (no '%', no missing word). */
static num_status parse_clean(const char *s, char file_separator, double *out,
                              double *alt)
{
    if (is_nonfinite_word(s))
        return NUM_NONFINITE;
    char sign[2] = "";
    if (*s == '+' || *s == '-') {
        sign[0] = *s++;
        if (*s == ' ')
            s++;
    }
    const char *exp = strpbrk(s, "eE");
    size_t mant_len = exp ? (size_t)(exp - s) : strlen(s);
    if (!exponent_ok(exp))
        return NUM_INVALID;
    mark_reading m = read_marks(s, mant_len, file_separator);
    const num_parts num = {sign, s, mant_len, exp};
    num_status st = read_as(&num, m.decimal, m.groups, out);
    if (st != NUM_OK || !m.ambiguous)
        return st;
    double grouped;
    const char *groups = *m.decimal == ',' ? " ," : " .";
    if (read_as(&num, NULL, groups, &grouped) != NUM_OK)
        return NUM_OK;
    if (alt)
        *alt = grouped;
    return NUM_AMBIGUOUS;
}

/* Powers of ten that a double holds exactly. */
static const double exact_pow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The common case, without cleaning or copying: plain ASCII digits with
 * at most one '.' between digits ("86.91", "275"), which every rule of
 * parse_clean reads as the number strtod gives (a '.' is the decimal
 * point unless the file is separated by ';', where "1.250" is ambiguous:
 * such values take the general path).  With at most 15 digits the value
 * is computed exactly as strtod would round it: the digits and the power
 * of ten are exact doubles and one division rounds correctly.  False when
 * s is not of this form (nothing is written then). */
static bool plain_number(const char *s, char file_separator, double *out)
{
    uint64_t mantissa = 0;
    size_t digits = 0, frac = 0;
    bool point = false;
    const char *p = s;
    for (;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= '0' && c <= '9') {
            mantissa = mantissa * 10 + (c - '0');
            digits++;
            frac += point;
            if (digits > 15)
                return false;
        } else if (c == '.' && !point && digits > 0 &&
                   file_separator != ';') {
            point = true;
        } else {
            break;
        }
    }
    if (*p != '\0' || digits == 0 || (point && frac == 0))
        return false;
    *out = (double)mantissa / exact_pow10[frac];
    return true;
}

num_status text_parse_number_in(const char *s, char file_separator,
                                double *out, double *alt)
{
    if (plain_number(s, file_separator, out))
        return NUM_OK;
    char *clean = text_clean(s);
    replace_seq(clean, "\xE2\x88\x92", '-'); /* − minus sign */
    replace_seq(clean, "\xEF\xBC\x85", '%'); /* ％ full-width percent */
    num_status st = NUM_EMPTY;
    size_t n = strlen(clean);
    if (!is_missing_word(clean)) {
        bool percent = n > 0 && clean[n - 1] == '%';
        if (percent)
            clean[--n] = '\0';
        while (n > 0 && clean[n - 1] == ' ')
            clean[--n] = '\0';
        st = parse_clean(clean, file_separator, out, alt);
        if (percent && st == NUM_OK)
            st = NUM_PERCENT;
    }
    free(clean);
    return st;
}

num_status text_parse_number(const char *s, double *out)
{
    return text_parse_number_in(s, 0, out, NULL);
}

bool text_parse_int(const char *s, long *out)
{
    char *clean = text_clean(s);
    bool ok = clean[0] != '\0' && strlen(clean) <= 9;
    for (const char *p = clean; ok && *p; p++)
        ok = isdigit((unsigned char)*p);
    if (ok)
        *out = strtol(clean, NULL, 10);
    free(clean);
    return ok;
}

int strcasecmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

char *text_ascii_lower(const char *s)
{
    char *out = xstrdup(s);
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return out;
}

/* Thai SARA AM (U+0E33) is also typed as NIKHAHIT (U+0E4D) + SARA AA
 * (U+0E32), with a tone mark (U+0E48..U+0E4B) between or before: all are
 * folded to tone mark + SARA AM, in place. */
static void fold_sara_am(char *s)
{
    static const char nikhahit[] = "\xE0\xB9\x8D", sara_aa[] = "\xE0\xB8\xB2";
    char *w = s;
    for (char *r = s; *r;) {
        if (strncmp(r, nikhahit, 3) == 0) {
            const char *q = r + 3;
            bool tone = (unsigned char)q[0] == 0xE0 &&
                        (unsigned char)q[1] == 0xB9 &&
                        (unsigned char)q[2] >= 0x88 &&
                        (unsigned char)q[2] <= 0x8B;
            if (strncmp(q + (tone ? 3 : 0), sara_aa, 3) == 0) {
                if (tone)
                    memmove(w, q, 3), w += 3;
                memcpy(w, "\xE0\xB8\xB3", 3);
                w += 3;
                r = (char *)q + (tone ? 6 : 3);
                continue;
            }
        }
        *w++ = *r++;
    }
    *w = '\0';
}

char *text_name_key(const char *s)
{
    static const char *const prefixes[] = {"สำนักงานเขต", "เขต"};
    char *clean = text_clean(s);
    fold_sara_am(clean);
    char *start = clean;
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t len = strlen(prefixes[i]);
        if (strncmp(start, prefixes[i], len) == 0 && start[len] != '\0') {
            start += len;
            while (*start == ' ')
                start++;
            break;
        }
    }
    char *key = text_ascii_lower(start);
    free(clean);
    return key;
}

char *text_spelling_key(const char *s)
{
    char *clean = text_clean(s);
    fold_sara_am(clean);
    size_t o = 0;
    for (const char *p = clean; *p; p++)
        if (*p != ' ')
            clean[o++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
    clean[o] = '\0';
    return clean;
}

/* A byte that must not reach a workbook: C0 controls but tab, and DEL. */
static bool is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7F;
}

/* U+FFFE and U+FFFF (EF BF BE, EF BF BF): valid UTF-8 that XML 1.0
 * forbids all the same. */
static bool is_xml_nonchar(const unsigned char *p)
{
    return p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF);
}

char *text_escape_invalid(const char *s)
{
    size_t n = strlen(s), o = 0;
    char *out = xmalloc(4 * n + 1);
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_seq_len(p + i, n - i);
        if (len == 0 || (len == 1 && is_control(p[i])) ||
            (len == 3 && is_xml_nonchar(p + i))) {
            o += (size_t)sprintf(out + o, "\\x%02X", p[i]);
            i++;
            continue;
        }
        memcpy(out + o, p + i, len);
        o += len;
        i += len;
    }
    out[o] = '\0';
    return out;
}

size_t text_strip_controls(char *s)
{
    size_t removed = 0;
    char *w = s;
    for (const char *r = s; *r; r++) {
        /* C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8 */
        if ((unsigned char)r[0] == 0xC2 && (unsigned char)r[1] >= 0x80 &&
            (unsigned char)r[1] <= 0x9F) {
            r++;
            removed++;
        } else if (is_xml_nonchar((const unsigned char *)r)) {
            r += 2;
            removed++;
        } else if (is_control((unsigned char)*r) || *r == '\t') {
            removed++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return removed;
}

/* Decodes s into code points (invalid bytes count as one each); returns
 * how many, or SIZE_MAX past max. */
static size_t code_points(const char *s, unsigned *out, size_t max)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        if (n == max)
            return SIZE_MAX;
        unsigned c = *p++;
        if (c >= 0xC0)
            while ((*p & 0xC0) == 0x80)
                c = (c << 6) | (*p++ & 0x3F);
        out[n] = c;
    }
    return n;
}

size_t text_edit_distance(const char *a, const char *b)
{
    unsigned x[TEXT_DISTANCE_MAX], y[TEXT_DISTANCE_MAX];
    size_t n = code_points(a, x, TEXT_DISTANCE_MAX);
    size_t m = code_points(b, y, TEXT_DISTANCE_MAX);
    if (n == SIZE_MAX || m == SIZE_MAX)
        return SIZE_MAX;
    size_t row[TEXT_DISTANCE_MAX + 1];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t above = row[j];
            size_t best = diagonal + (x[i - 1] != y[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[m];
}

char *text_suggest_key(const char *s)
{
    char *key = text_name_key(s);
    size_t o = 0;
    for (size_t i = 0; key[i]; i++)
        if (!strchr(" -._'", key[i]))
            key[o++] = key[i];
    key[o] = '\0';
    return key;
}

bool text_is_near(const char *typed, const char *candidate, size_t *distance)
{
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)typed; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    size_t limit = chars <= 4 ? 1 : chars / 3;
    *distance = text_edit_distance(typed, candidate);
    return *distance <= limit;
}

uint64_t text_hash(const char *s, size_t *len)
{
    uint64_t h = 14695981039346656037ULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0;
    for (; p[n]; n++)
        h = (h ^ p[n]) * 1099511628211ULL;
    if (len)
        *len = n;
    return h;
}

/* Past the spaces and line breaks that end s (or none). */
static bool at_end(const char *s)
{
    return s[strspn(s, " \n\r")] == '\0';
}

bool text_same_but_breaks(const char *typed, const char *written)
{
    const char *t = typed ? typed : "", *w = written ? written : "";
    while (*t && *w) {
        if (*t == *w) {
            t++;
            w++;
        } else if (*t == '\n' || (*t == '\r' && t[1] == '\n')) {
            t += *t == '\r' ? 2 : 1;   /* a break put in, maybe for spaces */
            w += strspn(w, " ");
        } else {
            return false;
        }
    }
    return at_end(t) && at_end(w);
}
