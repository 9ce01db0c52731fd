#include "uncertainty.h"
#include "respondent_answers.h"
#include "text.h"
#include "uncertainty_tally.h"

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
/* Scores run from 0 to 100 in hundredths: 10,001 possible draws. */
#define HUNDREDTHS 10001

static const char *const basis_names[UNCERTAINTY_N_BASES] = {
    [UNCERTAINTY_UNKNOWN] = "", [UNCERTAINTY_BOUND] = "bound", [UNCERTAINTY_COUNTS] = "counts",
    [UNCERTAINTY_SD] = "sd", [UNCERTAINTY_RESPONDENTS] = "respondents", [UNCERTAINTY_EXACT] = "exact"};

const char *uncertainty_basis_name(uncertainty_basis basis)
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

unsigned long uncertainty_block_seed(unsigned long seed, size_t block)
{
    /* splitmix64 of the pair: neighbouring seeds and blocks land far
     * apart, and no seed is GSL's 0 (= 4357) */
    uint64_t x = (uint64_t)seed * 0x9E3779B97F4A7C15ull + (uint64_t)block +
                 0x2545F4914F6CDD1Dull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    unsigned long s = (unsigned long)(x & 0xFFFFFFFFu);
    return s ? s : 1;
}

static double level_value(int level, int levels)
{
    return 100.0 * (level - 1) / (levels - 1);
}

/* The sample variance of answers c[l] at levels l = 1..L; *total and *mean
 * receive their number and mean. */
static double counts_variance(const double *c, int levels, double *total,
                              double *mean)
{
    double n = 0, sum = 0, squares = 0;
    for (int l = 1; l <= levels; l++) {
        n += c[l - 1];
        sum += c[l - 1] * level_value(l, levels);
    }
    *total = n;
    *mean = n > 0 ? sum / n : NAN;
    for (int l = 1; l <= levels; l++) {
        double dev = level_value(l, levels) - *mean;
        squares += c[l - 1] * dev * dev;
    }
    return n > 1 ? squares / (n - 1) : NAN;
}

enum { MAX_LEVELS = 16 };

double uncertainty_counts_se(const double *counts, int levels, double *mean,
                             double *n)
{
    double c[MAX_LEVELS] = {0};
    int used = 0;
    levels = levels > MAX_LEVELS ? MAX_LEVELS : levels;
    for (int l = 0; l < levels; l++) {
        c[l] = isnan(counts[l]) ? 0 : counts[l];
        used += c[l] > 0;
    }
    double var = counts_variance(c, levels, n, mean);
    if (*n < 1 || levels < 2)
        return NAN;
    if (used == 1) {
        /* unanimous: half an answer at each end gives an honest spread */
        double augmented_n, augmented_mean;
        c[0] += 0.5;
        c[levels - 1] += 0.5;
        var = counts_variance(c, levels, &augmented_n, &augmented_mean);
    }
    return sqrt(var / *n);
}

double uncertainty_bound_se(double mean, double n)
{
    if (isnan(n) || n <= 0 || isnan(mean))
        return NAN;
    double edge = 100 * 0.5 / (n + 1);
    double mu = fmin(fmax(mean, edge), 100 - edge);
    return sqrt(mu * (100 - mu) / n);
}

double uncertainty_fpc(double n, double population)
{
    if (isnan(population) || isnan(n))
        return 1;
    if (n > population)
        return NAN;
    return sqrt(1 - n / population);
}

double uncertainty_combine_items(const double *w, const double *se, size_t k,
                                 double rho)
{
    double linear = 0, squares = 0;
    for (size_t j = 0; j < k; j++) {
        linear += w[j] * se[j];
        squares += w[j] * w[j] * se[j] * se[j];
    }
    return sqrt(rho * linear * linear + (1 - rho) * squares);
}

double uncertainty_linearised_se(const double *y, size_t n, size_t k,
                                 const double *w, double population)
{
    if (n < 2)
        return NAN;
    double *mean = xcalloc(k ? k : 1, sizeof *mean);
    double *answered = xcalloc(k ? k : 1, sizeof *answered);
    for (size_t r = 0; r < n; r++)
        for (size_t j = 0; j < k; j++)
            if (!isnan(y[r * k + j])) {
                mean[j] += y[r * k + j];
                answered[j]++;
            }
    bool complete = true;
    for (size_t j = 0; j < k; j++) {
        complete &= answered[j] > 0;
        mean[j] = answered[j] > 0 ? mean[j] / answered[j] : NAN;
    }
    double sum = 0;
    for (size_t r = 0; complete && r < n; r++) {
        double u = 0;
        for (size_t j = 0; j < k; j++)
            if (!isnan(y[r * k + j]))
                u += w[j] * ((double)n / answered[j]) *
                     (y[r * k + j] - mean[j]);
        sum += u * u;
    }
    free(mean);
    free(answered);
    if (!complete)
        return NAN;
    double fpc = uncertainty_fpc((double)n, population);
    return fpc * sqrt(sum / ((double)n * (double)(n - 1)));
}

