/*
 * libFuzzer harness: arbitrary bytes as an .xlsx workbook, through
 * xlsxread (zip, relationships, styles, shared strings, every sheet's rows)
 * and then through ingest on the tiny model of tests/fixtures (run from the
 * repository root, as `make fuzz` does).  Seeds: tests/fixtures/xlsx.
 * Invariants: every field and every finding is valid UTF-8; rows come in
 * increasing order within a sheet, between 1 and XLSXREAD_MAX_ROWS, with at
 * most XLSXREAD_MAX_COLUMNS fields; every cell's column is a real one.
 */
#include "dataset.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "text.h"
#include "xlsxread.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HARNESS_NAME "fuzz_xlsx"
#include "tiny_world.h"

static bool on_row(const csv_record *rec, void *ctx)
{
    unsigned long *last = ctx;
    if (rec->line <= *last || rec->line > XLSXREAD_MAX_ROWS ||
        rec->n_fields == 0 || rec->n_fields > XLSXREAD_MAX_COLUMNS || !rec->sheet)
        abort();
    *last = rec->line;
    for (size_t i = 0; i < rec->n_fields; i++)
        if (!text_utf8_valid(rec->fields[i], strlen(rec->fields[i])))
            abort();
    return true;
}

static void check_diags(const diag_list *diags)
{
    for (size_t i = 0; i < diags->n; i++) {
        const diag *f = &diags->items[i];
        if (!text_utf8_valid(f->message, strlen(f->message)) ||
            f->column > XLSXREAD_MAX_COLUMNS || f->line > XLSXREAD_MAX_ROWS)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_input_file(data, size, path);
    if (fd < 0)
        return 0;

    diag_list diags;
    diag_init(&diags);
    xlsxread_book *book = xlsxread_open(path, &diags);
    if (book) {
        for (size_t i = 0; i < xlsxread_sheet_count(book); i++) {
            const xlsxread_sheet *sheet = xlsxread_sheet_at(book, i);
            if (!text_utf8_valid(sheet->name, strlen(sheet->name)))
                abort();
            unsigned long last = 0;
            xlsxread_rows(book, i, on_row, &last, &diags);
        }
        xlsxread_close(book);
    }
    check_diags(&diags);
    diag_free(&diags);

    /* the same bytes as an input of ingest */
    diag_init(&diags);
    dataset d;
    dataset_init(&d, m, r);
    ingest_file(&d, path, &diags);
    dataset_check_complete(&d, &diags);
    for (size_t y = 0; y < d.n_years; y++) {
        year_scores *ys = scores_compute(&d, d.years[y].year, m->target);
        scores_check_published(ys, &d, &diags);
        scores_free(ys);
    }
    check_diags(&diags);
    dataset_free(&d);
    diag_free(&diags);
    close(fd);
    return 0;
}
