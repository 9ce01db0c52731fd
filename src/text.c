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
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (len < 0)
        out_of_memory();
    char *p = xmalloc((size_t)len + 1);
    vsnprintf(p, (size_t)len + 1, fmt, ap);
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

/* Length of the UTF-8 sequence starting at s (at most n bytes available),
 * or 0 when it is not valid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
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
    return len;
}

bool text_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t len = utf8_seq_len(p + i, n - i);
        if (!len)
            return false;
        i += len;
    }
    return true;
}

/* Thai digits are U+0E50..U+0E59, encoded E0 B9 90..99. */
static bool is_thai_digit(const unsigned char *p)
{
    return p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99;
}

static bool is_nbsp(const unsigned char *p)
{
    return p[0] == 0xC2 && p[1] == 0xA0;
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
        size_t step = 1;
        if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n' ||
            p[i] == '\v' || p[i] == '\f') {
            space = true;
        } else if (i + 1 < n && is_nbsp(p + i)) {
            space = true;
            step = 2;
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
    static const char *const words[] = {"", "-", "n/a", "na", "#n/a"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strcasecmp_ascii(s, words[i]) == 0)
            return true;
    return false;
}

num_status text_parse_number(const char *s, double *out)
{
    char *clean = text_clean(s);
    num_status status = NUM_INVALID;
    size_t n = strlen(clean);
    if (is_missing_word(clean)) {
        status = NUM_EMPTY;
        goto done;
    }
    bool percent = n > 0 && clean[n - 1] == '%';
    if (percent)
        clean[--n] = '\0';
    while (n > 0 && clean[n - 1] == ' ')
        clean[--n] = '\0';

    /* Normalise separators: "1,234.5" drops the comma; a single comma with
     * no dot and not three digits after it ("83,35") is a decimal comma. */
    size_t commas = 0, dots = 0;
    for (size_t i = 0; i < n; i++) {
        commas += clean[i] == ',';
        dots += clean[i] == '.';
    }
    char *comma = strchr(clean, ',');
    bool decimal_comma = commas == 1 && dots == 0 && strlen(comma + 1) != 3;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (clean[i] == ',' && !decimal_comma)
            continue;
        clean[o++] = clean[i] == ',' ? '.' : clean[i];
    }
    clean[o] = '\0';

    /* strtod accepts hex, "inf" and "nan"; only plain decimals are scores. */
    for (size_t i = 0; i < o; i++) {
        char c = clean[i];
        if (!(isdigit((unsigned char)c) || c == '.' || c == '-' || c == '+' ||
              c == 'e' || c == 'E')) {
            status = (strcasecmp_ascii(clean, "nan") == 0 ||
                      strcasecmp_ascii(clean, "inf") == 0 ||
                      strcasecmp_ascii(clean, "-inf") == 0 ||
                      strcasecmp_ascii(clean, "infinity") == 0 ||
                      strcasecmp_ascii(clean, "-infinity") == 0)
                         ? NUM_NONFINITE
                         : NUM_INVALID;
            goto done;
        }
    }
    if (o == 0)
        goto done;
    char *end;
    errno = 0;
    double v = strtod(clean, &end);
    if (end == clean || *end != '\0')
        goto done;
    if (errno == ERANGE || !isfinite(v)) {
        status = NUM_NONFINITE;
        goto done;
    }
    *out = v;
    status = percent ? NUM_PERCENT : NUM_OK;
done:
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
