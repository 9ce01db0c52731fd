#include "uncertainty.h"
#include "text.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Counts give an item's score when their mean is within half a unit of its
 * second decimal; the slack absorbs binary noise (as in scores.c). */
#define COUNTS_TOLERANCE 0.005
#define COMPARE_SLACK 1e-9
/* Default replicates, and the draw budget beyond which there are fewer. */
#define DEFAULT_REPLICATES 10000
#define MIN_REPLICATES 1000
#define DRAW_BUDGET 5000000
/* The rank interval: the ceil(25 R / 1000)-th and ceil(975 R / 1000)-th
 * smallest rank, in integers so that R = 10,000 gives exactly 250 and
 * 9,750. */
#define RANK_LOW_PER_MILLE 25
#define RANK_HIGH_PER_MILLE 975

static const char *const basis_names[] = {
    [UNC_UNKNOWN] = "unknown", [UNC_APPROXIMATE] = "approximate",
    [UNC_COUNTS] = "counts", [UNC_EXACT] = "exact"};

const char *uncertainty_basis_name(unc_basis basis)
{
    return basis_names[basis];
}

size_t uncertainty_default_replicates(size_t n_offices)
{
    if (n_offices * DEFAULT_REPLICATES <= DRAW_BUDGET)
        return DEFAULT_REPLICATES;
    size_t r = DRAW_BUDGET / n_offices;
    return r < MIN_REPLICATES ? MIN_REPLICATES : r;
}

static double level_value(int level, int levels)
{
    return 100.0 * (level - 1) / (levels - 1);
}

double uncertainty_counts_se(const double *counts, int levels, double *mean,
                             double *n)
{
    double total = 0, sum = 0;
    for (int l = 1; l <= levels; l++) {
        double c = isnan(counts[l - 1]) ? 0 : counts[l - 1];
        total += c;
        sum += c * level_value(l, levels);
    }
    *n = total;
    *mean = total > 0 ? sum / total : NAN;
    if (total < 2)
        return NAN;
    double squares = 0;
    for (int l = 1; l <= levels; l++) {
        double c = isnan(counts[l - 1]) ? 0 : counts[l - 1];
        double dev = level_value(l, levels) - *mean;
        squares += c * dev * dev;
    }
    return sqrt(squares / (total - 1) / total);
}

double uncertainty_binomial_se(double mean, int levels, double n)
{
    if (isnan(n) || n <= 0 || levels < 2)
        return NAN;
    return sqrt(mean * (100 - mean) / (levels - 1) / n);
}

/* The answer counts of an item of an office, or NULL when none is given. */
static const double *item_counts(const dataset *d, const year_data *yd,
                                 int office, size_t slot, int levels)
{
    if (!yd->counts || levels < 2)
        return NULL;
    const double *row =
        &yd->counts[dataset_count_index(d, yd, (size_t)office, slot)];
    for (int l = 0; l < levels; l++)
        if (!isnan(row[l]))
            return row;
    return NULL;
}

/* The position of a tool node among m->tools. */
static size_t tool_position(const model *m, int tool)
{
    size_t t = 0;
    while (t < m->n_tools && m->tools[t] != tool)
        t++;
    return t;
}

/* Where an office's answers are: the dataset and its year. */
typedef struct {
    const dataset *d;
    const year_data *yd;
    const model *m;
} answers;

/* An item's SE: from its counts, else from its tool's respondents, else
 * unknown; an assessor's check has none. */
