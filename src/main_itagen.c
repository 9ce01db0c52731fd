/*
 * itagen: writes the synthetic sample input of itabench from a fixed seed.
 *
 * The offices, their scores and their published figures are invented: each
 * office has a latent quality that moves between years, survey items are
 * the mean of simulated 4-level (or yes/no) answers of a few hundred
 * respondents, written per level as answer counts (but for every 16th
 * office, which has respondent counts only), and OIT items are 0 or 100
 * following the office's habits.  Two offices also get respondent-level
 * answers (synthetic_answers_long.csv, synthetic_answers_wide.csv)
 * consistent with their counts.
 * Published figures are the engine's own results with a few deliberate
 * misprints, so that the data-quality check has something to find.  The
 * model and the office registry are read, never assumed.
 *
 *   itagen [--out DIR] [--seed N] [--years 2563,2564] [--offices N]
 *          [--model FILE] [--districts FILE]
 *
 * With --offices larger than the registry, invented offices are written to
 * DIR/reference/offices_N.csv and only long-form scores and respondents
 * are written (the benchmark input).
 */
#include "cli.h"
#include "csvout.h"
#include "dataset.h"
#include "model.h"
#include "outfile.h"
#include "registry.h"
#include "scores.h"
#include "text.h"

#include <getopt.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Levels of the shape of the synthetic population; tuned so that ITA spans
 * roughly 55-98 and EIT sits below IIT on average. */
static const struct {
    const char *tool_answer;  /* item answer_type */
    double base, spread;      /* mean score and its change per unit of quality */
    double item_sd;           /* spread of item difficulty */
} survey_shapes[] = {
    {"scale4", 86.0, 6.0, 4.0},
    {"yesno", 90.0, 5.0, 4.0},
};
#define EIT_PENALTY 5.0        /* citizens are harsher than staff */
#define YEAR_DRIFT_MEAN 0.15   /* in quality units per year */
#define YEAR_DRIFT_SD 0.45
#define OIT_BASE 2.2           /* logit of publishing for an average office */
#define OIT_QUALITY 1.0
#define OIT_ITEM_SD 0.8
#define OIT_HABIT_SD 0.5     /* office habits beyond its quality */
#define INDICATOR_SD 3.5     /* an office's own strength or weakness on one
                                indicator, in points (logit/5 for OIT), so
                                that indicators are not all alike */
#define UNPUBLISHED_SHARE 0.12 /* offices without published figures */

typedef struct {
    const char *out;
    unsigned long seed;
    int years[8];
    size_t n_years;
    long offices;
    char *model_path, *districts_path;
} gen_options;

typedef struct {
    const model *m;
    registry *r;
    gsl_rng *rng;
    double *quality;          /* [office], of the first year, drifted later */
    double *habit;            /* [office]: OIT publishing habit */
    double *item_effect;      /* [slot] */
    double *indicator_effect; /* [office * n_nodes + indicator node] */
} population;

static FILE *open_out(outfile *f, const char *dir, const char *name)
{
    char *path = xasprintf("%s/%s", dir, name);
    if (!outfile_open(f, path, true)) {
        perror(path);
        exit(1);
    }
    free(path);
    return f->fp;
}

static void commit(outfile *f)
{
    char *name = xstrdup(f->final_path);
    if (!outfile_commit(f)) {
        perror(name);
        exit(1);
    }
    printf("itagen: wrote %s\n", name);
    free(name);
}

/* Simulates n answers with favourable probability p: each answer is the
 * level 1 + Binomial(L - 1, p) of an item with L answer levels.  Adds the
 * answers to counts[0..L) and returns the item score, the mean of the
 * answers' values 100 (l - 1) / (L - 1) rounded to 2 decimals, so that the
 * counts give the score exactly as itabench checks it. */
static double survey_score(gsl_rng *rng, int levels, double p, unsigned n,
                           double *counts)
{
    unsigned steps = (unsigned)levels - 1;
    if (p < 0) p = 0;
    if (p > 1) p = 1;
    unsigned long sum = 0;
    for (int l = 0; l < levels; l++)
        counts[l] = 0;
    for (unsigned i = 0; i < n; i++) {
        unsigned k = gsl_ran_binomial(rng, p, steps);
        counts[k]++;
        sum += k;
    }
    return score_round2(100.0 * (double)sum / ((double)steps * n));
}

