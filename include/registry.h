/*
 * registry: the offices that may appear in the input (code, Thai and English
 * names, zone), loaded from a CSV such as inputs/reference/bangkok_districts.csv
 * with the columns code,name_th,name_en,zone_th,zone_en.
 *
 * Offices are found by code, Thai name (with or without the prefixes
 * สำนักงานเขต / เขต) or English name, ASCII case ignored and runs of spaces folded.
 */
#ifndef ITABENCH_REGISTRY_H
#define ITABENCH_REGISTRY_H

#include "diag.h"

#include <stddef.h>

typedef struct {
    char *code;
    char *name_th;
    char *name_en;
    int zone;        /* index into registry.zones */
} office;

typedef struct {
    char *name_th;
    char *name_en;
} zone;

typedef struct name_key name_key;

typedef struct {
    char *path;             /* the file it was loaded from, as shown */
    char sha256[65];        /* its SHA-256, taken while reading it */
    office *offices;  /* in file order */
    size_t n_offices;
    zone *zones;      /* in order of first appearance */
    size_t n_zones;
    name_key *keys;   /* sorted lookup keys */
    size_t n_keys;
} registry;

/* Loads and checks a registry.  Returns NULL and adds errors (file, line,
 * value) to diags on a missing column, empty code or name, or a code or name
 * used by two offices.  Free with registry_free. */
registry *registry_load(const char *path, diag_list *diags);

void registry_free(registry *r);

/* Index of the office named by code or name, or -1. */
int registry_find(const registry *r, const char *code_or_name);

/* For an unknown office: a new " (did you mean 1015 Thon Buri / ธนบุรี?)"
 * naming the office whose code, Thai or English name is nearest to typed
 * (text_is_near on text_suggest_key: "Thonburi", "Sathorn"), or a new ""
 * when none is near.  Caller frees. */
char *registry_suggest(const registry *r, const char *typed);

#endif