double uncertainty_pass_threshold(double target)
{
    /* 100 x 85.1 is 8509.999999999998: a target with 2 decimals is kept */
    double cents = 100 * target, whole = round(cents);
    double t2 = (fabs(cents - whole) < 1e-6 ? whole : ceil(cents)) / 100;
    return t2 - 0.005;
}

double uncertainty_p_pass(double ita, double se, double target)
{
    if (isnan(se) || isnan(ita))
        return NAN;
    double threshold = uncertainty_pass_threshold(target);
    if (se == 0)
        return score_round2(ita) >= threshold + 0.005 - COMPARE_SLACK ? 1 : 0;
    return gsl_cdf_ugaussian_P((ita - threshold) / se);
}

typedef struct {
    double p;
    size_t at;
} indexed_p;

static int cmp_indexed_p(const void *a, const void *b)
{
    const indexed_p *x = a, *y = b;
    if (x->p != y->p)
        return x->p < y->p ? -1 : 1;
    return (x->at > y->at) - (x->at < y->at);
}

void uncertainty_bh(const double *p, size_t n, double *q)
{
    indexed_p *known = xmalloc((n ? n : 1) * sizeof *known);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        q[i] = NAN;
        if (!isnan(p[i]))
            known[m++] = (indexed_p){p[i], i};
    }
    qsort(known, m, sizeof *known, cmp_indexed_p);
    double running = 1;
    for (size_t k = m; k-- > 0;) {
        double v = known[k].p * (double)m / (double)(k + 1);
        running = fmin(running, v);
        q[known[k].at] = running;
    }
    free(known);
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


/* Where an office's answers are: the dataset, its year, and rho. */
typedef struct {
    const dataset *d;
    const year_data *yd;
    const model *m;
    double rho;
} answers;

/* A respondent group's population N of an office (NAN when not given);
 * t is the group's position in model.groups (a tool, or a part). */
static double tool_population(const answers *a, int office, size_t t)
{
    return a->yd ? a->yd->population[(size_t)office * a->m->n_groups + t]
                 : NAN;
}

/* An item's SE: from its counts, else from its tool's respondents (the
 * bound), else unknown; an assessor's check has none.  Multiplied by the
 * tool's finite-population factor. */
static uncertainty_se item_se(const answers *a, const office_score *s, int node)
{
    const model *m = a->m;
    const model_node *item = &m->nodes[node];
    int levels = model_answer_levels(item);
    if (levels < 2)
        return (uncertainty_se){.se = 0, .basis = UNCERTAINTY_EXACT};
    /* the respondents of the item's part, else of its tool */
    size_t t = (size_t)m->group_of[node];
    double n = s->respondents[t];
    size_t slot = (size_t)m->item_slot[node];
    const double *counts =
        a->yd ? item_counts(a->d, a->yd, s->office, slot, levels) : NULL;
    double mean, n_answers;
    uncertainty_se out = {NAN, UNCERTAINTY_UNKNOWN};
    if (counts)
        out.se = uncertainty_counts_se(counts, levels, &mean, &n_answers);
    if (!isnan(out.se)) {
        out.basis = UNCERTAINTY_COUNTS;
        n = isnan(n) ? n_answers : n;
    } else {
        out.se = uncertainty_bound_se(s->node[node], n);
        out.basis = isnan(out.se) ? UNCERTAINTY_UNKNOWN : UNCERTAINTY_BOUND;
    }
    /* n > N is reported by uncertainty_check_counts; no interval then */
    out.se *= uncertainty_fpc(n, tool_population(a, s->office, t));
    if (isnan(out.se))
        out.basis = UNCERTAINTY_UNKNOWN;
    return out;
}

/* The items under a node, with their shares of its score, appended to
 * nodes[]/w[] (k counts them). */
static void collect_items(const model *m, int top, int node, int *nodes,
                          double *w, size_t *k)
{
    const model_node *n = &m->nodes[node];
    if (n->kind == NODE_ITEM) {
        nodes[*k] = node;
        w[(*k)++] = n->ita_weight / m->nodes[top].ita_weight;
        return;
    }
    for (size_t c = 0; c < n->n_children; c++)
        collect_items(m, top, n->children[c], nodes, w, k);
}