static const char *tool_of(const model *m, int node)
{
    return m->nodes[m->nodes[node].tool].id;
}

/* Fills the item scores and respondents of one year. */
static void simulate_year(population *pop, dataset *d, int year)
{
    const model *m = pop->m;
    year_data *yd = dataset_year(d, year);
    dataset_alloc_counts(d, yd);
    for (size_t o = 0; o < pop->r->n_offices; o++) {
        double q = pop->quality[o];
        yd->office_src[o] = (source_ref){0, 1};
        for (size_t t = 0; t < m->n_tools; t++) {
            const model_node *tool = &m->nodes[m->tools[t]];
            if (strcmp(tool->answer_type, "survey") == 0)
                yd->respondents[o * m->n_groups + t] =
                    (double)(strcmp(tool->id, "EIT") == 0
                                 ? 150 + gsl_rng_uniform_int(pop->rng, 450)
                                 : 60 + gsl_rng_uniform_int(pop->rng, 340));
        }
        for (size_t s = 0; s < m->n_items; s++) {
            int node = m->items[s];
            const char *type = m->nodes[node].answer_type;
            double *cell = &yd->items[o * m->n_items + s];
            double own = pop->indicator_effect[o * m->n_nodes +
                                               (size_t)m->nodes[node].indicator];
            if (strcmp(type, "published") == 0) {
                double logit = OIT_BASE + OIT_QUALITY * pop->habit[o] +
                               pop->item_effect[s] + own / 5;
                *cell = gsl_rng_uniform(pop->rng) < 1 / (1 + exp(-logit)) ? 100 : 0;
                continue;
            }
            size_t k = strcmp(type, "yesno") == 0;
            double mean = survey_shapes[k].base + survey_shapes[k].spread * q +
                          pop->item_effect[s] + own;
            if (strcmp(tool_of(m, node), "EIT") == 0)
                mean -= EIT_PENALTY;
            int tool_pos = 0;
            while (m->tools[tool_pos] != m->nodes[node].tool)
                tool_pos++;
            unsigned n = (unsigned)yd->respondents[o * m->n_groups + (size_t)tool_pos];
            double *counts = &yd->counts[dataset_count_index(d, yd, o, s)];
            *cell = survey_score(pop->rng, model_answer_levels(&m->nodes[node]),
                                 mean / 100.0, n ? n : 100, counts);
        }
    }
}

static void write_registry(const registry *r, const char *dir, long n)
{
    char *ref = xasprintf("%s/reference", dir);
    outfile_mkdirs(ref);
    char name[64];
    snprintf(name, sizeof name, "offices_%ld.csv", n);
    outfile f;
    FILE *out = open_out(&f, ref, name);
    fputs("code,name_th,name_en,zone_th,zone_en\r\n", out);
    for (size_t i = 0; i < r->n_offices; i++) {
        const office *of = &r->offices[i];
        csvout_field(out, of->code, true);
        csvout_field(out, of->name_th, false);
        csvout_field(out, of->name_en, false);
        csvout_field(out, r->zones[of->zone].name_th, false);
        csvout_field(out, r->zones[of->zone].name_en, false);
        csvout_end(out);
    }
    commit(&f);
    free(ref);
}

/* Invents n offices spread over the zones of the real registry. */
static registry *invent_registry(const registry *real, long n)
{
    registry *r = xcalloc(1, sizeof *r);
    r->path = xstrdup("invented");
    r->n_zones = real->n_zones;
    r->zones = xmalloc(r->n_zones * sizeof *r->zones);
    for (size_t z = 0; z < r->n_zones; z++)
        r->zones[z] = (zone){xstrdup(real->zones[z].name_th),
                             xstrdup(real->zones[z].name_en)};
    r->offices = xmalloc((size_t)n * sizeof *r->offices);
    r->n_offices = (size_t)n;
    for (long i = 0; i < n; i++)
        r->offices[i] = (office){
            .code = xasprintf("%ld", 100000 + i),
            .name_th = xasprintf("หน่วยงานสมมุติ %ld", i + 1),
            .name_en = xasprintf("Synthetic office %ld", i + 1),
            .zone = (int)((size_t)i % r->n_zones)};
    return r;
}

