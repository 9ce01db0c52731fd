#include "csvout.h"
#include "text.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A plain ASCII number: [+-]digits[.digits][e[+-]digits].  Checked byte by
 * byte rather than with text_parse_number, which forgives spaces and
 * invisible characters that a spreadsheet would not. */
static bool plain_number(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    size_t digits = strspn(s, "0123456789");
    s += digits;
    if (*s == '.') {
        size_t frac = strspn(s + 1, "0123456789");
        digits += frac;
        s += 1 + frac;
    }
    if (digits == 0)
        return false;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        size_t exp = strspn(s, "0123456789");
        if (exp == 0)
            return false;
        s += exp;
    }
    return *s == '\0';
}

/* What starts a formula in Excel or LibreOffice, the full-width forms
 * (＝ ＋ － ＠) included, which East Asian input methods type. */
static bool starts_formula(const char *s)
{
    static const char *const full_width[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B",
                                             "\xEF\xBC\x8D", "\xEF\xBC\xA0"};
    if (*s && strchr("=+-@\t\r", *s))
        return true;
    for (size_t i = 0; i < sizeof full_width / sizeof *full_width; i++)
        if (strncmp(s, full_width[i], 3) == 0)
            return true;
    return false;
}

static bool looks_dangerous(const char *text)
{
    /* spaces before the formula sign do not make it safe */
    const char *start = text + strspn(text, " ");
    return (starts_formula(text) || starts_formula(start)) &&
           !plain_number(text);
}

void csvout_field(FILE *out, const char *text, bool first)
{
    if (!first)
        fputc(',', out);
    if (looks_dangerous(text)) {
        char *safe = xasprintf("'%s", text);
        csv_fwrite(out, safe, strlen(safe));
        free(safe);
    } else if (strpbrk(text, ",\"\r\n")) {
        csv_fwrite(out, text, strlen(text));
    } else {
        fputs(text, out);
    }
}

void csvout_score(FILE *out, double value)
{
    fputc(',', out);
    if (!isnan(value))
        fprintf(out, "%.2f", value);
}

void csvout_count(FILE *out, double value)
{
    fputc(',', out);
    if (!isnan(value))
        fprintf(out, "%.0f", value);
}

void csvout_end(FILE *out) { fputs("\r\n", out); }
