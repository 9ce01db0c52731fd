#include "csvread.h"
#include "text.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reading state shared with libcsv's callbacks. */
typedef struct {
    csv_record record;
    size_t cap_fields;
    csv_record_fn on_record;
    void *ctx;
    bool stopped;
} reader;

static void on_field(void *data, size_t len, void *ctx)
{
    reader *r = ctx;
    if (r->stopped)
        return;
    if (r->record.n_fields == r->cap_fields) {
        r->cap_fields = r->cap_fields ? r->cap_fields * 2 : 16;
        r->record.fields =
            xrealloc(r->record.fields, r->cap_fields * sizeof(char *));
    }
    r->record.fields[r->record.n_fields++] =
        xstrndup(data ? data : "", data ? len : 0);
}

static void clear_fields(reader *r)
{
    for (size_t i = 0; i < r->record.n_fields; i++)
        free(r->record.fields[i]);
    r->record.n_fields = 0;
}

static void on_record_end(int terminator, void *ctx)
{
    (void)terminator;
    reader *r = ctx;
    if (!r->stopped && !r->on_record(&r->record, r->ctx))
        r->stopped = true;
    clear_fields(r);
}

/* Only the plain space is padding: a tab may be the separator. */
static int is_space(unsigned char c) { return c == ' '; }

char csvread_detect_separator(const char *line, size_t len)
{
    static const char candidates[] = {',', ';', '\t'};
    size_t counts[3] = {0};
    bool quoted = false;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '"')
            quoted = !quoted;
        for (size_t c = 0; c < 3 && !quoted; c++)
            counts[c] += line[i] == candidates[c];
    }
    size_t best = 0;
    for (size_t c = 1; c < 3; c++)
        if (counts[c] > counts[best])
            best = c;
    return candidates[best];
}

bool csvread_file(const char *path, csv_record_fn on_record, void *ctx,
                  diag_list *diags)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        diag_add(diags, DIAG_ERROR, path, 0, NULL, "file",
                 "cannot open the file: %s", strerror(errno));
        return false;
    }
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
        fclose(in);
        diag_add(diags, DIAG_ERROR, path, 0, NULL, "file", "out of memory");
        return false;
    }
    csv_set_space_func(&parser, is_space);

    reader r = {.record = {.file = path}, .on_record = on_record, .ctx = ctx};
    bool ok = true;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long line_no = 0;
    while (!r.stopped && (len = getline(&line, &cap, in)) != -1) {
        line_no++;
        char *text = line;
        size_t n = (size_t)len;
        if (line_no == 1) {
            if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
                text += 3, n -= 3;
            r.record.separator = csvread_detect_separator(text, n);
            csv_set_delim(&parser, (unsigned char)r.record.separator);
        }
        if (memchr(text, '\0', n) || !text_utf8_valid(text, n)) {
            diag_add(diags, DIAG_ERROR, path, line_no, NULL, "encoding",
                     "line %lu is not valid UTF-8 text (save the file as "
                     "\"CSV UTF-8\")",
                     line_no);
            ok = false;
            break;
        }
        /* A record starts on the first line fed while libcsv has not begun
         * one; blank lines leave it unbegun, so they are skipped over. */
        if (parser.pstate == 0)
            r.record.line = line_no;
        if (csv_parse(&parser, text, n, on_field, on_record_end, &r) != n) {
            diag_add(diags, DIAG_ERROR, path, line_no, NULL, "csv_syntax",
                     "malformed CSV (%s): check the quotes on this line",
                     csv_strerror(csv_error(&parser)));
            ok = false;
            break;
        }
    }
    if (ok && !r.stopped && ferror(in)) {
        diag_add(diags, DIAG_ERROR, path, line_no, NULL, "file",
                 "read error: %s", strerror(errno));
        ok = false;
    }
    if (ok && !r.stopped &&
        csv_fini(&parser, on_field, on_record_end, &r) != 0) {
        diag_add(diags, DIAG_ERROR, path, r.record.line, NULL, "csv_syntax",
                 "a quoted field that starts on line %lu is never closed",
                 r.record.line);
        ok = false;
    }
    if (ok && line_no == 0)
        diag_add(diags, DIAG_ERROR, path, 0, NULL, "empty", "the file is empty");
    clear_fields(&r);
    free(r.record.fields);
    free(line);
    csv_free(&parser);
    fclose(in);
    return ok && line_no > 0;
}

int csvread_column(const csv_record *header, const char *name)
{
    for (size_t i = 0; i < header->n_fields; i++) {
        char *clean = text_clean(header->fields[i]);
        int same = strcasecmp_ascii(clean, name) == 0;
        free(clean);
        if (same)
            return (int)i;
    }
    return -1;
}

const char *csvread_field(const csv_record *record, int i)
{
    return i >= 0 && (size_t)i < record->n_fields ? record->fields[i] : "";
}
