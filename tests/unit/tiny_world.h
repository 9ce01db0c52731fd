/*
 * The unit tests' shared fixture: the small made-up model of
 * tests/fixtures/tiny (two tools weighted 1 and 3, three indicators, one
 * with sub-indicators, three offices) loaded, its 2564 scores computed and
 * described.  Header-only, since every test file is its own program.
 */
#ifndef ITABENCH_TINY_WORLD_H
#define ITABENCH_TINY_WORLD_H

#include "dataset.h"
#include "diag.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "stats.h"

#include <stdbool.h>

#define TINY_FIXTURE "tests/fixtures/tiny/"

typedef struct {
    model *m;
    registry *r;
    dataset d;
    diag_list diags;
    year_scores *ys;   /* fiscal year 2564, at the model's target */
    city_stats *cs;
} tiny_world;

/* Loads the fixture into t (zeroed first); false when the model or the
 * registry cannot be read.  Free with tiny_world_free either way. */
static inline bool tiny_world_load(tiny_world *t)
{
    *t = (tiny_world){0};
    diag_init(&t->diags);
    t->m = model_load(TINY_FIXTURE "model.csv", &t->diags);
    t->r = registry_load(TINY_FIXTURE "offices.csv", &t->diags);
    if (!t->m || !t->r)
        return false;
    dataset_init(&t->d, t->m, t->r);
    ingest_path(&t->d, TINY_FIXTURE "scores_long.csv", &t->diags);
    ingest_path(&t->d, TINY_FIXTURE "scores_wide.csv", &t->diags);
    dataset_check_complete(&t->d, &t->diags);
    t->ys = scores_compute(&t->d, 2564, t->m->target);
    t->cs = t->ys ? stats_compute(t->ys) : NULL;
    return true;
}

static inline void tiny_world_free(tiny_world *t)
{
    stats_free(t->cs);
    scores_free(t->ys);
    if (t->m && t->r)
        dataset_free(&t->d);
    model_free(t->m);
    registry_free(t->r);
    diag_free(&t->diags);
}

#endif
