#include "scores.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Published figures carry 2 decimals, so an honest one is within 0.005 of
 * the full-precision value; the slack absorbs binary noise in a difference
 * that is exactly 0.005 in decimals (81.37 against a mean of 81.365). */
#define PUBLISHED_TOLERANCE 0.005
#define COMPARE_SLACK 1e-9
/* Means of 2-decimal scores drift by a few ulps from their exact decimal
 * value (84.995 comes out as 84.99499999999999); a relative nudge of 1e-12
 * puts such values back on the right side of the rounding edge without
 * moving a genuine 84.99499999 (1e-10 away) across it. */
#define ROUNDING_EPSILON 1e-12

double score_round2(double x)
{
    double scaled = fabs(x) * 100.0;
    double r = floor(scaled + 0.5 + ROUNDING_EPSILON * scaled) / 100.0;
    return x < 0 ? -r : r;
}

double score_gap(double target, double value)
{
    return fmax(0, target - score_round2(value));
}

/* The non-item nodes, deepest first, so that every node is computed after
 * its children.  Caller frees. */
static int *evaluation_order(const model *m, size_t *n_order)
{
    int max_depth = 0;
    for (size_t i = 0; i < m->n_nodes; i++)
        if (model_depth(m, (int)i) > max_depth)
            max_depth = model_depth(m, (int)i);
    int *order = xmalloc(m->n_nodes * sizeof *order);
    *n_order = 0;
    for (int depth = max_depth; depth >= 0; depth--)
        for (size_t i = 0; i < m->n_nodes; i++)
            if (m->nodes[i].kind != NODE_ITEM && model_depth(m, (int)i) == depth)
                order[(*n_order)++] = (int)i;
    return order;
}

/* Fills node[] for every non-item node as the weighted mean of its
 * children; returns ITA, the weighted mean of the tools. */
static double aggregate(const model *m, const int *order, size_t n_order,
                        double *node)
{
    for (size_t k = 0; k < n_order; k++) {
        const model_node *n = &m->nodes[order[k]];
        double sum = 0, weights = 0;
        for (size_t c = 0; c < n->n_children; c++) {
            sum += m->nodes[n->children[c]].weight * node[n->children[c]];
            weights += m->nodes[n->children[c]].weight;
        }
        node[order[k]] = weights > 0 ? sum / weights : NAN;
    }
    double sum = 0, weights = 0;
    for (size_t t = 0; t < m->n_tools; t++) {
        sum += m->nodes[m->tools[t]].weight * node[m->tools[t]];
        weights += m->nodes[m->tools[t]].weight;
    }
    return weights > 0 ? sum / weights : NAN;
}

/* For qsort: best ITA first; equal scores by office code so that the order
 * never depends on the input's order. */
static const year_scores *sort_context;

static int cmp_rank(const void *a, const void *b)
{
    const office_score *x = &sort_context->offices[*(const size_t *)a];
    const office_score *y = &sort_context->offices[*(const size_t *)b];
    if (x->ita_r2 != y->ita_r2)
        return x->ita_r2 < y->ita_r2 ? 1 : -1;
    return strcmp(sort_context->r->offices[x->office].code,
                  sort_context->r->offices[y->office].code);
}

static void rank_offices(year_scores *ys)
{
    ys->by_rank = xmalloc((ys->n ? ys->n : 1) * sizeof *ys->by_rank);
    for (size_t i = 0; i < ys->n; i++)
        ys->by_rank[i] = i;
    sort_context = ys;
    qsort(ys->by_rank, ys->n, sizeof *ys->by_rank, cmp_rank);
    sort_context = NULL;

    size_t n_zones = ys->r->n_zones;
    int *zone_seen = xcalloc(n_zones + 1, sizeof(int));
    int *zone_last_rank = xcalloc(n_zones + 1, sizeof(int));
    double *zone_last = xcalloc(n_zones + 1, sizeof(double));
    for (size_t pos = 0; pos < ys->n; pos++) {
        office_score *s = &ys->offices[ys->by_rank[pos]];
        const office_score *prev =
            pos ? &ys->offices[ys->by_rank[pos - 1]] : NULL;
        s->rank = prev && prev->ita_r2 == s->ita_r2 ? prev->rank
                                                    : (int)pos + 1;
        int z = ys->r->offices[s->office].zone;
        zone_seen[z]++;
        s->zone_rank = zone_seen[z] > 1 && zone_last[z] == s->ita_r2
                           ? zone_last_rank[z]
                           : zone_seen[z];
        zone_last[z] = s->ita_r2;
        zone_last_rank[z] = s->zone_rank;
    }
    free(zone_seen);
    free(zone_last_rank);
    free(zone_last);
}

size_t score_grade(const model *m, double ita_r2, const double *node)
{
    for (size_t g = 0; g < m->n_grades; g++) {
        const model_grade *grade = &m->grades[g];
        bool fits = ita_r2 >= grade->min_score - 1e-9;
        for (size_t t = 0; fits && grade->tool_min > 0 && t < m->n_tools; t++)
            fits = score_round2(node[m->tools[t]]) >= grade->tool_min - 1e-9;
        if (fits)
            return g;
    }
    return m->n_grades - 1;
}

year_scores *scores_compute(const dataset *d, int year, double target)
{
    return scores_compute_model(d, d->m, year, target);
}

