#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
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

size_t text_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are most of every file: skip them without decoding */
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

num_status text_parse_number(const char *s, double *out)
{
    char *clean = text_clean(s);
    replace_seq(clean, "\xE2\x88\x92", '-'); /* − minus sign */
    replace_seq(clean, "\xEF\xBC\x85", '%'); /* ％ full-width percent */
    num_status status = NUM_INVALID;
    size_t n = strlen(clean);
    char *canon = xmalloc(n + 2);
    size_t o = 0;
    if (is_missing_word(clean)) {
        status = NUM_EMPTY;
        goto done;
    }
    bool percent = n > 0 && clean[n - 1] == '%';
    if (percent)
        clean[--n] = '\0';
    while (n > 0 && clean[n - 1] == ' ')
        clean[--n] = '\0';
    if (is_nonfinite_word(clean)) {
        status = NUM_NONFINITE;
        goto done;
    }

    const char *p = clean;
    if (*p == '+' || *p == '-') {
        canon[o++] = *p++;
        if (*p == ' ')
            p++;
    }
    /* mantissa [e exponent] */
    const char *exp = strpbrk(p, "eE");
    size_t mant_len = exp ? (size_t)(exp - p) : strlen(p);
    if (exp) {
        const char *e = exp + 1;
        if (*e == '+' || *e == '-')
            e++;
        if (!*e || !all_digits(e, strlen(e)))
            goto done;
    }

    /* The decimal separator: the last of '.' and ',' when both appear;
     * a lone comma not followed by exactly three digits ("83,35"); a lone
     * dot.  Repeated, the character only groups thousands. */
    size_t dots = 0, commas = 0;
    const char *last_dot = NULL, *last_comma = NULL;
    for (size_t i = 0; i < mant_len; i++) {
        if (p[i] == '.')
            dots++, last_dot = p + i;
        else if (p[i] == ',')
            commas++, last_comma = p + i;
    }
    const char *decimal = NULL;
    const char *groups = " ";
    if (dots && commas) {
        decimal = last_dot > last_comma ? last_dot : last_comma;
        groups = *decimal == '.' ? " ," : " .";
        if ((*decimal == '.' ? dots : commas) != 1)
            goto done;
    } else if (commas == 1) {
        size_t after = mant_len - (size_t)(last_comma - p) - 1;
        bool thousands = after == 3 && last_comma > p;
        decimal = thousands ? NULL : last_comma;
        groups = thousands ? " ," : " ";
    } else if (commas > 1) {
        groups = " ,";
    } else if (dots == 1) {
        decimal = last_dot;
    } else if (dots > 1) {
        groups = " .";
    }
    size_t int_len = decimal ? (size_t)(decimal - p) : mant_len;
    size_t first_digit = o;
    if (!integer_part(p, int_len, groups, canon, &o))
        goto done;
    if (decimal) {
        size_t frac_len = mant_len - int_len - 1;
        if (!all_digits(decimal + 1, frac_len))
            goto done;
        canon[o++] = '.';
        memcpy(canon + o, decimal + 1, frac_len);
        o += frac_len;
    }
    /* at least one digit, and no digit-less "." or "," */
    bool has_digit = false;
    for (size_t i = first_digit; i < o; i++)
        has_digit |= isdigit((unsigned char)canon[i]) != 0;
    if (!has_digit)
        goto done;
    if (exp) {
        size_t exp_len = strlen(exp);
        canon = xrealloc(canon, o + exp_len + 1);
        memcpy(canon + o, exp, exp_len);
        o += exp_len;
    }
    canon[o] = '\0';

    char *end;
    errno = 0;
    double v = strtod(canon, &end);
    if (end == canon || *end != '\0')
        goto done;
    /* ERANGE also flags underflow, which is a fine (tiny) number */
    if (!isfinite(v) || (errno == ERANGE && fabs(v) >= 1.0)) {
        status = NUM_NONFINITE;
        goto done;
    }
    *out = v;
    status = percent ? NUM_PERCENT : NUM_OK;
done:
    free(canon);
    free(clean);
    return status;
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

char *text_name_key(const char *s)
{
    static const char *const prefixes[] = {"สำนักงานเขต", "เขต"};
    char *clean = text_clean(s);
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