/* A tool's SE from its own sd column; false when not given. */
static bool tool_sd_se(const answers *a, const office_score *s, int node,
                       uncertainty_se *out)
{
    const model *m = a->m;
    int group = m->group_of[node];
    /* a tool, or a part of one: what the respondents file names */
    if (group < 0 || m->groups[group] != node || !a->yd)
        return false;
    size_t t = (size_t)group;
    double sd = a->yd->tool_sd[(size_t)s->office * m->n_groups + t];
    double n = s->respondents[t];
    if (isnan(sd) || isnan(n) || n <= 0)
        return false;
    double fpc = uncertainty_fpc(n, tool_population(a, s->office, t));
    *out = (uncertainty_se){fpc * sd / sqrt(n), isnan(fpc) ? UNCERTAINTY_UNKNOWN : UNCERTAINTY_SD};
    return true;
}

/* The items under a node (collect_items) with their shares of it, and
 * room for their SEs: buffers of the model's item count, reused from
 * node to node. */
typedef struct {
    int *items;
    double *w, *se;
    size_t k;
} node_items;

/* A node's SE by exact linearisation of its office's respondent-level
 * answers (the items collected in under with their shares); false when
 * there are none, or too few to say (then the other paths are tried). */
static bool answers_se(const answers *a, const office_score *s, int node,
                       const node_items *under, uncertainty_se *out)
{
    const int *items = under->items;
    const double *w = under->w;
    size_t k = under->k;
    const model *m = a->m;
    int group = m->group_of[node];
    size_t t = group >= 0 ? (size_t)group : 0;
    const answer_matrix *am =
        a->yd && group >= 0
            ? respondent_answers_find(a->d, a->yd->year, s->office, t)
            : NULL;
    if (!am || k == 0)
        return false;
    double *y = xmalloc((am->n + 1) * k * sizeof *y);
    bool all = true;
    for (size_t j = 0; j < k && all; j++) {
        size_t col = 0;
        int slot = m->item_slot[items[j]];
        while (col < am->k && am->slots[col] != slot)
            col++;
        all = col < am->k;
        for (size_t r = 0; all && r < am->n; r++)
            y[r * k + j] = am->y[r * am->k + col];
    }
    double se = all ? uncertainty_linearised_se(y, am->n, k, w,
                                                tool_population(a, s->office, t))
                    : NAN;
    free(y);
    if (isnan(se))
        return false;
    *out = (uncertainty_se){se, UNCERTAINTY_RESPONDENTS};
    return true;
}

/* The SE of a tool answered in parts (model.groups), from its parts' SEs
 * (out[part]): different people answer each part, so their errors are
 * independent, as IIT's and EIT's in ITA: SE² = Σ (share_p SE_p)², share_p
 * the part's share of the tool. */
static uncertainty_se parts_se(const model *m, int tool, const uncertainty_se *out)
{
    const model_node *n = &m->nodes[tool];
    double variance = 0;
    uncertainty_basis basis = UNCERTAINTY_EXACT;
    for (size_t c = 0; c < n->n_children; c++) {
        int part = n->children[c];
        double share = m->nodes[part].ita_weight / n->ita_weight;
        variance += share * share * out[part].se * out[part].se;
        basis = out[part].basis < basis ? out[part].basis : basis;
    }
    return (uncertainty_se){basis == UNCERTAINTY_UNKNOWN ? NAN : sqrt(variance), basis};
}

/* Fills out[node] for a node and everything below it: items from counts
 * or the bound, other nodes by the best path the data allow (see the
 * header). */
static void node_se(const answers *a, const office_score *s, int node,
                    node_items *under, uncertainty_se *out)
{
    const model *m = a->m;
    const model_node *n = &m->nodes[node];
    if (n->kind == NODE_ITEM) {
        out[node] = item_se(a, s, node);
        return;
    }
    for (size_t c = 0; c < n->n_children; c++)
        node_se(a, s, n->children[c], under, out);
    if (m->group_of[node] < 0) {
        out[node] = parts_se(m, node, out);
        return;
    }
    int *items = under->items;
    double *w = under->w, *se = under->se;
    size_t k = 0;
    collect_items(m, node, node, items, w, &k);
    under->k = k;
    if (model_has_respondents(&m->nodes[n->tool]) &&
        answers_se(a, s, node, under, &out[node]))
        return;
    if (tool_sd_se(a, s, node, &out[node]))
        return;
    uncertainty_basis basis = UNCERTAINTY_EXACT;
    for (size_t j = 0; j < k; j++) {
        se[j] = out[items[j]].se;
        basis = out[items[j]].basis < basis ? out[items[j]].basis : basis;
    }
    out[node] = (uncertainty_se){basis == UNCERTAINTY_UNKNOWN
                             ? NAN
                             : uncertainty_combine_items(w, se, k, a->rho),
                         basis};
}