static unc_se item_se(const answers *a, const office_score *s, int node)
{
    const model *m = a->m;
    const model_node *item = &m->nodes[node];
    int levels = model_answer_levels(item);
    if (levels < 2)
        return (unc_se){.se = 0, .basis = UNC_EXACT};
    size_t slot = (size_t)m->item_slot[node];
    const double *counts = item_counts(a->d, a->yd, s->office, slot, levels);
    double mean, n;
    double se = counts ? uncertainty_counts_se(counts, levels, &mean, &n) : NAN;
    if (!isnan(se))
        return (unc_se){.se = se, .basis = UNC_COUNTS};
    se = uncertainty_binomial_se(s->node[node], levels,
                                 s->respondents[tool_position(m, item->tool)]);
    return (unc_se){.se = se,
                    .basis = isnan(se) ? UNC_UNKNOWN : UNC_APPROXIMATE};
}

/* Fills out[node] for a node and everything below it: the share-weighted
 * sum of its children's SEs, with the weakest of their bases. */
static void node_se(const answers *a, const office_score *s, int node,
                    unc_se *out)
{
    const model *m = a->m;
    const model_node *n = &m->nodes[node];
    if (n->kind == NODE_ITEM) {
        out[node] = item_se(a, s, node);
        return;
    }
    double weights = 0, se = 0;
    unc_basis basis = UNC_EXACT;
    for (size_t c = 0; c < n->n_children; c++)
        weights += m->nodes[n->children[c]].weight;
    for (size_t c = 0; c < n->n_children; c++) {
        int child = n->children[c];
        node_se(a, s, child, out);
        se += m->nodes[child].weight / weights * out[child].se;
        if (out[child].basis < basis)
            basis = out[child].basis;
    }
    out[node] = (unc_se){.se = basis == UNC_UNKNOWN ? NAN : se,
                         .basis = basis};
}

/* Every measure of one office: the nodes, then ITA over the tools, and the
 * chance of passing. */
static void office_se(const answers *a, const year_scores *ys,
                      const office_score *s, unc_se *measures, unc_office *out)
{
    const model *m = ys->m;
    unc_se *nodes = measures + 1;
    double weights = 0, se = 0;
    unc_basis basis = UNC_EXACT;
    for (size_t t = 0; t < m->n_tools; t++)
        weights += m->nodes[m->tools[t]].weight;
    for (size_t t = 0; t < m->n_tools; t++) {
        int tool = m->tools[t];
        node_se(a, s, tool, nodes);
        se += m->nodes[tool].weight / weights * nodes[tool].se;
        if (nodes[tool].basis < basis)
            basis = nodes[tool].basis;
    }
    measures[0] = (unc_se){.se = basis == UNC_UNKNOWN ? NAN : se,
                           .basis = basis};
    /* P(ITA rounded to 2 decimals >= target) = P(ITA >= target - 0.005) */
    if (basis == UNC_UNKNOWN)
        out->p_pass = NAN;
    else if (se == 0)
        out->p_pass = s->pass ? 1 : 0;
    else
        out->p_pass = gsl_cdf_ugaussian_Q((ys->target - 0.005 - s->ita) / se);
}

/* A replicate's draw as a sort key: the draw in hundredths (so that equal
 * 2-decimal values tie), offset to stay positive, above the office's
 * position, so that keys are unique and the order never depends on the
 * sort algorithm. */
