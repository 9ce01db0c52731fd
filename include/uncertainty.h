/*
 * uncertainty: how sure each score and each rank is, by method 2 of the
 * project's uncertainty spec.  Between scores and statistics in the data
 * flow: it reads a dataset's answer counts, respondent counts (with the
 * optional population and sd), respondent-level answers and a year's
 * scores, and computes no score itself.
 *
 *   item   with answer counts c_l at levels v_l = 100 (l-1)/(L-1):
 *          SE = s / sqrt(n), s^2 = sum c_l (v_l - mean)^2 / (n - 1), and
 *          when every answer is at one level s is taken from the counts
 *          with half an answer added at the lowest and at the highest
 *          level (never 0); with only the tool's respondents n: the bound
 *          SE = sqrt(mu (100 - mu) / n), mu moved 100 * 0.5 / (n + 1) off
 *          an edge (approximate); an assessor's check (OIT): SE = 0.  With
 *          the tool's population N every survey SE is multiplied by
 *          sqrt(1 - n / N).
 *   node   (tool, indicator, sub-indicator) from respondent-level answers
 *          by exact linearisation; else a tool from its `sd` column,
 *          sqrt(1 - n/N) sd / sqrt(n); else from its items' SEs with an
 *          assumed common correlation rho between items:
 *          SE^2 = rho (sum w SE)^2 + (1 - rho) sum w^2 SE^2, w the item's
 *          share of the node.  Respondents, N and sd are those of the
 *          node's respondent group (model.groups): its part, for a tool
 *          answered in parts; such a tool combines its parts as
 *          independent samples, SE^2 = sum (s_p SE_p)^2, s_p the part's
 *          share of the tool.
 *   ITA    SE^2 = sum over tools (W_T SE_T)^2 (independent samples);
 *          95 % interval score -/+ z SE clipped to [0, 100], z =
 *          gsl_cdf_ugaussian_Pinv(0.975); chance of passing
 *          Phi((ITA - (T2 - 0.005)) / SE), T2 = ceil(100 target) / 100,
 *          from the published 2-decimal ITA (as the workbooks' NORM.DIST
 *          formula sees it).
 *   ranks  R replicates, every office's ITA drawn from Normal(ITA, SE^2)
 *          (gsl_ran_gaussian_ziggurat), clipped to [0, 100], rounded to 2
 *          decimals and ranked by counting (standard competition ranking);
 *          the interval is the ceil(0.025 R)-th to the ceil(0.975 R)-th
 *          smallest rank.  Replicates come in blocks of UNCERTAINTY_BLOCK, block b
 *          seeded by uncertainty_block_seed(seed, b), so the result is the
 *          same however the blocks are shared out; each office's ranks are
 *          kept as a tally by rank (or, with fewer replicates than
 *          offices, as they are), in passes over the offices of at most
 *          UNCERTAINTY_TALLY_BUDGET counters.
 *   change delta of the 2-decimal scores, SE = sqrt(SE_t^2 + SE_t-1^2),
 *          p = 2 (1 - Phi(|delta| / SE)); Benjamini-Hochberg q-values
 *          within each measure across the offices (and across the items
 *          of the city-wide item changes); significant when q < 0.05.
 *
 * An office whose ITA has no SE (no counts, no respondents) has no interval
 * and no rank interval; in the other offices' replicates it stays at its
 * score.
 */
#ifndef ITABENCH_UNCERTAINTY_H
#define ITABENCH_UNCERTAINTY_H

#include "dataset.h"
#include "diag.h"
#include "scores.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where an SE comes from (the results CSV's se_method); a node or the ITA
 * has the weakest basis of its parts, an assessor's check counting as no
 * weakness.  Ordered weakest first. */