/* Every measure of one office: the nodes, then ITA over the tools, and the
 * chance of passing. */
static void office_se(const answers *a, const year_scores *ys,
                      const office_score *s, uncertainty_se *measures, uncertainty_office *out)
{
    const model *m = ys->m;
    uncertainty_se *nodes = measures + 1;
    size_t cap = m->n_items ? m->n_items : 1;
    node_items under = {xmalloc(cap * sizeof *under.items),
                        xmalloc(cap * sizeof *under.w),
                        xmalloc(cap * sizeof *under.se), 0};
    double variance = 0;
    uncertainty_basis basis = UNCERTAINTY_EXACT;
    for (size_t t = 0; t < m->n_tools; t++) {
        int tool = m->tools[t];
        node_se(a, s, tool, &under, nodes);
        double part = m->nodes[tool].ita_weight * nodes[tool].se;
        variance += part * part;
        if (nodes[tool].basis < basis)
            basis = nodes[tool].basis;
    }
    free(under.items);
    free(under.w);
    free(under.se);
    double ita_se = basis == UNCERTAINTY_UNKNOWN ? NAN : sqrt(variance);
    measures[0] = (uncertainty_se){ita_se, basis};
    /* from the published 2-decimal ITA, as the workbooks' formula */
    out->p_pass = uncertainty_p_pass(s->ita_r2, ita_se, ys->target);
}

/* One pass of the rank simulation: every replicate is drawn, and the
 * ranks of offices first .. first + count - 1 are tallied. */
typedef struct {
    size_t n;                /* offices */
    const double *centre;    /* [pos] the ITA */
    const double *sd;        /* [pos] its SE; 0 = stays at its score */
    size_t replicates;
    unsigned long seed;
    size_t first, count;
    /* Per office of the pass, `width` counters: with fewer replicates than
     * offices (raw) its rank in each replicate, [(pos - first) * R + r];
     * else how often it came at each rank, [(pos - first) * n + rank - 1].
     * Either way unused cells stay 0, so tallies of workers add up. */
    bool raw;
    size_t width;
    uint32_t *tally;
    uint32_t *cents;         /* [pos] one replicate's draws in hundredths */
    uint32_t *above;         /* [HUNDREDTHS] the counting table */
    uint32_t *order;         /* [n] positions, best first (rank_replicate) */
    int *ranks;              /* [pos] */
} rank_pass;

/* A draw clipped to [0, 100] and rounded to hundredths. */
static uint32_t draw_cents(double draw)
{
    return (uint32_t)lround(fmin(fmax(draw, 0), 100) * 100);
}

/* Offices up to this many are ranked by keeping them sorted from one
 * replicate to the next (draws stay near their centres, so each replicate
 * needs few moves); more, by counting through a table of hundredths. */
#define SORTED_RANKING_MAX 256

/* Standard competition ranks (1 = best) of one replicate: a rank is 1 +
 * the number of strictly higher draws.  Few offices: p->order, the
 * positions sorted by the previous replicate's draws, is re-sorted by
 * insertion (a few moves each time) and read from the top; many: the
 * draws are counted in a table of their hundredths.  Either gives the
 * same ranks whatever order the offices start in. */
static void rank_replicate(rank_pass *p)
{
    size_t n = p->n;
    const uint32_t *v = p->cents;
    if (n <= SORTED_RANKING_MAX) {
        uint32_t *order = p->order;
        for (size_t i = 1; i < n; i++) {
            uint32_t pos = order[i], key = v[pos];
            size_t j = i;
            for (; j > 0 && v[order[j - 1]] < key; j--)
                order[j] = order[j - 1];
            order[j] = pos;
        }
        int rank = 1;
        for (size_t i = 0; i < n; i++) {
            if (i > 0 && v[order[i]] != v[order[i - 1]])
                rank = (int)i + 1;
            p->ranks[order[i]] = rank;
        }
        return;
    }
    uint32_t low = UINT32_MAX, high = 0;
    for (size_t i = 0; i < n; i++) {
        low = v[i] < low ? v[i] : low;
        high = v[i] > high ? v[i] : high;
    }
    size_t span = (size_t)(high - low) + 1;
    memset(p->above, 0, span * sizeof *p->above);
    for (size_t i = 0; i < n; i++)
        p->above[v[i] - low]++;
    /* above[v]: draws strictly higher than low + v */
    uint32_t higher = 0;
    for (size_t k = span; k-- > 0;) {
        uint32_t here = p->above[k];
        p->above[k] = higher;
        higher += here;
    }
    for (size_t i = 0; i < n; i++)
        p->ranks[i] = (int)(1 + p->above[v[i] - low]);
}

