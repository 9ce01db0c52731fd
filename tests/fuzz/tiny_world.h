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

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

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

/* The fuzzer's bytes as a file the program opens by name (a memfd seen
 * through /proc, path[64] receives the name): returns its descriptor for
 * the caller to close, or -1 when it cannot be made. */
static int fuzz_input_file(const uint8_t *data, size_t size, char path[64])
{
    int fd = memfd_create("fuzz-input", 0);
    if (fd < 0)
        return -1;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return -1;
    }
    snprintf(path, 64, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
