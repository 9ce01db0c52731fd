/*
 * libFuzzer harness: encoding detection, conversion to UTF-8 and the CSV
 * reader over any bytes.  Whatever the input, the records handed on hold
 * valid UTF-8 without NUL bytes, start on non-decreasing lines, and every
 * message is valid UTF-8.
 */
#include "csvread.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned long last_line;
} seen;

static bool on_record(const csv_record *r, void *ctx)
{
    seen *s = ctx;
    if (r->line < s->last_line || r->line == 0)
        abort();
    s->last_line = r->line;
    for (size_t i = 0; i < r->n_fields; i++)
        if (!text_utf8_valid(r->fields[i], strlen(r->fields[i])))
            abort();
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    for (int whole = 0; whole < 2; whole++) {
        csv_encoding e = csvread_detect_encoding(bytes, size, whole);
        const char *name = csvread_encoding_name(e);
        if (!name)
            continue;
        size_t len;
        csv_bad_bytes bad;
        char *text = csvread_convert(bytes, size, name, &len, &bad);
        if (text && !text_utf8_valid(text, len))
            abort();
        if (!text && (bad.line == 0 || bad.offset > size))
            abort();
        free(text);
    }
    /* the first byte picks how the reader is told the encoding */
    static const char *const forced[] = {NULL, NULL, "UTF-8", "CP874",
                                         "UTF-16", "TIS-620"};
    const char *encoding = size ? forced[data[0] % 6] : NULL;
    FILE *in = fmemopen(size ? (void *)data : (void *)"", size ? size : 1, "rb");
    if (!in)
        return 0;
    diag_list diags;
    diag_init(&diags);
    seen s = {0};
    csvread_stream(in, "fuzz.csv", encoding, on_record, &s, &diags);
    fclose(in);
    for (size_t i = 0; i < diags.n; i++)
        if (!text_utf8_valid(diags.items[i].message,
                             strlen(diags.items[i].message)))
            abort();
    diag_free(&diags);
    return 0;
}
