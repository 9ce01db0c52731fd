/*
 * uncertainty: how sure each score and each rank is, by the method of the
 * project's uncertainty spec.  Between scores and statistics in the data
 * flow: it reads a dataset's answer counts and respondent counts and a
 * year's scores, and computes no score itself.
 *
 *   item   with answer counts c_l at levels v_l = 100 (l-1)/(L-1):
 *          SE = s / sqrt(n), s^2 = sum c_l (v_l - mean)^2 / (n - 1);
 *          with only the tool's respondents n: SE = sqrt(mu (100 - mu) /
 *          (L - 1) / n) (approximate); an assessor's check (OIT): SE = 0.
 *   node   SE = sum of its children's SEs with the shares of its score
 *          (conservative: answers of one respondent are not independent).
 *   ITA    the same over the tools; 95 % interval score -/+ z SE, clipped
 *          to [0, 100], z = gsl_cdf_ugaussian_Pinv(0.975); chance of
 *          passing 1 - Phi((target - 0.005 - ITA) / SE).
 *   ranks  R seeded replicates (gsl_rng_mt19937, gsl_ran_gaussian): every
 *          office's ITA drawn from Normal(ITA, SE^2), rounded to 2
 *          decimals, ranked (standard competition ranking, by a sort,
 *          O(n log n)); the interval is the ceil(0.025 R)-th to the
 *          ceil(0.975 R)-th smallest rank.
 *   change delta of the 2-decimal scores, SE = sqrt(SE_t^2 + SE_t-1^2),
 *          significant when |delta| > z SE.
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

/* Where an SE comes from; a node has the weakest basis of its items, an
 * assessor's check counting as no weakness.  Ordered weakest first. */
typedef enum {
    UNC_UNKNOWN,      /* neither answer counts nor respondents: no interval */
    UNC_APPROXIMATE,  /* some item from respondent counts only (binomial) */
    UNC_COUNTS,       /* every survey item from answer counts */
    UNC_EXACT,        /* only assessor's checks: no sampling error */
} unc_basis;

typedef struct {
    double se;         /* standard error; NAN when the basis is unknown */
    double low, high;  /* 95 % interval, clipped to [0, 100]; NAN if unknown */
    unc_basis basis;
} unc_interval;

typedef struct {
    double p_pass;     /* chance that the 2-decimal ITA reaches the target,
                          0..1; NAN when unknown */
    int rank_low;      /* 95 % rank interval (1 = best); 0 when unknown or */
    int rank_high;     /* when no replicates were run */
} unc_office;

/* A measure's standard error as stored: 16 bytes per office and node, so
 * that 8,300 offices x 118 nodes stay at 16 MB; intervals are made from it
 * on demand (uncertainty_of). */
typedef struct {
    double se;         /* NAN when the basis is unknown */
    unc_basis basis;
} unc_se;

typedef struct {
    const year_scores *ys;   /* borrowed: positions below are its offices[] */
    double z;                /* gsl_cdf_ugaussian_Pinv(0.975) */
    size_t n_measures;       /* 1 + model n_nodes: 0 = ITA, 1 + node */
    unc_se *se;              /* [pos * n_measures + measure] */
    unc_office *offices;     /* [pos] */
    size_t replicates;       /* rank replicates run; 0 = no rank intervals */
    unsigned long seed;      /* of the replicates */
} year_uncertainty;

typedef struct {
    unsigned long seed;      /* seeds gsl_rng_mt19937 */
    size_t replicates;       /* 0 = uncertainty_default_replicates(n) */
    bool ranks;              /* simulate rank intervals */
} unc_options;

/* The default seed of the rank replicates (--seed). */
#define UNC_DEFAULT_SEED 2564UL

/* The default number of rank replicates for n offices: 10,000 while
 * n x 10,000 draws stay within 5 million (up to 500 offices), else
 * 5,000,000 / n, but never fewer than 1,000 (2,000 offices: 2,500; 8,300
 * offices: 1,000), so that time and memory (4 bytes per draw) stay
 * about linear in n. */
size_t uncertainty_default_replicates(size_t n_offices);

