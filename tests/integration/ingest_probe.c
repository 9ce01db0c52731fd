/* Measures the ingest phase alone, for `make bench` (tests/bench.sh):
 *
 *   ingest_probe MODEL REGISTRY INPUT... [-r RUNS]
 *
 * "Ingest" is what itabench does before scoring: load the office
 * registry, read every input with all its checks (ingest_path), and check
 * the dataset (dataset_check_complete, scores_check_unscored).  Each run
 * starts from nothing; the best of RUNS is printed as
 *
 *   rows=730400 values=747000 ingest_s=0.310 rows_per_s=2356129 \
 *   ingest_cpu_s=0.300 \
 *   registry_s=... read_s=... check_s=... score_s=... ranks_s=... \
 *   errors=0 ingest_peak_kib=... peak_kib=...
 *
 * where rows are the item scores stored (one a row in the long form) and
 * values every value stored (item scores, respondents, published figures,
 * answer counts), and ingest_cpu_s the CPU time of the best run (the
 * machine may be busy with other work).  Scoring (scores_compute)
 * and the rank replicates (uncertainty_compute) of the latest year are
 * timed after it, apart, so that the whole of the "ingest + score" stage
 * can be split.
 * ingest_peak_kib is the process's peak resident memory (getrusage) when
 * the first ingest ended, peak_kib the peak over everything. */
#include "dataset.h"
#include "diag.h"
#include "ingest.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "text.h"
#include "uncertainty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct {
    double cpu;           /* CPU time of the ingest (registry + read + check) */
    double registry, read, check, score, ranks;
    size_t rows, values, errors;
} timing;

/* The process's peak resident memory so far, KiB. */
static long peak_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* The peak when the first run's ingest ended, before any scoring. */
static long ingest_peak_kib;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static size_t count_lines(const source_ref *src, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += src && src[i].line > 0;
    return k;
}

/* Values stored in d: item scores alone in *rows, all in the result. */
static size_t count_values(const dataset *d, size_t *rows)
{
    size_t n_off = d->r->n_offices, values = 0;
    *rows = 0;
    for (size_t y = 0; y < d->n_years; y++) {
        const year_data *yd = &d->years[y];
        size_t items = count_lines(yd->item_src, n_off * d->m->n_items);
        *rows += items;
        values += items;
        values += count_lines(yd->resp_src, n_off * d->m->n_tools);
        values += count_lines(yd->pub_src, n_off * (1 + d->m->n_nodes));
        values += count_lines(yd->count_src,
                              n_off * d->m->n_items * yd->count_width);
    }
    return values;
}

/* Scores the latest year and runs its rank replicates, timed apart. */
static void score_latest(const dataset *d, timing *t)
{
    if (d->n_years == 0)
        return;
    double t0 = now();
    year_scores *ys =
        scores_compute(d, d->years[d->n_years - 1].year, d->m->target);
    double t1 = now();
    uncertainty_options opt = {.seed = UNCERTAINTY_DEFAULT_SEED, .ranks = true};
    year_uncertainty *yu = uncertainty_compute(d, ys, &opt);
    double t2 = now();
    t->score = t1 - t0;
    t->ranks = t2 - t1;
    uncertainty_free(yu);
    scores_free(ys);
}

static bool one_run(const model *m, const char *registry_path, char **inputs,
                    size_t n_inputs, timing *t)
{
    diag_list diags;
    diag_init(&diags);
    double c0 = cpu_now(), t0 = now();
    registry *r = registry_load(registry_path, &diags);
    if (!r) {
        diag_print(&diags, stderr, DIAG_ERROR, 20);
        diag_free(&diags);
        return false;
    }
    double t1 = now();
    dataset d;
    dataset_init(&d, m, r);
    for (size_t i = 0; i < n_inputs; i++)
        ingest_path(&d, inputs[i], &diags);
    double t2 = now();
    dataset_check_complete(&d, &diags);
    scores_check_unscored(&d, &diags);
    double t3 = now(), c3 = cpu_now();
    if (!ingest_peak_kib)
        ingest_peak_kib = peak_kib();
    *t = (timing){.cpu = c3 - c0, .registry = t1 - t0, .read = t2 - t1, .check = t3 - t2};
    t->values = count_values(&d, &t->rows);
    t->errors = diag_count(&diags, DIAG_ERROR);
    if (t->errors == 0)
        score_latest(&d, t);
    dataset_free(&d);
    registry_free(r);
    diag_free(&diags);
    return true;
}

int main(int argc, char **argv)
{
    int runs = 1;
    char **inputs = xcalloc((size_t)argc, sizeof *inputs);
    size_t n_inputs = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
            runs = atoi(argv[++i]);
        else
            inputs[n_inputs++] = argv[i];
    }
    if (argc < 4 || runs < 1 || n_inputs == 0) {
        fprintf(stderr, "usage: ingest_probe MODEL REGISTRY INPUT... [-r RUNS]\n");
        free(inputs);
        return 2;
    }
    diag_list diags;
    diag_init(&diags);
    model *m = model_load(argv[1], &diags);
    if (!m) {
        diag_print(&diags, stderr, DIAG_ERROR, 20);
        return 1;
    }
    timing best = {0};
    double best_s = -1;
    for (int k = 0; k < runs; k++) {
        timing t;
        if (!one_run(m, argv[2], inputs, n_inputs, &t))
            return 1;
        double s = t.registry + t.read + t.check;
        if (best_s < 0 || s < best_s)
            best = t, best_s = s;
    }
    printf("rows=%zu values=%zu ingest_s=%.3f rows_per_s=%.0f ingest_cpu_s=%.3f "
           "registry_s=%.3f "
           "read_s=%.3f check_s=%.3f score_s=%.3f ranks_s=%.3f errors=%zu "
           "ingest_peak_kib=%ld peak_kib=%ld\n",
           best.rows, best.values, best_s,
           best_s > 0 ? (double)best.rows / best_s : 0.0, best.cpu,
           best.registry,
           best.read, best.check, best.score, best.ranks, best.errors,
           ingest_peak_kib, peak_kib());
    model_free(m);
    diag_free(&diags);
    free(inputs);
    return 0;
}
