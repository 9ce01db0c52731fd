/*
 * libFuzzer harness: a whole input file through ingest (csvread, header
 * classification, every value parsed and stored), the completeness check
 * and the scores, on the tiny model of tests/fixtures (run from the
 * repository root, as `make fuzz` does); then the same bytes as an office
 * registry.  Every finding must be valid UTF-8 and name a line no greater
 * than the file has; every office of a loaded registry is found by its
 * code.
 */
#include "dataset.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HARNESS_NAME "fuzz_ingest"
#include "tiny_world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_input_file(data, size, path);
    if (fd < 0)
        return 0;
    bool workbook = size >= 4 && (memcmp(data, "PK\3\4", 4) == 0 ||
                                  memcmp(data, "\xD0\xCF\x11\xE0", 4) == 0);
    unsigned long lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n' || data[i] == '\r';

    diag_list diags;
    diag_init(&diags);
    dataset d;
    dataset_init(&d, m, r);
    ingest_path(&d, path, &diags);
    dataset_check_complete(&d, &diags);
    for (size_t y = 0; y < d.n_years; y++) {
        year_scores *ys = scores_compute(&d, d.years[y].year, m->target);
        scores_check_published(ys, &d, &diags);
        scores_free(ys);
    }
    for (size_t i = 0; i < diags.n; i++) {
        const diag *f = &diags.items[i];
        if (!text_utf8_valid(f->message, strlen(f->message)))
            abort();
        /* UTF-16 input has fewer bytes per line, never more lines; a
         * workbook's lines are sheet rows (fuzz_xlsx checks those) */
        if (f->line > lines && !workbook)
            abort();
    }
    dataset_free(&d);
    diag_free(&diags);

    /* the same bytes as an office registry */
    diag_init(&diags);
    registry *other = registry_load(path, &diags);
    if (other) {
        for (size_t i = 0; i < other->n_offices; i++)
            if (registry_find(other, other->offices[i].code) != (int)i)
                abort();
        registry_free(other);
    }
    for (size_t i = 0; i < diags.n; i++)
        if (!text_utf8_valid(diags.items[i].message,
                             strlen(diags.items[i].message)))
            abort();
    diag_free(&diags);
    close(fd);
    return 0;
}