/* The SE of an item's mean from its answer counts counts[0..levels)
 * (NAN cells count as 0); *mean and *n receive the counts' mean (0..100)
 * and their total.  NAN when n < 2. */
double uncertainty_counts_se(const double *counts, int levels, double *mean,
                             double *n);

/* The approximate SE of an item scored mean (0..100) with L = levels
 * answer levels from n respondents: sqrt(mean (100 - mean) / (L-1) / n).
 * NAN when n is unknown or not positive, or levels < 2. */
double uncertainty_binomial_se(double mean, int levels, double n);

/* Computes every office's intervals of one year, and with opt->ranks its
 * rank intervals.  Never fails (out of memory aborts); free with
 * uncertainty_free. */
year_uncertainty *uncertainty_compute(const dataset *d, const year_scores *ys,
                                      const unc_options *opt);

/* Frees; NULL is allowed. */
void uncertainty_free(year_uncertainty *yu);

/* The SE and 95 % interval of a measure (0 = ITA, 1 + node) of the office
 * at position pos of yu->ys->offices. */
unc_interval uncertainty_of(const year_uncertainty *yu, size_t pos,
                            size_t measure);

/* A change of one measure of one office between two years. */
typedef struct {
    double delta;      /* later - earlier, of the 2-decimal values */
    double se;         /* sqrt(se_later^2 + se_earlier^2); NAN if unknown */
    double low, high;  /* delta -/+ z se (not clipped); NAN if unknown */
    bool significant;  /* |delta| > z se; false when unknown */
    unc_basis basis;   /* the weaker of the two years' bases */
} unc_change;

/* The change of a measure of an office (registry index) from earlier to
 * later.  False (and *out untouched) when the office is not in both. */
bool uncertainty_change(const year_uncertainty *earlier,
                        const year_uncertainty *later, int office,
                        size_t measure, unc_change *out);

/* One office's change of one measure, for lists of movers. */
typedef struct {
    int office;        /* registry index */
    unc_change change;
} unc_mover;

/* Every office in both years with its change of a measure, biggest rise
 * first (equal changes in registry order).  Returns a new array of *n
 * movers (caller frees; NULL when *n is 0). */
unc_mover *uncertainty_movers(const year_uncertainty *earlier,
                              const year_uncertainty *later, size_t measure,
                              size_t *n);

/* The city-wide change of a measure: the mean of the offices' changes, its
 * SE sqrt(sum se_i^2) / n (offices sampled independently; an extension of
 * the spec, which defines changes per office), significant when
 * |mean| > z SE.  n = 0 when no office is in both years. */
typedef struct {
    size_t measure;
    size_t n;            /* offices in both years */
    double mean_delta;
    double se;           /* NAN when any office's SE is unknown */
    bool significant;
} unc_city_change;

/* The city-wide change of every item, largest absolute mean change first
 * (equal ones in model order).  Returns a new array of model n_items
 * entries (caller frees). */
unc_city_change *uncertainty_item_changes(const year_uncertainty *earlier,
                                          const year_uncertainty *later);

/* How distinguishable a year's offices are, for one sentence. */
typedef struct {
    size_t n;                /* offices */
    size_t known;            /* with an ITA interval */
    size_t approximate;      /* whose interval comes from respondents only */
    size_t wide_ranks;       /* rank interval spanning more than `places`
                                places (rank_high - rank_low > places) */
    size_t below_in_reach;   /* below the target with a chance of passing of
                                at least 2.5 % */
    size_t above_at_risk;    /* passing with a chance of failing of at least
                                2.5 % */
} unc_summary;

/* Counts the above for a year (wide_ranks only when ranks were run). */
void uncertainty_summarize(const year_uncertainty *yu, int places,
                           unc_summary *out);

/* Adds a data-quality warning, at the item's first answer-count row, for
 * every office, year and item whose counts do not give the item's score
 * (mean more than 0.005 away), naming both values; and one, at its first
 * count row, for every office with answer counts but no item scores in a
 * year, whose counts would otherwise vanish silently. */
void uncertainty_check_counts(const dataset *d, diag_list *diags);

/* The English name of a basis: "counts", "approximate", "unknown",
 * "exact" (for CSV columns and notes). */
const char *uncertainty_basis_name(unc_basis basis);

#endif
