/*
 * What the ingest harnesses share: the tiny model and registry of
 * tests/fixtures, loaded once by LLVMFuzzerInitialize (the harnesses run
 * from the repository root, as `make fuzz` does).  Include it once, in a
 * harness that defines HARNESS_NAME.
 */
#ifndef ITABENCH_FUZZ_TINY_WORLD_H
#define ITABENCH_FUZZ_TINY_WORLD_H

#include "diag.h"
#include "model.h"
#include "registry.h"

#include <stdio.h>
#include <stdlib.h>

static model *m;
static registry *r;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    diag_list diags;
    diag_init(&diags);
    m = model_load("tests/fixtures/tiny/model.csv", &diags);
    r = registry_load("tests/fixtures/tiny/offices.csv", &diags);
    diag_free(&diags);
    if (!m || !r) {
        fputs(HARNESS_NAME ": run from the repository root\n", stderr);
        exit(1);
    }
    return 0;
}

#endif