/* Draws replicate blocks b = from, from + step, ... and tallies them. */
static void tally_blocks(rank_pass *p, size_t from, size_t step)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    size_t blocks = (p->replicates + UNCERTAINTY_BLOCK - 1) / UNCERTAINTY_BLOCK;
    for (size_t b = from; b < blocks; b += step) {
        gsl_rng_set(rng, uncertainty_block_seed(p->seed, b));
        size_t in_block = p->replicates - b * UNCERTAINTY_BLOCK < UNCERTAINTY_BLOCK
                              ? p->replicates - b * UNCERTAINTY_BLOCK
                              : UNCERTAINTY_BLOCK;
        for (size_t r = 0; r < in_block; r++) {
            for (size_t i = 0; i < p->n; i++)
                p->cents[i] = draw_cents(
                    p->sd[i] > 0
                        ? p->centre[i] + gsl_ran_gaussian_ziggurat(rng, p->sd[i])
                        : p->centre[i]);
            rank_replicate(p);
            size_t replicate = b * UNCERTAINTY_BLOCK + r;
            if (p->raw)
                for (size_t i = 0; i < p->count; i++)
                    p->tally[i * p->width + replicate] =
                        (uint32_t)p->ranks[p->first + i];
            else
                for (size_t i = 0; i < p->count; i++)
                    p->tally[i * p->width +
                             (size_t)p->ranks[p->first + i] - 1]++;
        }
    }
    gsl_rng_free(rng);
}

static void tally_share(void *ctx, size_t from, size_t step)
{
    tally_blocks(ctx, from, step);
}

/* Draws every block, in worker processes when asked (uncertainty_tally.h): the
 * tallies are sums, the same whoever drew which block. */
static void tally_all(rank_pass *p, int jobs)
{
    size_t blocks = (p->replicates + UNCERTAINTY_BLOCK - 1) / UNCERTAINTY_BLOCK;
    if (jobs > 1 && blocks > 1 &&
        uncertainty_tally_parallel(p->tally, p->count * p->width, jobs, blocks,
                           tally_share, p))
        return;
    tally_blocks(p, 0, 1);
}

/* The k-th smallest (from 0) of the ranks tallied in counts[0..n). */
static int tallied_rank(const uint32_t *counts, size_t n, size_t k)
{
    size_t seen = 0;
    for (size_t v = 0; v < n; v++) {
        seen += counts[v];
        if (seen > k)
            return (int)v + 1;
    }
    return (int)n;
}

/* The k-th smallest (from 0) of an office's R ranks kept raw: counted in
 * counts[0..n) first. */
static int raw_rank(const uint32_t *ranks, size_t r, size_t n, size_t k,
                    uint32_t *counts)
{
    memset(counts, 0, n * sizeof *counts);
    for (size_t i = 0; i < r; i++)
        counts[ranks[i] - 1]++;
    return tallied_rank(counts, n, k);
}

/* Rank intervals by R seeded replicates, tallied in passes over the
 * offices so that at most `budget` counters are kept: min(R, n) per
 * office. */
static void simulate_ranks(year_uncertainty *yu, size_t replicates,
                           const uncertainty_options *opt)
{
    size_t n = yu->ys->n;
    size_t budget = opt->tally_budget ? opt->tally_budget : UNCERTAINTY_TALLY_BUDGET;
    bool raw = replicates < n;
    size_t width = raw ? replicates : n;
    size_t per_pass = budget / width ? budget / width : 1;
    per_pass = per_pass > n ? n : per_pass;
    double *centre = xmalloc(n * sizeof *centre);
    double *sd = xmalloc(n * sizeof *sd);
    for (size_t pos = 0; pos < n; pos++) {
        double se = yu->se[pos * yu->n_measures].se;
        centre[pos] = yu->ys->offices[pos].ita;
        sd[pos] = se > 0 ? se : 0;
    }
    rank_pass p = {.n = n, .centre = centre, .sd = sd,
                   .replicates = replicates, .seed = opt->seed,
                   .raw = raw, .width = width,
                   .tally = xmalloc(per_pass * width * sizeof *p.tally),
                   .cents = xmalloc(n * sizeof *p.cents),
                   .above = xmalloc(HUNDREDTHS * sizeof *p.above),
                   .order = xmalloc(n * sizeof *p.order),
                   .ranks = xmalloc(n * sizeof *p.ranks)};
    for (size_t pos = 0; pos < n; pos++)
        p.order[pos] = (uint32_t)pos;
    uint32_t *counts = raw ? xmalloc(n * sizeof *counts) : NULL;
    size_t low = (RANK_LOW_PER_MILLE * replicates + 999) / 1000;
    size_t high = (RANK_HIGH_PER_MILLE * replicates + 999) / 1000;
    for (p.first = 0; p.first < n; p.first += p.count) {
        p.count = n - p.first < per_pass ? n - p.first : per_pass;
        memset(p.tally, 0, p.count * width * sizeof *p.tally);
        tally_all(&p, opt->jobs);
        for (size_t i = 0; i < p.count; i++) {
            size_t pos = p.first + i;
            const uint32_t *t = &p.tally[i * width];
            if (yu->se[pos * yu->n_measures].basis == UNCERTAINTY_UNKNOWN)
                continue;
            /* the count table of rank_replicate has room for n ranks */
            yu->offices[pos].rank_low =
                raw ? raw_rank(t, replicates, n, low - 1, counts)
                    : tallied_rank(t, n, low - 1);
            yu->offices[pos].rank_high =
                raw ? raw_rank(t, replicates, n, high - 1, counts)
                    : tallied_rank(t, n, high - 1);
        }
    }
    yu->replicates = replicates;
    free(counts);
    free(p.tally);
    free(p.cents);
    free(p.above);
    free(p.order);
    free(p.ranks);
    free(centre);
    free(sd);
}

