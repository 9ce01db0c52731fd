#include "names.h"

#include "text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Device names Windows refuses as a file name, whatever the extension. */
static const char *const windows_reserved[] = {
    "con",  "prn",  "aux",  "nul",  "com1", "com2", "com3", "com4",
    "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3",
    "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "conin$", "conout$",
};

/* Used when nothing of the text survives (a Thai-only or empty name). */
static const char fallback_component[] = "unnamed";

static bool is_windows_reserved(const char *name)
{
    for (size_t i = 0; i < sizeof windows_reserved / sizeof *windows_reserved; i++)
        if (strcmp(name, windows_reserved[i]) == 0)
            return true;
    return false;
}

static void trim_trailing_dashes(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '-')
        s[--n] = '\0';
}

char *names_file_component(const char *text, size_t max_len)
{
    if (max_len == 0)
        max_len = 1;
    if (!text)
        text = "";
    /* The reserved-name suffix needs room: reserve it up front so that the
     * result never exceeds max_len. */
    size_t cap = strlen(text) + sizeof fallback_component + 8;
    char *out = xmalloc(cap);
    size_t o = 0;
    bool pending_dash = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        unsigned char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9');
        if (!keep) {
            pending_dash = o > 0;
            continue;
        }
        if (pending_dash)
            out[o++] = '-';
        pending_dash = false;
        out[o++] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    }
    out[o] = '\0';
    if (o == 0)
        memcpy(out, fallback_component, sizeof fallback_component);
    if (strlen(out) > max_len)
        out[max_len] = '\0';
    trim_trailing_dashes(out);
    if (out[0] == '\0') {
        out[0] = 'x';
        out[1] = '\0';
    }
    if (is_windows_reserved(out)) {
        /* "con" -> "con-x"; with no room for that, a plain "x". */
        size_t n = strlen(out);
        if (n + 2 <= max_len) {
            out[n] = '-';
            out[n + 1] = 'x';
            out[n + 2] = '\0';
        } else {
            out[0] = 'x';
            out[1] = '\0';
        }
    }
    return out;
}

/* Excel counts sheet-name length in UTF-16 code units. */
#define SHEET_MAX_UNITS 31

/* Decodes one UTF-8 sequence at s (n bytes left).  Returns its byte length
 * and sets *units to its UTF-16 length; an invalid byte has length 1 and
 * *valid false. */
static size_t utf8_step(const unsigned char *s, size_t n, unsigned *units, bool *valid)
{
    unsigned cp;
    size_t len = text_utf8_next((const char *)s, n, &cp);
    *valid = len > 0;
    *units = cp >= 0x10000 ? 2 : 1;
    return len ? len : 1;
}

static bool sheet_forbidden(unsigned char c)
{
    return c < 0x20 || c == 0x7F || strchr("[]:*?/\\", c) != NULL;
}

/* Cuts s (valid UTF-8) to at most max_units UTF-16 units, on a character
 * boundary. */
static void cut_to_units(char *s, size_t max_units)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, units = 0;
    while (i < n) {
        unsigned u;
        bool valid;
        size_t len = utf8_step(p + i, n - i, &u, &valid);
        if (units + u > max_units)
            break;
        units += u;
        i += len;
    }
    s[i] = '\0';
}

static void strip_apostrophes(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '\'')
        s[--n] = '\0';
    size_t start = 0;
    while (s[start] == '\'')
        start++;
    memmove(s, s + start, n - start + 1);
}

/* Excel compares sheet names without regard to case; Thai has no case, so
 * folding ASCII is what matters for these names. */
static bool sheet_taken(const char *name, const char *const *taken, size_t n_taken)
{
    /* Excel keeps "History" for its change tracking. */
    if (strcasecmp_ascii(name, "History") == 0)
        return true;
    for (size_t i = 0; i < n_taken; i++)
        if (taken[i] && strcasecmp_ascii(name, taken[i]) == 0)
            return true;
    return false;
}

char *names_sheet(const char *text, const char *const *taken, size_t n_taken)
{
    if (!text)
        text = "";
    size_t n = strlen(text);
    char *base = xmalloc(n + 8);
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < n;) {
        unsigned u;
        bool valid;
        size_t len = utf8_step(p + i, n - i, &u, &valid);
        if (!valid || (len == 1 && sheet_forbidden(p[i])))
            base[o++] = '_';
        else {
            memcpy(base + o, p + i, len);
            o += len;
        }
        i += len;
    }
    base[o] = '\0';
    strip_apostrophes(base);
    cut_to_units(base, SHEET_MAX_UNITS);
    /* Cutting may expose an apostrophe at the end. */
    strip_apostrophes(base);
    if (base[0] == '\0') {
        free(base);
        base = xstrdup("Sheet");
    }
    if (!sheet_taken(base, taken, n_taken))
        return base;
    for (unsigned long k = 2;; k++) {
        char suffix[32];
        snprintf(suffix, sizeof suffix, " (%lu)", k);
        char *stem = xstrdup(base);
        cut_to_units(stem, SHEET_MAX_UNITS - strlen(suffix));
        strip_apostrophes(stem);
        char *candidate = xasprintf("%s%s", stem, suffix);
        free(stem);
        if (!sheet_taken(candidate, taken, n_taken)) {
            free(base);
            return candidate;
        }
        free(candidate);
    }
}