typedef enum {
    UNCERTAINTY_UNKNOWN,      /* neither answer counts nor respondents: no interval */
    UNCERTAINTY_BOUND,        /* some item from the respondents-only bound */
    UNCERTAINTY_COUNTS,       /* item SEs from answer counts, combined with rho */
    UNCERTAINTY_SD,           /* the tool's own sd column */
    UNCERTAINTY_RESPONDENTS,  /* respondent-level answers: exact linearisation */
    UNCERTAINTY_EXACT,        /* only assessor's checks: no sampling error */
    UNCERTAINTY_N_BASES
} uncertainty_basis;

typedef struct {
    double se;         /* standard error; NAN when the basis is unknown */
    double low, high;  /* 95 % interval, clipped to [0, 100]; NAN if unknown */
    uncertainty_basis basis;
} uncertainty_interval;

typedef struct {
    double p_pass;     /* chance that the 2-decimal ITA reaches the target,
                          0..1; NAN when unknown */
    int rank_low;      /* 95 % rank interval (1 = best); 0 when unknown or */
    int rank_high;     /* when no replicates were run */
} uncertainty_office;

/* A measure's standard error as stored: 16 bytes per office and node, so
 * that 8,300 offices x 118 nodes stay at 16 MB; intervals are made from it
 * on demand (uncertainty_of). */
typedef struct {
    double se;         /* NAN when the basis is unknown */
    uncertainty_basis basis;
} uncertainty_se;

typedef struct year_uncertainty year_uncertainty;

struct year_uncertainty {
    const year_scores *ys;   /* borrowed: positions below are its offices[] */
    double z;                /* gsl_cdf_ugaussian_Pinv(0.975) */
    double item_correlation; /* rho used for SEs from item SEs */
    size_t n_measures;       /* 1 + model n_nodes: 0 = ITA, 1 + node */
    uncertainty_se *se;              /* [pos * n_measures + measure] */
    uncertainty_office *offices;     /* [pos] */
    size_t replicates;       /* rank replicates run; 0 = no rank intervals */
    unsigned long seed;      /* of the replicates */
    /* The year compared with (uncertainty_options.previous), and the q-values of
     * every change since it: [pos * n_measures + measure], NAN where the
     * office is not in both years or the change is unknown; NULL without
     * a previous year. */
    const year_uncertainty *previous;
    double *change_q;
};

/* The default within-tool item correlation rho (--item-correlation). */
#define UNCERTAINTY_DEFAULT_ITEM_CORRELATION 0.5

typedef struct {
    unsigned long seed;      /* of the replicates (uncertainty_block_seed) */
    size_t replicates;       /* 0 = uncertainty_default_replicates(n) */
    bool ranks;              /* simulate rank intervals */
    double item_correlation; /* rho, 0..1 */
    /* The previous year's uncertainty (borrowed, may be NULL): the
     * changes' q-values are computed against it. */
    const year_uncertainty *previous;
    /* Counters of the rank tally (offices x ranks per pass); 0 =
     * UNCERTAINTY_TALLY_BUDGET.  Smaller values only make more passes (tests). */
    size_t tally_budget;
    /* Worker processes drawing the replicate blocks (0 or 1: this one);
     * the result is the same for any number. */
    int jobs;
} uncertainty_options;

/* The default seed of the rank replicates (--seed). */
#define UNCERTAINTY_DEFAULT_SEED 2564UL
/* Replicates drawn from one seeded stream. */
#define UNCERTAINTY_BLOCK 1000
/* At most this many rank counters (4 bytes each: 64 MiB) are kept at once,
 * whatever R and the number of offices. */
#define UNCERTAINTY_TALLY_BUDGET ((size_t)16 << 20)

/* The default number of rank replicates for n offices: 10,000 while
 * n x 10,000 draws stay within 5 million (up to 500 offices), else
 * 5,000,000 / n, but never fewer than 1,000 (2,000 offices: 2,500; 8,300
 * offices: 1,000), so that time stays about linear in n. */
size_t uncertainty_default_replicates(size_t n_offices);

/* The seed of replicate block b of a run seeded `seed`: a mix of both
 * (splitmix64) cut to the 32 bits gsl_rng_mt19937 keeps, never 0 (GSL
 * would map 0 to its default 4357), so that different seeds and blocks
 * give different streams. */