static double measure_value(const office_score *s, size_t measure)
{
    return measure == 0 ? s->ita : s->node[measure - 1];
}

/* The measure of the earlier year's framework that is `measure` of the
 * later year's (model_measure_in: the same id), or -1: an item of one
 * framework only has no change (issue 20). */
static long earlier_measure(const year_uncertainty *earlier,
                            const year_uncertainty *later, size_t measure)
{
    return model_measure_in(later->ys->m, measure, earlier->ys->m);
}

/* The change of one measure (the later year's numbering, in both years'
 * frameworks: earlier_measure >= 0) between two offices' records, without
 * its q-value. */
static uncertainty_change raw_change(const year_uncertainty *earlier,
                             const year_uncertainty *later,
                             const office_score *a, const office_score *b,
                             size_t measure)
{
    size_t then = (size_t)earlier_measure(earlier, later, measure);
    uncertainty_se ua = earlier->se[(size_t)(a - earlier->ys->offices) *
                                earlier->n_measures + then];
    uncertainty_se ub = later->se[(size_t)(b - later->ys->offices) *
                              later->n_measures + measure];
    double z = later->z;
    uncertainty_change c = {
        .delta = score_round2(measure_value(b, measure)) -
                 score_round2(measure_value(a, then)),
        .se = sqrt(ua.se * ua.se + ub.se * ub.se),
        .basis = ua.basis < ub.basis ? ua.basis : ub.basis,
        .q = NAN,
    };
    /* two 2-decimal values differ by a whole number of hundredths */
    c.delta = score_round2(c.delta);
    bool known = c.basis != UNCERTAINTY_UNKNOWN;
    c.se = known ? c.se : NAN;
    c.low = known ? c.delta - z * c.se : NAN;
    c.high = known ? c.delta + z * c.se : NAN;
    if (!known)
        c.p = NAN;
    else if (c.se > 0)
        c.p = 2 * gsl_cdf_ugaussian_Q(fabs(c.delta) / c.se);
    else
        c.p = c.delta != 0 ? 0 : 1;
    return c;
}

/* The q-values of every office's change of one measure, by position in
 * later->ys->offices (NAN where not in both years or unknown). */
static void measure_q(const year_uncertainty *earlier,
                      const year_uncertainty *later, size_t measure,
                      double *p, double *q)
{
    bool both = earlier_measure(earlier, later, measure) >= 0;
    for (size_t pos = 0; pos < later->ys->n; pos++) {
        const office_score *b = &later->ys->offices[pos];
        const office_score *a = both ? scores_find(earlier->ys, b->office)
                                     : NULL;
        p[pos] = a ? raw_change(earlier, later, a, b, measure).p : NAN;
    }
    uncertainty_bh(p, later->ys->n, q);
}

/* later->change_q: the q-values of every measure against earlier. */
static void compare_years(year_uncertainty *later,
                          const year_uncertainty *earlier)
{
    size_t n = later->ys->n, nm = later->n_measures;
    later->previous = earlier;
    later->change_q = xmalloc((n ? n : 1) * nm * sizeof *later->change_q);
    double *p = xmalloc((n ? n : 1) * sizeof *p);
    double *q = xmalloc((n ? n : 1) * sizeof *q);
    for (size_t measure = 0; measure < nm; measure++) {
        measure_q(earlier, later, measure, p, q);
        for (size_t pos = 0; pos < n; pos++)
            later->change_q[pos * nm + measure] = q[pos];
    }
    free(p);
    free(q);
}

