/* Number formats with Thai digits (thai_digits.h). */
#include "thai_digits.h"
#include "text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The Thai digit of an ASCII digit, in UTF-8 (U+0E50..U+0E59: three
 * bytes, E0 B9 90+d). */
static void put_thai_digit(char *out, size_t *n, char digit)
{
    out[(*n)++] = (char)0xE0;
    out[(*n)++] = (char)0xB9;
    out[(*n)++] = (char)(0x90 + (digit - '0'));
}

/* Length of a "[$-hex]" locale code at s (0 when there is none) and its
 * value in *code. */
static size_t locale_code(const char *s, unsigned long *code)
{
    if (strncmp(s, "[$-", 3) != 0)
        return 0;
    char *end;
    *code = strtoul(s + 3, &end, 16);
    return end > s + 3 && *end == ']' ? (size_t)(end - s) + 1 : 0;
}

/* One section (length len at s) into out at *n: the Thai digits locale
 * code first, unless the section has its own, whose digits byte is set
 * instead. */
static void put_section(char *out, size_t *n, const char *s, size_t len)
{
    bool has_code = false;
    for (size_t i = 0; i + 3 < len; i++) {
        unsigned long code;
        if (s[i] == '"')   /* a literal: no code inside */
            while (++i < len && s[i] != '"')
                ;
        else if (locale_code(s + i, &code))
            has_code = true;
    }
    if (!has_code) {
        memcpy(out + *n, THAI_DIGITS_LOCALE, strlen(THAI_DIGITS_LOCALE));
        *n += strlen(THAI_DIGITS_LOCALE);
    }
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        unsigned long code;
        size_t skip;
        if (s[i] == '"')
            quoted = !quoted;
        if (!quoted && (skip = locale_code(s + i, &code)) && skip <= len - i) {
            /* keep calendar and language; Thai when none is named */
            code = (code & 0x00FFFFFFUL) | 0x0D000000UL;
            if ((code & 0xFFFFUL) == 0)
                code |= 0x041EUL;
            char *text = xasprintf("[$-%lX]", code);
            memcpy(out + *n, text, strlen(text));
            *n += strlen(text);
            free(text);
            i += skip - 1;
        } else if (quoted && s[i] >= '0' && s[i] <= '9') {
            put_thai_digit(out, n, s[i]);
        } else {
            out[(*n)++] = s[i];
        }
    }
}

char *thai_digits_format(const char *fmt)
{
    if (!fmt || !*fmt)
        fmt = "General";
    size_t len = strlen(fmt);
    /* each section grows by a code (or a code changes length by at most
     * two) and each digit by two bytes */
    size_t sections = 1;
    for (size_t i = 0; i < len; i++)
        sections += fmt[i] == ';';
    char *out = xmalloc(3 * len + sections * (strlen(THAI_DIGITS_LOCALE) + 4) + 1);
    size_t n = 0, start = 0;
    bool quoted = false;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && fmt[i] == '"')
            quoted = !quoted;
        if (i == len || (!quoted && fmt[i] == ';')) {
            put_section(out, &n, fmt + start, i - start);
            if (i < len)
                out[n++] = ';';
            start = i + 1;
        }
    }
    out[n] = '\0';
    return out;
}

/* Whether c is an ASCII letter: a digit run right after one is part of
 * an identifier (I4, O43, IND1), which keeps its digits. */
static bool ascii_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

char *thai_digits_text(const char *text)
{
    size_t len = strlen(text);
    /* a Thai digit takes three bytes where an ASCII digit took one */
    char *out = xmalloc(3 * len + 1);
    size_t n = 0;
    bool in_identifier = false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        bool digit = c >= '0' && c <= '9';
        if (digit && !in_identifier)
            put_thai_digit(out, &n, c);
        else
            out[n++] = c;
        in_identifier = ascii_letter(c) || (digit && in_identifier);
    }
    out[n] = '\0';
    return out;
}