unsigned long uncertainty_block_seed(unsigned long seed, size_t block);

/* The SE of an item's mean from its answer counts counts[0..levels)
 * (NAN cells count as 0); *mean and *n receive the counts' mean (0..100)
 * and their total.  When every answer is at one level, the spread is taken
 * with half an answer added at the lowest and at the highest level, so the
 * SE is never 0.  NAN when n < 1. */
double uncertainty_counts_se(const double *counts, int levels, double *mean,
                             double *n);

/* The respondents-only bound on an item's SE: sqrt(mu (100 - mu) / n),
 * mu = mean, moved to 100 * 0.5 / (n + 1) from 0 or 100 when at an edge.
 * NAN when n is unknown or not positive. */
double uncertainty_bound_se(double mean, double n);

/* The finite-population factor sqrt(1 - n / N); 1 when N is unknown
 * (NAN) or n is; NAN when n > N. */
double uncertainty_fpc(double n, double population);

/* A node's SE from the SEs se[0..k) of its items with shares w[0..k) of
 * its score and a common correlation rho between their errors:
 * sqrt(rho (sum w se)^2 + (1 - rho) sum w^2 se^2). */
double uncertainty_combine_items(const double *w, const double *se, size_t k,
                                 double rho);

/* The exact linearised SE of a weighted mean of item means from
 * respondent-level answers: y[r * k + j] is respondent r's answer to item
 * j on 0..100 (NAN when not answered), n respondents, w[j] the items'
 * shares.  u_r = sum_j w_j (n / n_j) a_rj (y_rj - ybar_j), SE^2 = (1 - n /
 * N) sum u_r^2 / (n (n - 1)) (population NAN: no factor).  NAN when n < 2
 * or an item has no answer. */
double uncertainty_linearised_se(const double *y, size_t n, size_t k,
                                 const double *w, double population);

/* The score threshold of passing: T2 - 0.005 with T2 = ceil(100 target) /
 * 100, a target written with 2 decimals kept as it is (85 stays 85.00
 * despite binary noise). */
double uncertainty_pass_threshold(double target);

/* The chance that an ITA with standard error se, rounded to 2 decimals,
 * reaches the target: Phi((ita - threshold) / se); with se 0 it is 1 or 0,
 * NAN when se is. */
double uncertainty_p_pass(double ita, double se, double target);

/* Benjamini-Hochberg q-values of n p-values (NAN p-values are left out and
 * get NAN): q_(i) = min over k >= i of p_(k) n' / k, at most 1, n' the
 * known ones.  Writes q[0..n). */
void uncertainty_bh(const double *p, size_t n, double *q);

/* Computes every office's intervals of one year, and with opt->ranks its
 * rank intervals.  Never fails (out of memory aborts; a failed worker's
 * share is drawn here); free with uncertainty_free. */
year_uncertainty *uncertainty_compute(const dataset *d, const year_scores *ys,
                                      const uncertainty_options *opt);

/* Frees; NULL is allowed. */
void uncertainty_free(year_uncertainty *yu);

/* The SE and 95 % interval of a measure (0 = ITA, 1 + node) of the office
 * at position pos of yu->ys->offices. */
uncertainty_interval uncertainty_of(const year_uncertainty *yu, size_t pos,
                            size_t measure);

/* The significance level of the adjusted change test. */
#define UNCERTAINTY_FDR 0.05

/* A change of one measure of one office between two years. */
typedef struct {
    double delta;      /* later - earlier, of the 2-decimal values */
    double se;         /* sqrt(se_later^2 + se_earlier^2); NAN if unknown */
    double low, high;  /* delta -/+ z se (not clipped); NAN if unknown */
    double p;          /* 2 (1 - Phi(|delta| / se)); NAN if unknown */
    double q;          /* its Benjamini-Hochberg q-value among the offices'
                          changes of the measure; NAN if unknown */
    bool significant;  /* q < UNCERTAINTY_FDR; false when unknown */
    uncertainty_basis basis;   /* the weaker of the two years' bases */
} uncertainty_change;