year_scores *scores_compute_model(const dataset *d, const model *m, int year,
                                  double target)
{
    const year_data *yd = dataset_find_year(d, year);
    if (!yd)
        return NULL;
    year_scores *ys = xcalloc(1, sizeof *ys);
    *ys = (year_scores){.year = year, .target = target, .m = m, .r = d->r};
    size_t n_off = d->r->n_offices, n_order;
    int *order = evaluation_order(m, &n_order);
    ys->offices = xcalloc(n_off ? n_off : 1, sizeof *ys->offices);
    ys->node_store = xmalloc((n_off ? n_off : 1) * m->n_nodes * sizeof(double));
    for (size_t o = 0; o < n_off; o++) {
        if (!yd->office_src[o].line)
            continue;
        const double *items = dataset_office_items(d, yd, o);
        size_t missing = 0;
        for (size_t s = 0; s < m->n_items; s++)
            missing += isnan(items[s]);
        if (missing) {
            ys->unscored = xrealloc(ys->unscored, (ys->n_unscored + 1) *
                                                      sizeof *ys->unscored);
            ys->unscored_missing =
                xrealloc(ys->unscored_missing,
                         (ys->n_unscored + 1) * sizeof *ys->unscored_missing);
            ys->unscored[ys->n_unscored] = (int)o;
            ys->unscored_missing[ys->n_unscored++] = missing;
            continue;
        }
        double *node = &ys->node_store[ys->n * m->n_nodes];
        for (size_t i = 0; i < m->n_nodes; i++)
            node[i] = m->item_slot[i] >= 0 ? items[m->item_slot[i]] : NAN;
        office_score *s = &ys->offices[ys->n++];
        s->office = (int)o;
        s->node = node;
        s->ita = aggregate(m, order, n_order, node);
        s->ita_r2 = score_round2(s->ita);
        s->grade = score_grade(m, s->ita_r2, node);
        s->pass = s->ita_r2 >= target;
        s->gap = score_gap(target, s->ita);
        for (size_t slot = 0; slot < m->n_items; slot++)
            s->items_below += score_round2(items[slot]) < target;
        s->respondents = &yd->respondents[o * m->n_tools];
    }
    free(order);
    rank_offices(ys);
    return ys;
}

void scores_free(year_scores *ys)
{
    if (!ys)
        return;
    free(ys->offices);
    free(ys->by_rank);
    free(ys->node_store);
    free(ys->unscored);
    free(ys->unscored_missing);
    free(ys);
}

void scores_check_pairing(const year_scores *ys, const year_scores *previous,
                          diag_list *diags)
{
    size_t both = 0;
    for (size_t i = 0; i < ys->n; i++)
        both += scores_find(previous, ys->offices[i].office) != NULL;
    if (both < ys->n || both < previous->n)
        diag_add(diags, DIAG_NOTE, NULL, 0, NULL, "paired_years",
                 "the change since %d (t-test and trend) is over the %zu "
                 "offices scored in both %d and %d",
                 previous->year, both, previous->year, ys->year);
}

static int cmp_office(const void *key, const void *elem)
{
    int office = *(const int *)key;
    return (office > ((const office_score *)elem)->office) -
           (office < ((const office_score *)elem)->office);
}

const office_score *scores_find(const year_scores *ys, int office)
{
    /* offices[] is in registry order, that is by office index */
    return bsearch(&office, ys->offices, ys->n, sizeof *ys->offices,
                   cmp_office);
}

void scores_check_published(const year_scores *ys, const dataset *d,
                            diag_list *diags)
{
    const year_data *yd = dataset_find_year(d, ys->year);
    if (!yd || !yd->published)
        return;
    const model *m = ys->m;
    size_t width = 1 + m->n_nodes;
    for (size_t i = 0; i < ys->n; i++) {
        const office_score *s = &ys->offices[i];
        const office *of = &ys->r->offices[s->office];
        for (size_t measure = 0; measure < width; measure++) {
            size_t at = (size_t)s->office * width + measure;
            double published = yd->published[at];
            if (isnan(published))
                continue;
            double computed = scores_value(s, measure);
            double diff = published - computed;
            if (fabs(diff) <= PUBLISHED_TOLERANCE + COMPARE_SLACK)
                continue;
            const char *name = model_measure_id(m, measure);
            diag_add(diags, DIAG_WARNING, d->files[yd->pub_src[at].file],
                     yd->pub_src[at].line, of->code, "published_mismatch",
                     "office %s (%s) %d: published %s %.2f differs from the "
                     "recomputed %.2f by %+.2f",
                     of->code, of->name_en, ys->year, name, published,
                     score_round2(computed), diff);
        }
    }
}

/* The first figure of a row of `width` values that is not NAN, or -1. */
static long first_given(const double *values, size_t width)
{
    for (size_t k = 0; values && k < width; k++)
        if (!isnan(values[k]))
            return (long)k;
    return -1;
}

void scores_check_unscored(const dataset *d, diag_list *diags)
{
    const model *m = d->m;
    for (size_t y = 0; y < d->n_years; y++) {
        const year_data *yd = &d->years[y];
        for (size_t o = 0; o < d->r->n_offices; o++) {
            if (yd->office_src[o].line)
                continue;
            const office *of = &d->r->offices[o];
            size_t width = 1 + m->n_nodes;
            long k = yd->published
                         ? first_given(&yd->published[o * width], width)
                         : -1;
            const source_ref *src = k >= 0 ? &yd->pub_src[o * width + (size_t)k]
                                           : NULL;
            long t = first_given(&yd->respondents[o * m->n_tools], m->n_tools);
            if (!src && t >= 0)
                src = &yd->resp_src[o * m->n_tools + (size_t)t];
            if (!src)
                continue;
            diag_add(diags, DIAG_WARNING, d->files[src->file], src->line,
                     of->code, "no_scores",
                     "office %s (%s) has %s for %d but no item scores: they "
                     "are not used",
                     of->code, of->name_en,
                     k >= 0 ? "published figures" : "respondent counts",
                     yd->year);
        }
    }
}
