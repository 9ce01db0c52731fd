#include "csvout.h"
#include "text.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool looks_dangerous(const char *text)
{
    if (!strchr("=+-@\t\r", text[0]) || !text[0])
        return false;
    double ignored;
    return text_parse_number(text, &ignored) != NUM_OK;
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