year_uncertainty *uncertainty_compute(const dataset *d, const year_scores *ys,
                                      const uncertainty_options *opt)
{
    year_uncertainty *yu = xcalloc(1, sizeof *yu);
    size_t n = ys->n ? ys->n : 1;
    *yu = (year_uncertainty){
        .ys = ys,
        .z = gsl_cdf_ugaussian_Pinv(0.975),
        .item_correlation = opt->item_correlation,
        .n_measures = 1 + ys->m->n_nodes,
        .seed = opt->seed,
    };
    yu->se = xcalloc(n * yu->n_measures, sizeof *yu->se);
    yu->offices = xcalloc(n, sizeof *yu->offices);
    answers a = {d, dataset_find_year(d, ys->year), ys->m,
                 opt->item_correlation};
    for (size_t pos = 0; pos < ys->n; pos++)
        office_se(&a, ys, &ys->offices[pos], &yu->se[pos * yu->n_measures],
                  &yu->offices[pos]);
    if (opt->ranks && ys->n > 0)
        simulate_ranks(yu, opt->replicates ? opt->replicates
                                           : uncertainty_default_replicates(ys->n),
                       opt);
    if (opt->previous)
        compare_years(yu, opt->previous);
    return yu;
}

void uncertainty_free(year_uncertainty *yu)
{
    if (!yu)
        return;
    free(yu->se);
    free(yu->offices);
    free(yu->change_q);
    free(yu);
}

uncertainty_interval uncertainty_of(const year_uncertainty *yu, size_t pos,
                            size_t measure)
{
    uncertainty_se stored = yu->se[pos * yu->n_measures + measure];
    if (stored.basis == UNCERTAINTY_UNKNOWN)
        return (uncertainty_interval){NAN, NAN, NAN, UNCERTAINTY_UNKNOWN};
    double score = measure_value(&yu->ys->offices[pos], measure);
    return (uncertainty_interval){
        .se = stored.se,
        .low = fmax(0, score - yu->z * stored.se),
        .high = fmin(100, score + yu->z * stored.se),
        .basis = stored.basis,
    };
}

bool uncertainty_change_of(const year_uncertainty *earlier,
                        const year_uncertainty *later, int office,
                        size_t measure, uncertainty_change *out)
{
    const office_score *a = scores_find(earlier->ys, office);
    const office_score *b = scores_find(later->ys, office);
    if (!a || !b || earlier_measure(earlier, later, measure) < 0)
        return false;
    uncertainty_change c = raw_change(earlier, later, a, b, measure);
    size_t pos = (size_t)(b - later->ys->offices);
    if (later->previous == earlier && later->change_q) {
        c.q = later->change_q[pos * later->n_measures + measure];
    } else {
        size_t n = later->ys->n;
        double *p = xmalloc(n * sizeof *p), *q = xmalloc(n * sizeof *q);
        measure_q(earlier, later, measure, p, q);
        c.q = q[pos];
        free(p);
        free(q);
    }
    c.significant = !isnan(c.q) && c.q < UNCERTAINTY_FDR;
    *out = c;
    return true;
}

static int cmp_mover(const void *a, const void *b)
{
    const uncertainty_mover *x = a, *y = b;
    if (x->change.delta != y->change.delta)
        return x->change.delta < y->change.delta ? 1 : -1;
    return (x->office > y->office) - (x->office < y->office);
}

uncertainty_mover *uncertainty_movers(const year_uncertainty *earlier,
                              const year_uncertainty *later, size_t measure,
                              size_t *n)
{
    const year_scores *ys = later->ys;
    size_t cap = ys->n ? ys->n : 1;
    uncertainty_mover *movers = xmalloc(cap * sizeof *movers);
    double *p = xmalloc(cap * sizeof *p), *q = xmalloc(cap * sizeof *q);
    measure_q(earlier, later, measure, p, q);
    *n = 0;
    bool both = earlier_measure(earlier, later, measure) >= 0;
    for (size_t pos = 0; both && pos < ys->n; pos++) {
        const office_score *b = &ys->offices[pos];
        const office_score *a = scores_find(earlier->ys, b->office);
        if (!a)
            continue;
        uncertainty_mover *m = &movers[(*n)++];
        m->office = b->office;
        m->change = raw_change(earlier, later, a, b, measure);
        m->change.q = q[pos];
        m->change.significant = !isnan(q[pos]) && q[pos] < UNCERTAINTY_FDR;
    }
    free(p);
    free(q);
    qsort(movers, *n, sizeof *movers, cmp_mover);
    if (*n == 0) {
        free(movers);
        return NULL;
    }
    return movers;
}