static void write_scores_long(const dataset *d, const char *dir, int year)
{
    const model *m = d->m;
    const year_data *yd = dataset_find_year(d, year);
    char name[64];
    snprintf(name, sizeof name, "synthetic_scores_%d_long.csv", year);
    outfile f;
    FILE *out = open_out(&f, dir, name);
    fputs("year,office_code,office_name,item,score\r\n", out);
    for (size_t o = 0; o < d->r->n_offices; o++)
        for (size_t s = 0; s < m->n_items; s++)
            fprintf(out, "%d,%s,%s,%s,%.2f\r\n", year, d->r->offices[o].code,
                    d->r->offices[o].name_en, m->nodes[m->items[s]].id,
                    yd->items[o * m->n_items + s]);
    commit(&f);
}

/* The wide form names offices by their Thai name, as people paste it. */
static void write_scores_wide(const dataset *d, const char *dir, int year)
{
    const model *m = d->m;
    const year_data *yd = dataset_find_year(d, year);
    char name[64];
    snprintf(name, sizeof name, "synthetic_scores_%d_wide.csv", year);
    outfile f;
    FILE *out = open_out(&f, dir, name);
    fputs("year,office_code,office_name", out);
    for (size_t s = 0; s < m->n_items; s++)
        fprintf(out, ",%s", m->nodes[m->items[s]].id);
    fputs("\r\n", out);
    for (size_t o = 0; o < d->r->n_offices; o++) {
        char *named = xasprintf("สำนักงานเขต%s", d->r->offices[o].name_th);
        fprintf(out, "%d,%s,%s", year, d->r->offices[o].code, named);
        free(named);
        for (size_t s = 0; s < m->n_items; s++)
            fprintf(out, ",%.2f", yd->items[o * m->n_items + s]);
        fputs("\r\n", out);
    }
    commit(&f);
}

static void write_respondents(const dataset *d, const char *dir)
{
    const model *m = d->m;
    outfile f;
    FILE *out = open_out(&f, dir, "synthetic_respondents.csv");
    fputs("year,office_code,tool,n\r\n", out);
    for (size_t y = 0; y < d->n_years; y++)
        for (size_t o = 0; o < d->r->n_offices; o++)
            for (size_t t = 0; t < m->n_tools; t++) {
                double n = d->years[y].respondents[o * m->n_groups + t];
                if (!isnan(n))
                    fprintf(out, "%d,%s,%s,%.0f\r\n", d->years[y].year,
                            d->r->offices[o].code, m->nodes[m->tools[t]].id, n);
            }
    commit(&f);
}

/* Offices of the sample without answer counts (respondents only), so that
 * the approximate intervals show too: every 16th, from the 16th. */
#define NO_COUNTS_EVERY 16

/* Answer counts of every survey item, every level (zeros included), both
 * years; none for the offices without counts. */
static void write_counts(const dataset *d, const char *dir)
{
    const model *m = d->m;
    outfile f;
    FILE *out = open_out(&f, dir, "synthetic_counts.csv");
    fputs("year,office_code,item,level,count\r\n", out);
    for (size_t y = 0; y < d->n_years; y++) {
        const year_data *yd = &d->years[y];
        for (size_t o = 0; o < d->r->n_offices; o++) {
            if (o % NO_COUNTS_EVERY == NO_COUNTS_EVERY - 1)
                continue;
            for (size_t s = 0; s < m->n_items; s++) {
                int levels = model_answer_levels(&m->nodes[m->items[s]]);
                const double *counts =
                    &yd->counts[dataset_count_index(d, yd, o, s)];
                for (int l = 0; l < levels; l++)
                    fprintf(out, "%d,%s,%s,%d,%.0f\r\n", yd->year,
                            d->r->offices[o].code, m->nodes[m->items[s]].id,
                            l + 1, counts[l]);
            }
        }
    }
    commit(&f);
}

/* Respondent-level answers for the first ANSWER_OFFICES offices of the
 * latest year (the first long, the second wide), so that the exact
 * linearised SE is exercised.  They are drawn from the answer counts
 * already simulated, so that scores and counts stay as they are: each
 * respondent has a factor, and an item's answers (its counts, sorted) go
 * to the respondents in the order of factor + independent noise, which
 * makes one person's answers correlated (about 0.5) as real ones are. */
#define ANSWER_OFFICES 2
#define ANSWER_SEED_OFFSET 22

