/*
 * libFuzzer harness: the number parser and the text helpers every input
 * value goes through (cleaning, quoting for messages, names for files and
 * sheets).  Checks what their contracts promise, not only "no crash".
 */
#include "names.h"
#include "text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_utf8(const char *s)
{
    if (!text_utf8_valid(s, strlen(s)))
        abort();
}

/* A leading space changes nothing (cleaning drops it) but sends every
 * value through the general path: plain numbers, read without cleaning,
 * must read the same, bit for bit, with every separator. */
static void check_general_path(const char *s, size_t size)
{
    char *spaced = malloc(size + 2);
    spaced[0] = ' ';
    memcpy(spaced + 1, s, size + 1);
    static const char separators[] = {0, ',', ';', '\t'};
    for (size_t i = 0; i < sizeof separators; i++) {
        double a = 0, b = 0, c = 0, d = 0;
        num_status x = text_parse_number_in(s, separators[i], &a, &b);
        num_status y = text_parse_number_in(spaced, separators[i], &c, &d);
        if (x != y || memcmp(&a, &c, sizeof a) != 0 ||
            (x == NUM_AMBIGUOUS && memcmp(&b, &d, sizeof b) != 0))
            abort();
    }
    free(spaced);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';

    double v = 0;
    num_status st = text_parse_number(s, &v);
    if ((st == NUM_OK || st == NUM_PERCENT) && !isfinite(v))
        abort();
    long n;
    if (text_parse_int(s, &n) && (n < 0 || n > 999999999))
        abort();
    /* by file separator: an ambiguous value has two finite readings, and
     * without a file the parser never calls a value ambiguous */
    static const char separators[] = {',', ';', '\t'};
    for (size_t i = 0; i < sizeof separators; i++) {
        double a = 0, b = 0;
        num_status sst = text_parse_number_in(s, separators[i], &a, &b);
        if (sst == NUM_AMBIGUOUS && (!isfinite(a) || !isfinite(b) || a == b))
            abort();
        if ((sst == NUM_OK || sst == NUM_PERCENT) && !isfinite(a))
            abort();
    }
    if (st == NUM_AMBIGUOUS)
        abort();
    check_general_path(s, size);
    /* what reaches XML: valid UTF-8 without control characters */
    char *escaped = text_escape_invalid(s);
    check_utf8(escaped);
    for (const char *p = escaped; *p; p++)
        if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7F)
            abort();
    if (strstr(escaped, "\xEF\xBF\xBE") || strstr(escaped, "\xEF\xBF\xBF"))
        abort();
    free(escaped);

    bool valid = text_utf8_valid(s, strlen(s));
    char *clean = text_clean(s);
    if (valid)
        check_utf8(clean);
    char *quoted = text_quote_short(s, 40);
    check_utf8(quoted); /* messages are always valid UTF-8 */
    char *key = text_name_key(s);

    char *file = names_file_component(s, 40);
    if (strlen(file) > 40 || !file[0] || strpbrk(file, "/\\.") ||
        file[0] == '-')
        abort();
    const char *taken[] = {"Sheet", "History", quoted};
    char *sheet = names_sheet(s, taken, 3);
    check_utf8(sheet);
    if (!sheet[0] || strpbrk(sheet, "[]:*?/\\") || sheet[0] == '\'')
        abort();

    free(sheet);
    free(file);
    free(key);
    free(quoted);
    free(clean);
    free(s);
    return 0;
}