static int cmp_city_change(const void *a, const void *b)
{
    const uncertainty_city_change *x = a, *y = b;
    double dx = fabs(x->mean_delta), dy = fabs(y->mean_delta);
    if (x->n && y->n && dx != dy)
        return dx < dy ? 1 : -1;
    if ((x->n == 0) != (y->n == 0))
        return x->n == 0 ? 1 : -1;
    return (x->measure > y->measure) - (x->measure < y->measure);
}

/* The mean change of one measure over the offices in both years. */
static uncertainty_city_change city_change(const year_uncertainty *earlier,
                                   const year_uncertainty *later,
                                   size_t measure)
{
    uncertainty_city_change c = {.measure = measure, .p = NAN, .q = NAN};
    double sum = 0, variance = 0;
    bool both = earlier_measure(earlier, later, measure) >= 0;
    for (size_t pos = 0; both && pos < later->ys->n; pos++) {
        const office_score *b = &later->ys->offices[pos];
        const office_score *a = scores_find(earlier->ys, b->office);
        if (!a)
            continue;
        uncertainty_change one = raw_change(earlier, later, a, b, measure);
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
    if (!isnan(c.se))
        c.p = c.se > 0 ? 2 * gsl_cdf_ugaussian_Q(fabs(c.mean_delta) / c.se)
                       : (fabs(c.mean_delta) > COMPARE_SLACK ? 0 : 1);
    return c;
}

uncertainty_city_change *uncertainty_item_changes(const year_uncertainty *earlier,
                                          const year_uncertainty *later)
{
    const model *m = later->ys->m;
    size_t cap = m->n_items ? m->n_items : 1;
    uncertainty_city_change *out = xmalloc(cap * sizeof *out);
    double *p = xmalloc(cap * sizeof *p), *q = xmalloc(cap * sizeof *q);
    for (size_t s = 0; s < m->n_items; s++) {
        out[s] = city_change(earlier, later, model_node_measure(m->items[s]));
        p[s] = out[s].p;
    }
    uncertainty_bh(p, m->n_items, q);
    for (size_t s = 0; s < m->n_items; s++) {
        out[s].q = q[s];
        out[s].significant = !isnan(q[s]) && q[s] < UNCERTAINTY_FDR;
    }
    free(p);
    free(q);
    qsort(out, m->n_items, sizeof *out, cmp_city_change);
    return out;
}

void uncertainty_summarize(const year_uncertainty *yu, int places,
                           uncertainty_summary *out)
{
    *out = (uncertainty_summary){.n = yu->ys->n};
    for (size_t pos = 0; pos < yu->ys->n; pos++) {
        uncertainty_se ita = yu->se[pos * yu->n_measures];
        const uncertainty_office *o = &yu->offices[pos];
        out->by_basis[ita.basis]++;
        if (ita.basis == UNCERTAINTY_UNKNOWN)
            continue;
        out->known++;
        out->approximate += ita.basis == UNCERTAINTY_BOUND;
        out->wide_ranks += o->rank_low && o->rank_high - o->rank_low > places;
        if (yu->ys->offices[pos].pass)
            out->above_at_risk += o->p_pass <= 1 - UNCERTAINTY_CHANCE_TAIL;
        else
            out->below_in_reach += o->p_pass >= UNCERTAINTY_CHANCE_TAIL;
    }
}
static void check_populations(const dataset *d, const year_data *yd,
                              diag_list *diags);

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
    const model *m = yd->m;
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
    size_t width = yd->m->n_items * yd->count_width;
    return first_count_row(&yd->count_src[dataset_count_index(d, yd, o, 0)],
                           (int)width);
}

void uncertainty_check_counts(const dataset *d, diag_list *diags)
{
    for (size_t y = 0; y < d->n_years; y++) {
        const year_data *yd = &d->years[y];
        check_populations(d, yd, diags);
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

/* A population smaller than its respondents (n > N) cannot be: an error
 * at the respondents row that gives both. */
static void check_populations(const dataset *d, const year_data *yd,
                              diag_list *diags)
{
    const model *m = yd->m;
    for (size_t o = 0; o < d->r->n_offices; o++)
        for (size_t t = 0; t < m->n_groups; t++) {
            size_t at = o * m->n_groups + t;
            double n = yd->respondents[at], big_n = yd->population[at];
            if (isnan(n) || isnan(big_n) || n <= big_n)
                continue;
            source_ref src = yd->resp_src[at];
            diag_add(diags, DIAG_ERROR, d->files[src.file], src.line,
                     d->r->offices[o].code, "population",
                     "office %s (%s) %d: %s has %.0f respondents but a "
                     "population of %.0f: the respondents are part of the "
                     "population, so n cannot exceed N",
                     d->r->offices[o].code, d->r->offices[o].name_en,
                     yd->year, m->nodes[m->groups[t]].id, n, big_n);
        }
}