/* Measures of the functions below are numbered by later's framework
 * (later->ys->m) and found in earlier's by id (model_measure_in): years of
 * different frameworks compare ITA, tools and indicators always, an item
 * (or part, sub-indicator) only when both frameworks have its id. */

/* The change of a measure of an office (registry index) from earlier to
 * later, with its q-value among all offices' changes of the measure
 * (from later->change_q when later was computed against earlier, else
 * worked out here).  False (and *out untouched) when the office is not in
 * both, or earlier's framework lacks the measure. */
bool uncertainty_change_of(const year_uncertainty *earlier,
                        const year_uncertainty *later, int office,
                        size_t measure, uncertainty_change *out);

/* One office's change of one measure, for lists of movers. */
typedef struct {
    int office;        /* registry index */
    uncertainty_change change;
} uncertainty_mover;

/* Every office in both years with its change of a measure, biggest rise
 * first (equal changes in registry order).  Returns a new array of *n
 * movers (caller frees; NULL when *n is 0, as when earlier's framework
 * lacks the measure). */
uncertainty_mover *uncertainty_movers(const year_uncertainty *earlier,
                              const year_uncertainty *later, size_t measure,
                              size_t *n);

/* The city-wide change of a measure: the mean of the offices' changes, its
 * SE sqrt(sum se_i^2) / n (offices sampled independently; an extension of
 * the spec, which defines changes per office), p from |mean| / SE and the
 * Benjamini-Hochberg q-value among the items.  n = 0 when no office is in
 * both years. */
typedef struct {
    size_t measure;
    size_t n;            /* offices in both years */
    double mean_delta;
    double se;           /* NAN when any office's SE is unknown */
    double p, q;         /* NAN when se is */
    bool significant;    /* q < UNCERTAINTY_FDR */
} uncertainty_city_change;

/* The city-wide change of every item of later's framework, largest
 * absolute mean change first (equal ones in model order), q-values across
 * the items; an item earlier's framework lacks has n 0 (compared with
 * nothing) and comes last.  Returns a new array of later's model n_items
 * entries (caller frees). */
uncertainty_city_change *uncertainty_item_changes(const year_uncertainty *earlier,
                                          const year_uncertainty *later);

/* How distinguishable a year's offices are, for one sentence. */
typedef struct {
    size_t n;                /* offices */
    size_t known;            /* with an ITA interval */
    size_t approximate;      /* whose interval uses the respondents-only
                                bound */
    size_t by_basis[UNCERTAINTY_N_BASES];  /* offices by the basis of their ITA SE */
    size_t wide_ranks;       /* rank interval spanning more than `places`
                                places (rank_high - rank_low > places) */
    size_t below_in_reach;   /* below the target with a chance of passing of
                                at least 2.5 % */
    size_t above_at_risk;    /* passing with a chance of failing of at least
                                2.5 % */
} uncertainty_summary;

/* The chance on the other side of the target counted as "could by
 * chance" (the 2.5 % each tail of the 95 % interval leaves). */
#define UNCERTAINTY_CHANCE_TAIL 0.025

/* Counts the above for a year (wide_ranks only when ranks were run). */
void uncertainty_summarize(const year_uncertainty *yu, int places,
                           uncertainty_summary *out);

/* Adds a data-quality warning, at the item's first answer-count row, for
 * every office, year and item whose counts do not give the item's score
 * (mean more than 0.005 away), naming both values; one, at its first
 * count row, for every office with answer counts but no item scores in a
 * year, whose counts would otherwise vanish silently; and an error for
 * every population smaller than its respondents (n > N). */
void uncertainty_check_counts(const dataset *d, diag_list *diags);

/* The English name of a basis, as in the results CSV's se_method:
 * "respondents", "sd", "counts", "bound", "exact", or "" when unknown. */
const char *uncertainty_basis_name(uncertainty_basis basis);

#endif