#define KEY_OFFSET 2147483648.0
static uint64_t draw_key(double draw, size_t pos)
{
    double cents = round(score_round2(draw) * 100) + KEY_OFFSET;
    return (uint64_t)fmin(fmax(cents, 0), 4294967295.0) << 32 | (uint64_t)pos;
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Standard competition ranks (1 = best) of one replicate from its keys
 * sorted ascending, stored at ranks[pos]. */
static void rank_replicate(const uint64_t *keys, size_t n, int *ranks)
{
    int rank = 0;
    for (size_t k = n; k-- > 0;) {
        size_t pos = (size_t)(keys[k] & 0xFFFFFFFFu);
        if (k == n - 1 || keys[k] >> 32 != keys[k + 1] >> 32)
            rank = (int)(n - k);
        ranks[pos] = rank;
    }
}

/* Ranks by counting, when the replicate's draws span few hundredths (as
 * scores from 0 to 100 do): a rank is 1 + the number of strictly higher
 * draws, exactly the standard competition rank that sorting gives.  The
 * draws' hundredths are the keys' upper halves.  False, with nothing
 * written, when the span is too wide for the count table (then the keys
 * are sorted). */
static bool rank_by_counting(const uint64_t *keys, size_t n, size_t *above,
                             size_t span_max, int *ranks)
{
    uint32_t low = UINT32_MAX, high = 0;
    for (size_t pos = 0; pos < n; pos++) {
        uint32_t v = (uint32_t)(keys[pos] >> 32);
        low = v < low ? v : low;
        high = v > high ? v : high;
    }
    size_t span = (size_t)(high - low) + 1;
    if (span > span_max)
        return false;
    memset(above, 0, span * sizeof *above);
    for (size_t pos = 0; pos < n; pos++)
        above[(keys[pos] >> 32) - low]++;
    /* above[v]: draws strictly higher than low + v */
    size_t higher = 0;
    for (size_t v = span; v-- > 0;) {
        size_t here = above[v];
        above[v] = higher;
        higher += here;
    }
    for (size_t pos = 0; pos < n; pos++)
        ranks[pos] = (int)(1 + above[(keys[pos] >> 32) - low]);
    return true;
}

/* An office's rank interval: the k_low-th and k_high-th smallest (from
 * 0) of its n ranks, by counting them (the order statistics a selection
 * such as gsl_stats_int_select gives).  Ranks lie within 1..n_offices,
 * and the count table has room for that many. */
static void select_by_counting(const int *ranks, size_t n, size_t k_low,
                               size_t k_high, size_t *count, unc_office *out)
{
    int low = INT_MAX, high = INT_MIN;
    for (size_t i = 0; i < n; i++) {
        low = ranks[i] < low ? ranks[i] : low;
        high = ranks[i] > high ? ranks[i] : high;
    }
    memset(count, 0, ((size_t)(high - low) + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[ranks[i] - low]++;
    size_t seen = 0, v = 0;
    for (; seen + count[v] <= k_low; v++)
        seen += count[v];
    out->rank_low = low + (int)v;
    for (; seen + count[v] <= k_high; v++)
        seen += count[v];
    out->rank_high = low + (int)v;
}

/* Replicates ranked at a time before their ranks go to each office's
 * row: the rows are written in runs, not one int in every row. */
enum { REPLICATE_BLOCK = 64 };

typedef struct {
    const year_uncertainty *yu;
    gsl_rng *rng;
    uint64_t *keys;       /* [n] */
    size_t *above;        /* the count table of rank_by_counting */
    size_t span_max;
} replicate_state;

/* Draws one replicate and writes the ranks of its n offices to out[pos]. */
static void rank_one_replicate(replicate_state *st, int *out)
{
    const year_uncertainty *yu = st->yu;
    size_t n = yu->ys->n;
    for (size_t pos = 0; pos < n; pos++) {
        double se = yu->se[pos * yu->n_measures].se;
        double shift = se > 0 ? gsl_ran_gaussian(st->rng, se) : 0;
        st->keys[pos] = draw_key(yu->ys->offices[pos].ita + shift, pos);
    }
    if (rank_by_counting(st->keys, n, st->above, st->span_max, out))
        return;
    qsort(st->keys, n, sizeof *st->keys, cmp_key);
    rank_replicate(st->keys, n, out);
}

/* Rank intervals by R seeded replicates; each office's R ranks are kept
 * together so that its two order statistics are found by counting in its
 * own row. */
static void simulate_ranks(year_uncertainty *yu, size_t replicates,
                           unsigned long seed)
{
    size_t n = yu->ys->n;
    /* the count table: 0 to 100 with room for wide draws */
    replicate_state st = {.yu = yu, .rng = gsl_rng_alloc(gsl_rng_mt19937),
                          .keys = xmalloc(n * sizeof *st.keys),
                          .span_max = 4 * n + 20001};
    st.above = xmalloc(st.span_max * sizeof *st.above);
    gsl_rng_set(st.rng, seed);
    int *ranks = xmalloc(n * replicates * sizeof *ranks);
    int *block = xmalloc(REPLICATE_BLOCK * n * sizeof *block);
    for (size_t r0 = 0; r0 < replicates; r0 += REPLICATE_BLOCK) {
        size_t nb = replicates - r0 < REPLICATE_BLOCK ? replicates - r0
                                                      : REPLICATE_BLOCK;
        for (size_t b = 0; b < nb; b++)
            rank_one_replicate(&st, &block[b * n]);
        for (size_t pos = 0; pos < n; pos++)
            for (size_t b = 0; b < nb; b++)
                ranks[pos * replicates + r0 + b] = block[b * n + pos];
    }
    size_t low = (RANK_LOW_PER_MILLE * replicates + 999) / 1000;
    size_t high = (RANK_HIGH_PER_MILLE * replicates + 999) / 1000;
    for (size_t pos = 0; pos < n; pos++) {
        if (yu->se[pos * yu->n_measures].basis == UNC_UNKNOWN)
            continue;
        /* the count table's span_max > n: room for ranks 1..n */
        select_by_counting(&ranks[pos * replicates], replicates, low - 1,
                           high - 1, st.above, &yu->offices[pos]);
    }
    yu->replicates = replicates;
    free(block);
    free(ranks);
    free(st.above);
    free(st.keys);
    gsl_rng_free(st.rng);
}

year_uncertainty *uncertainty_compute(const dataset *d, const year_scores *ys,
                                      const unc_options *opt)
{
    year_uncertainty *yu = xcalloc(1, sizeof *yu);
    size_t n = ys->n ? ys->n : 1;
    *yu = (year_uncertainty){
        .ys = ys,
        .z = gsl_cdf_ugaussian_Pinv(0.975),
        .n_measures = 1 + ys->m->n_nodes,
        .seed = opt->seed,
    };
    yu->se = xcalloc(n * yu->n_measures, sizeof *yu->se);
    yu->offices = xcalloc(n, sizeof *yu->offices);
    answers a = {d, dataset_find_year(d, ys->year), ys->m};
    for (size_t pos = 0; pos < ys->n; pos++)
        office_se(&a, ys, &ys->offices[pos], &yu->se[pos * yu->n_measures],
                  &yu->offices[pos]);
    if (opt->ranks && ys->n > 0)
        simulate_ranks(yu, opt->replicates ? opt->replicates
                                           : uncertainty_default_replicates(ys->n),
                       opt->seed);
    return yu;
}

void uncertainty_free(year_uncertainty *yu)
{
    if (!yu)
        return;
    free(yu->se);
    free(yu->offices);
    free(yu);
}

static double measure_value(const office_score *s, size_t measure)
{
    return measure == 0 ? s->ita : s->node[measure - 1];
}

unc_interval uncertainty_of(const year_uncertainty *yu, size_t pos,
                            size_t measure)
{
    unc_se stored = yu->se[pos * yu->n_measures + measure];
    if (stored.basis == UNC_UNKNOWN)
        return (unc_interval){NAN, NAN, NAN, UNC_UNKNOWN};
    double score = measure_value(&yu->ys->offices[pos], measure);
    return (unc_interval){
        .se = stored.se,
        .low = fmax(0, score - yu->z * stored.se),
        .high = fmin(100, score + yu->z * stored.se),
        .basis = stored.basis,
    };
}

bool uncertainty_change(const year_uncertainty *earlier,
                        const year_uncertainty *later, int office,
                        size_t measure, unc_change *out)
{
    const office_score *a = scores_find(earlier->ys, office);
    const office_score *b = scores_find(later->ys, office);
    if (!a || !b)
        return false;
    unc_se ua = earlier->se[(size_t)(a - earlier->ys->offices) *
                                earlier->n_measures + measure];
    unc_se ub = later->se[(size_t)(b - later->ys->offices) *
                              later->n_measures + measure];
    double z = later->z;
    unc_change c = {
        .delta = score_round2(measure_value(b, measure)) -
                 score_round2(measure_value(a, measure)),
        .se = sqrt(ua.se * ua.se + ub.se * ub.se),
        .basis = ua.basis < ub.basis ? ua.basis : ub.basis,
    };
    /* two 2-decimal values differ by a whole number of hundredths */
    c.delta = score_round2(c.delta);
    bool known = c.basis != UNC_UNKNOWN;
    c.se = known ? c.se : NAN;
    c.low = known ? c.delta - z * c.se : NAN;
    c.high = known ? c.delta + z * c.se : NAN;
    c.significant = known && fabs(c.delta) > z * c.se;
    *out = c;
    return true;
}

static int cmp_mover(const void *a, const void *b)
{
    const unc_mover *x = a, *y = b;
    if (x->change.delta != y->change.delta)
        return x->change.delta < y->change.delta ? 1 : -1;
    return (x->office > y->office) - (x->office < y->office);
}

unc_mover *uncertainty_movers(const year_uncertainty *earlier,
                              const year_uncertainty *later, size_t measure,
                              size_t *n)
{
    const year_scores *ys = later->ys;
    unc_mover *movers = xmalloc((ys->n ? ys->n : 1) * sizeof *movers);
    *n = 0;
    for (size_t pos = 0; pos < ys->n; pos++) {
        unc_mover *m = &movers[*n];
        m->office = ys->offices[pos].office;
        *n += uncertainty_change(earlier, later, m->office, measure,
                                 &m->change);
    }
    qsort(movers, *n, sizeof *movers, cmp_mover);
    if (*n == 0) {
        free(movers);
        return NULL;
    }
    return movers;
}

static int cmp_city_change(const void *a, const void *b)
{
    const unc_city_change *x = a, *y = b;
    double dx = fabs(x->mean_delta), dy = fabs(y->mean_delta);
    if (x->n && y->n && dx != dy)
        return dx < dy ? 1 : -1;
    if ((x->n == 0) != (y->n == 0))
        return x->n == 0 ? 1 : -1;
    return (x->measure > y->measure) - (x->measure < y->measure);
}

/* The mean change of one measure over the offices in both years. */
static unc_city_change city_change(const year_uncertainty *earlier,
                                   const year_uncertainty *later,
                                   size_t measure)
{
    unc_city_change c = {.measure = measure};
    double sum = 0, variance = 0;
    for (size_t pos = 0; pos < later->ys->n; pos++) {
        unc_change one;
        if (!uncertainty_change(earlier, later, later->ys->offices[pos].office,
                                measure, &one))
            continue;
        c.n++;
        sum += one.delta;
        variance += one.se * one.se;
    }
    if (c.n == 0) {
        c.mean_delta = c.se = NAN;
        return c;
    }
    c.mean_delta = sum / (double)c.n;
    c.se = sqrt(variance) / (double)c.n;
    c.significant = !isnan(c.se) && fabs(c.mean_delta) > later->z * c.se;
    return c;
}

unc_city_change *uncertainty_item_changes(const year_uncertainty *earlier,
                                          const year_uncertainty *later)
{
    const model *m = later->ys->m;
    unc_city_change *out = xmalloc((m->n_items ? m->n_items : 1) * sizeof *out);
    for (size_t s = 0; s < m->n_items; s++)
        out[s] = city_change(earlier, later, model_node_measure(m->items[s]));
    qsort(out, m->n_items, sizeof *out, cmp_city_change);
    return out;
}

/* "By chance alone": the chance of the other side of the target is at
 * least the 2.5 % each tail of the 95 % interval leaves. */
#define CHANCE_TAIL 0.025

void uncertainty_summarize(const year_uncertainty *yu, int places,
                           unc_summary *out)
{
    *out = (unc_summary){.n = yu->ys->n};
    for (size_t pos = 0; pos < yu->ys->n; pos++) {
        unc_se ita = yu->se[pos * yu->n_measures];
        const unc_office *o = &yu->offices[pos];
        if (ita.basis == UNC_UNKNOWN)
            continue;
        out->known++;
        out->approximate += ita.basis == UNC_APPROXIMATE;
        out->wide_ranks += o->rank_low && o->rank_high - o->rank_low > places;
        if (yu->ys->offices[pos].pass)
            out->above_at_risk += 1 - o->p_pass >= CHANCE_TAIL;
        else
            out->below_in_reach += o->p_pass >= CHANCE_TAIL;
    }
}

/* The first row (by file, then line) among an item's counts. */
static source_ref first_count_row(const source_ref *src, int levels)
{
    source_ref best = {0, 0};
    for (int l = 0; l < levels; l++)
        if (src[l].line && (!best.line || src[l].file < best.file ||
                            (src[l].file == best.file &&
                             src[l].line < best.line)))
            best = src[l];
    return best;
}

static void check_office_counts(const dataset *d, const year_data *yd,
                                size_t o, diag_list *diags)
{
    const model *m = d->m;
    const office *of = &d->r->offices[o];
    for (size_t slot = 0; slot < m->n_items; slot++) {
        const model_node *item = &m->nodes[m->items[slot]];
        int levels = model_answer_levels(item);
        const double *counts = item_counts(d, yd, (int)o, slot, levels);
        double score = dataset_item(d, yd, o, slot);
        if (!counts || isnan(score))
            continue;
        double mean, n;
        uncertainty_counts_se(counts, levels, &mean, &n);
        if (n > 0 && fabs(mean - score) <= COUNTS_TOLERANCE + COMPARE_SLACK)
            continue;
        size_t at = dataset_count_index(d, yd, o, slot);
        source_ref src = first_count_row(&yd->count_src[at], levels);
        if (n > 0)
            diag_add(diags, DIAG_WARNING, d->files[src.file], src.line,
                     of->code, "counts_mismatch",
                     "office %s (%s) %d: the answer counts of %s give %.3f "
                     "(%.0f answers), its score is %.2f",
                     of->code, of->name_en, yd->year, item->id, mean, n,
                     score);
        else
            diag_add(diags, DIAG_WARNING, d->files[src.file], src.line,
                     of->code, "counts_mismatch",
                     "office %s (%s) %d: the answer counts of %s are all 0, "
                     "its score is %.2f",
                     of->code, of->name_en, yd->year, item->id, score);
    }
}

/* The first row of an office's answer counts in a year; line 0 if none. */
static source_ref first_office_count(const dataset *d, const year_data *yd,
                                     size_t o)
{
    size_t width = d->m->n_items * yd->count_width;
    return first_count_row(&yd->count_src[dataset_count_index(d, yd, o, 0)],
                           (int)width);
}

void uncertainty_check_counts(const dataset *d, diag_list *diags)
{
    for (size_t y = 0; y < d->n_years; y++) {
        const year_data *yd = &d->years[y];
        if (!yd->counts)
            continue;
        for (size_t o = 0; o < d->r->n_offices; o++) {
            if (yd->office_src[o].line) {
                check_office_counts(d, yd, o, diags);
                continue;
            }
            source_ref src = first_office_count(d, yd, o);
            if (src.line)
                diag_add(diags, DIAG_WARNING, d->files[src.file], src.line,
                         d->r->offices[o].code, "no_scores",
                         "office %s (%s) has answer counts for %d but no item "
                         "scores: they are not used",
                         d->r->offices[o].code, d->r->offices[o].name_en,
                         yd->year);
        }
    }
}