typedef struct {
    double key;
    size_t respondent;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* answers[r * n_items + slot]: respondent r's level of a tool's items (0
 * where the item is not the tool's). */
static int *tool_answers(const dataset *d, const year_data *yd, size_t o,
                         size_t t, size_t n, gsl_rng *rng)
{
    const model *m = d->m;
    int *answers = xcalloc(n * m->n_items + 1, sizeof *answers);
    double *factor = xmalloc((n + 1) * sizeof *factor);
    keyed *order = xmalloc((n + 1) * sizeof *order);
    for (size_t r = 0; r < n; r++)
        factor[r] = gsl_ran_gaussian(rng, 1.0);
    for (size_t s = 0; s < m->n_items; s++) {
        const model_node *item = &m->nodes[m->items[s]];
        int levels = model_answer_levels(item);
        if (item->tool != m->tools[t] || levels < 2)
            continue;
        for (size_t r = 0; r < n; r++)
            order[r] = (keyed){factor[r] + gsl_ran_gaussian(rng, 1.0), r};
        qsort(order, n, sizeof *order, cmp_keyed);
        const double *counts = &yd->counts[dataset_count_index(d, yd, o, s)];
        size_t next = 0;
        for (int l = 0; l < levels; l++)
            for (double c = 0; c < counts[l] && next < n; c++)
                answers[order[next++].respondent * m->n_items + s] = l + 1;
    }
    free(factor);
    free(order);
    return answers;
}

/* The answers of one year drawn and written: from what, with which
 * generator, into which file. */
typedef struct {
    const dataset *d;
    const year_data *yd;
    gsl_rng *rng;
    FILE *out;
    bool wide;   /* one row per respondent, else one answer a row */
} answers_file;

/* One office's answers to one tool, long (one answer a row) or wide (one
 * row per respondent, the tool's survey items as columns). */
static void write_tool_answers(const answers_file *af, size_t o, size_t t)
{
    const dataset *d = af->d;
    const year_data *yd = af->yd;
    FILE *out = af->out;
    bool wide = af->wide;
    const model *m = d->m;
    double n = yd->respondents[o * m->n_groups + t];
    if (isnan(n) || n < 1)
        return;
    int *a = tool_answers(d, yd, o, t, (size_t)n, af->rng);
    const char *tool = m->nodes[m->tools[t]].id;
    for (size_t r = 0; r < (size_t)n; r++) {
        if (wide)
            fprintf(out, "%d,%s,%s,%s-%zu", yd->year, d->r->offices[o].code,
                    tool, tool, r + 1);
        for (size_t s = 0; s < m->n_items; s++) {
            int level = a[r * m->n_items + s];
            const model_node *item = &m->nodes[m->items[s]];
            if (item->tool != m->tools[t] || model_answer_levels(item) < 2)
                continue;
            if (wide && level)
                fprintf(out, ",%d", level);
            else if (wide)
                fputc(',', out);   /* not answered */
            else if (level)
                fprintf(out, "%d,%s,%s,%s-%zu,%s,%d\r\n", yd->year,
                        d->r->offices[o].code, tool, tool, r + 1,
                        m->nodes[m->items[s]].id, level);
        }
        if (wide)
            fputs("\r\n", out);
    }
    free(a);
}

/* The long file holds the first office's answers and the second's to
 * every tool but the first; the wide file the second office's answers to
 * the first tool, whose items are its columns (every respondent answers
 * every item, so no row ends in empty cells). */
static void write_answers(const dataset *d, const char *dir,
                          unsigned long seed)
{
    const model *m = d->m;
    const year_data *yd = &d->years[d->n_years - 1];
    if (d->r->n_offices < ANSWER_OFFICES || m->n_tools == 0)
        return;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, seed + ANSWER_SEED_OFFSET);
    outfile f;
    FILE *out = open_out(&f, dir, "synthetic_answers_long.csv");
    answers_file af = {.d = d, .yd = yd, .rng = rng, .out = out};
    fputs("year,office_code,tool,respondent,item,answer\r\n", out);
    for (size_t t = 0; t < m->n_tools; t++)
        write_tool_answers(&af, 0, t);
    for (size_t t = 1; t < m->n_tools; t++)
        write_tool_answers(&af, 1, t);
    commit(&f);
    out = open_out(&f, dir, "synthetic_answers_wide.csv");
    af = (answers_file){.d = d, .yd = yd, .rng = rng, .out = out,
                        .wide = true};
    fputs("year,office_code,tool,respondent", out);
    for (size_t s = 0; s < m->n_items; s++)
        if (m->nodes[m->items[s]].tool == m->tools[0] &&
            model_answer_levels(&m->nodes[m->items[s]]) >= 2)
            fprintf(out, ",%s", m->nodes[m->items[s]].id);
    fputs("\r\n", out);
    write_tool_answers(&af, 1, 0);
    commit(&f);
    gsl_rng_free(rng);
}

/* Published figures: the engine's results, missing for some offices, with
 * deliberate misprints that are listed on stdout. */
static void write_published(const dataset *d, const char *dir, gsl_rng *rng,
                            double target)
{
    const model *m = d->m;
    outfile f;
    FILE *out = open_out(&f, dir, "synthetic_published.csv");
    fputs("year,office_code,measure,value\r\n", out);
    for (size_t y = 0; y < d->n_years; y++) {
        year_scores *ys = scores_compute(d, d->years[y].year, target);
        /* the misprints: one tool score 0.40 off, one indicator with two
         * digits swapped, one ITA 1.00 off */
        size_t victims[3];
        for (int v = 0; v < 3; v++)
            victims[v] = gsl_rng_uniform_int(rng, ys->n);
        for (size_t i = 0; i < ys->n; i++) {
            const office_score *s = &ys->offices[i];
            bool misprinted = i == victims[0] || i == victims[1] || i == victims[2];
            if (!misprinted && gsl_rng_uniform(rng) < UNPUBLISHED_SHARE)
                continue;
            const char *code = d->r->offices[s->office].code;
            double ita = s->ita_r2;
            if (i == victims[2]) {
                ita += 1.0;
                printf("itagen: misprint %d %s ITA\n", ys->year, code);
            }
            fprintf(out, "%d,%s,ITA,%.2f\r\n", ys->year, code, ita);
            for (size_t t = 0; t < m->n_tools; t++) {
                double v = score_round2(s->node[m->tools[t]]);
                if (i == victims[0] && t == m->n_tools - 2) {
                    v += 0.40;
                    printf("itagen: misprint %d %s %s\n", ys->year, code,
                           m->nodes[m->tools[t]].id);
                }
                fprintf(out, "%d,%s,%s,%.2f\r\n", ys->year, code,
                        m->nodes[m->tools[t]].id, v);
            }
            bool swapped = false;
            for (size_t k = 0; k < m->n_indicators; k++) {
                double v = score_round2(s->node[m->indicators[k]]);
                char text[32];
                snprintf(text, sizeof text, "%.2f", v);
                size_t len = strlen(text);
                if (i == victims[1] && !swapped &&
                    text[len - 1] != text[len - 2]) {
                    char c = text[len - 1];
                    text[len - 1] = text[len - 2];
                    text[len - 2] = c;
                    swapped = true;
                    printf("itagen: misprint %d %s %s\n", ys->year, code,
                           m->nodes[m->indicators[k]].id);
                }
                fprintf(out, "%d,%s,%s,%s\r\n", ys->year, code,
                        m->nodes[m->indicators[k]].id, text);
            }
        }
        scores_free(ys);
    }
    commit(&f);
}

static int parse_options(int argc, char **argv, gen_options *opt)
{
    static const struct option options[] = {
        {"out", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, 's'},
        {"years", required_argument, NULL, 'y'},
        {"offices", required_argument, NULL, 'n'},
        {"model", required_argument, NULL, 'm'},
        {"districts", required_argument, NULL, 'd'},
        {NULL, 0, NULL, 0}};
    *opt = (gen_options){.out = "inputs", .seed = 2564, .years = {2563, 2564},
                         .n_years = 2};
    int c;
    while ((c = getopt_long(argc, argv, "o:s:y:n:", options, NULL)) != -1) {
        switch (c) {
        case 'o': opt->out = optarg; break;
        case 's': opt->seed = strtoul(optarg, NULL, 10); break;
        case 'n': opt->offices = strtol(optarg, NULL, 10); break;
        case 'm': opt->model_path = xstrdup(optarg); break;
        case 'd': opt->districts_path = xstrdup(optarg); break;
        case 'y': {
            opt->n_years = 0;
            for (char *p = strtok(optarg, ","); p && opt->n_years < 8;
                 p = strtok(NULL, ","))
                opt->years[opt->n_years++] = dataset_year_be(strtol(p, NULL, 10));
            break;
        }
        default:
            fputs("usage: itagen [--out DIR] [--seed N] [--years Y,Y] "
                  "[--offices N] [--model FILE] [--districts FILE]\n", stderr);
            return 2;
        }
    }
    for (size_t y = 0; y < opt->n_years; y++)
        if (!opt->years[y] || (y && opt->years[y] <= opt->years[y - 1])) {
            fputs("itagen: --years wants increasing fiscal years\n", stderr);
            return 2;
        }
    if (!opt->model_path)
        opt->model_path = cli_reference_path("model_2564.csv");
    if (!opt->districts_path)
        opt->districts_path = cli_reference_path("bangkok_districts.csv");
    return 0;
}

/* The synthetic population of seed: each office's quality and
 * disclosure habit, its indicators' and the items' effects (the random
 * draws in this order, so that a seed gives the same sample). */
static population population_draw(const model *m, registry *r,
                                  unsigned long seed)
{
    gsl_rng_env_setup();
    population pop = {.m = m, .r = r, .rng = gsl_rng_alloc(gsl_rng_mt19937)};
    gsl_rng_set(pop.rng, seed);
    pop.quality = xmalloc(r->n_offices * sizeof(double));
    pop.habit = xmalloc(r->n_offices * sizeof(double));
    pop.item_effect = xmalloc(m->n_items * sizeof(double));
    for (size_t o = 0; o < r->n_offices; o++) {
        pop.quality[o] = gsl_ran_gaussian(pop.rng, 1.0);
        pop.habit[o] = pop.quality[o] + gsl_ran_gaussian(pop.rng, OIT_HABIT_SD);
    }
    pop.indicator_effect = xmalloc(r->n_offices * m->n_nodes * sizeof(double));
    for (size_t i = 0; i < r->n_offices * m->n_nodes; i++)
        pop.indicator_effect[i] = gsl_ran_gaussian(pop.rng, INDICATOR_SD);
    for (size_t s = 0; s < m->n_items; s++) {
        bool oit = strcmp(m->nodes[m->items[s]].answer_type, "published") == 0;
        pop.item_effect[s] = gsl_ran_gaussian(
            pop.rng, oit ? OIT_ITEM_SD : survey_shapes[0].item_sd);
    }
    return pop;
}

int main(int argc, char **argv)
{
    gen_options opt;
    int status = parse_options(argc, argv, &opt);
    if (status)
        return status;
    diag_list diags;
    diag_init(&diags);
    model *m = model_load(opt.model_path, &diags);
    registry *real = registry_load(opt.districts_path, &diags);
    if (!m || !real) {
        diag_print(&diags, stderr, DIAG_ERROR, 50);
        return 1;
    }
    bool big = opt.offices > (long)real->n_offices;
    registry *r = big ? invent_registry(real, opt.offices) : real;
    outfile_mkdirs(opt.out);
    if (big)
        write_registry(r, opt.out, opt.offices);

    population pop = population_draw(m, r, opt.seed);

    dataset d;
    dataset_init(&d, m, r);
    dataset_add_file(&d, "itagen");
    for (size_t y = 0; y < opt.n_years; y++) {
        if (y > 0)
            for (size_t o = 0; o < r->n_offices; o++) {
                double drift = YEAR_DRIFT_MEAN +
                               gsl_ran_gaussian(pop.rng, YEAR_DRIFT_SD);
                pop.quality[o] += drift;
                pop.habit[o] += drift;
            }
        simulate_year(&pop, &d, opt.years[y]);
    }
    for (size_t y = 0; y < opt.n_years; y++) {
        /* the sample shows both input forms: wide for the older years */
        if (big || y + 1 == opt.n_years)
            write_scores_long(&d, opt.out, opt.years[y]);
        else
            write_scores_wide(&d, opt.out, opt.years[y]);
    }
    write_respondents(&d, opt.out);
    if (!big) {
        write_counts(&d, opt.out);
        write_answers(&d, opt.out, opt.seed);
        write_published(&d, opt.out, pop.rng, m->target);
    }

    dataset_free(&d);
    gsl_rng_free(pop.rng);
    free(pop.quality);
    free(pop.habit);
    free(pop.item_effect);
    free(pop.indicator_effect);
    if (big)
        registry_free(r);
    registry_free(real);
    model_free(m);
    free(opt.model_path);
    free(opt.districts_path);
    diag_free(&diags);
    return 0;
}
