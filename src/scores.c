#include "scores.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A figure published to 2 decimals is within 0.005 of its exact value,
 * and so is every 2-decimal input it is recomputed from: the bound of
 * scores_rounding_bound.  The slack absorbs binary noise in a difference
 * that is exactly on the bound in decimals. */
#define ROUNDING_HALF_STEP 0.005
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

/* The published levels, deepest first: an office without item scores is
 * scored at the first level whose every node is known. */
static const struct {
    score_basis basis;
    int kind;  /* node kind of the level; -1 = ITA */
    const char *name[2];
} basis_levels[] = {
    {SCORE_FROM_INDICATORS, NODE_INDICATOR,
     {"คะแนนที่ประกาศ: ตัวชี้วัด", "published: indicators"}},
    {SCORE_FROM_TOOLS, NODE_TOOL,
     {"คะแนนที่ประกาศ: เครื่องมือ", "published: tools"}},
    {SCORE_FROM_ITA, -1, {"คะแนนที่ประกาศ: ITA", "published: ITA"}},
};

const char *scores_basis_name(score_basis basis, int lang)
{
    static const char *const from_items[2] = {"คะแนนรายข้อ", "items"};
    for (size_t i = 0; i < sizeof basis_levels / sizeof *basis_levels; i++)
        if (basis_levels[i].basis == basis)
            return basis_levels[i].name[lang ? 1 : 0];
    return from_items[lang ? 1 : 0];
}

/* Fills node[] (NAN where unknown) from an office's published figures
 * pub[] (by measure): each non-item node its published figure, else the
 * weighted mean of its children when every child is known.  Returns the
 * ITA likewise (NAN when unknown) and sets *basis. */
static double published_fill(const model *m, const int *order, size_t n_order,
                             const double *pub, double *node,
                             score_basis *basis)
{
    for (size_t i = 0; i < m->n_nodes; i++)
        node[i] = NAN;
    for (size_t k = 0; k < n_order; k++) {
        int i = order[k];
        const model_node *n = &m->nodes[i];
        double given = pub[model_node_measure(i)];
        if (!isnan(given)) {
            node[i] = given;
            continue;
        }
        double sum = 0, weights = 0;
        for (size_t c = 0; c < n->n_children; c++) {
            sum += m->nodes[n->children[c]].weight * node[n->children[c]];
            weights += m->nodes[n->children[c]].weight;
        }
        node[i] = weights > 0 ? sum / weights : NAN;  /* NAN propagates */
    }
    double ita = pub[MEASURE_ITA];
    if (isnan(ita)) {
        double sum = 0, weights = 0;
        for (size_t t = 0; t < m->n_tools; t++) {
            sum += m->nodes[m->tools[t]].weight * node[m->tools[t]];
            weights += m->nodes[m->tools[t]].weight;
        }
        ita = weights > 0 ? sum / weights : NAN;
    }
    *basis = SCORE_FROM_ITA;
    for (size_t l = 0; l < sizeof basis_levels / sizeof *basis_levels; l++) {
        bool all = basis_levels[l].kind >= 0;
        for (size_t i = 0; all && i < m->n_nodes; i++)
            if ((int)m->nodes[i].kind == basis_levels[l].kind)
                all = !isnan(node[i]);
        if (all) {
            *basis = basis_levels[l].basis;
            break;
        }
    }
    return ita;
}

/* An office's published figures in a year (by measure), or NULL. */
static const double *office_published(const model *m, const year_data *yd,
                                      size_t office)
{
    if (!yd->published)
        return NULL;
    const double *pub = &yd->published[office * (1 + m->n_nodes)];
    for (size_t k = 0; k <= m->n_nodes; k++)
        if (!isnan(pub[k]))
            return pub;
    return NULL;
}

/* Fills the grade, pass, gap of an office whose ITA is set. */
static void settle(const model *m, office_score *s, double target)
{
    s->ita_r2 = score_round2(s->ita);
    s->grade = score_grade(m, s->ita_r2, s->node);
    s->pass = s->ita_r2 >= target;
    s->gap = score_gap(target, s->ita);
}

static void add_unscored(year_scores *ys, size_t office, size_t missing)
{
    ys->unscored = xrealloc(ys->unscored,
                            (ys->n_unscored + 1) * sizeof *ys->unscored);
    ys->unscored_missing =
        xrealloc(ys->unscored_missing,
                 (ys->n_unscored + 1) * sizeof *ys->unscored_missing);
    ys->unscored[ys->n_unscored] = (int)office;
    ys->unscored_missing[ys->n_unscored++] = missing;
}

year_scores *scores_compute(const dataset *d, int year, double target)
{
    const year_data *yd = dataset_find_year(d, year);
    if (!yd)
        return NULL;
    /* the year's own framework: its data are laid out by it */
    const model *m = yd->m;
    year_scores *ys = xcalloc(1, sizeof *ys);
    *ys = (year_scores){.year = year, .target = target, .m = m, .r = d->r};
    size_t n_off = d->r->n_offices, n_order;
    int *order = evaluation_order(m, &n_order);
    ys->offices = xcalloc(n_off ? n_off : 1, sizeof *ys->offices);
    ys->node_store = xmalloc((n_off ? n_off : 1) * m->n_nodes * sizeof(double));
    for (size_t o = 0; o < n_off; o++) {
        if (!yd->office_src[o].line) {
            /* no item scores: its published figures, if they give an ITA */
            const double *pub = office_published(m, yd, o);
            if (!pub)
                continue;
            double *node = &ys->node_store[ys->n * m->n_nodes];
            score_basis basis;
            double ita = published_fill(m, order, n_order, pub, node, &basis);
            if (isnan(ita))
                continue;  /* scores_check_unscored warns */
            office_score *s = &ys->offices[ys->n++];
            *s = (office_score){.office = (int)o, .node = node, .ita = ita,
                                .basis = basis,
                                .respondents = &yd->respondents[o * m->n_groups]};
            settle(m, s, target);
            ys->n_published++;
            continue;
        }
        const double *items = dataset_office_items(d, yd, o);
        size_t missing = 0;
        for (size_t s = 0; s < m->n_items; s++)
            missing += isnan(items[s]);
        if (missing) {
            add_unscored(ys, o, missing);
            continue;
        }
        double *node = &ys->node_store[ys->n * m->n_nodes];
        for (size_t i = 0; i < m->n_nodes; i++)
            node[i] = m->item_slot[i] >= 0 ? items[m->item_slot[i]] : NAN;
        office_score *s = &ys->offices[ys->n++];
        *s = (office_score){.office = (int)o, .node = node,
                            .basis = SCORE_FROM_ITEMS,
                            .respondents = &yd->respondents[o * m->n_groups]};
        s->ita = aggregate(m, order, n_order, node);
        settle(m, s, target);
        for (size_t slot = 0; slot < m->n_items; slot++)
            s->items_below += score_round2(items[slot]) < target;
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

/* The children of a measure (ITA: the tools); borrowed. */
static const int *measure_children(const model *m, size_t measure, size_t *n)
{
    if (measure == MEASURE_ITA) {
        *n = m->n_tools;
        return m->tools;
    }
    *n = m->nodes[measure - 1].n_children;
    return m->nodes[measure - 1].children;
}

/* Adds to *sum share x the weights, below a measure, of the inputs that
 * carry rounding (see scores_rounding_bound). */
static void inexact_weight(const model *m, const double *pub, size_t measure,
                           double share, double *sum)
{
    size_t n;
    const int *kids = measure_children(m, measure, &n);
    double total = 0;
    for (size_t c = 0; c < n; c++)
        total += m->nodes[kids[c]].weight;
    for (size_t c = 0; c < n && total > 0; c++) {
        const model_node *kid = &m->nodes[kids[c]];
        double part = share * kid->weight / total;
        size_t km = model_node_measure(kids[c]);
        if (pub ? !isnan(pub[km]) : kid->kind == NODE_ITEM)
            *sum += pub || !model_is_disclosure(kid) ? fabs(part) : 0;
        else
            inexact_weight(m, pub, km, part, sum);
    }
}

double scores_rounding_bound(const model *m, const office_score *s,
                             const double *pub, size_t measure)
{
    double sum = 0;
    inexact_weight(m, scores_from_items(s) ? NULL : pub, measure, 1.0, &sum);
    return ROUNDING_HALF_STEP + ROUNDING_HALF_STEP * sum;
}

/* A measure recomputed from its children's values node[] (published
 * figures or means of theirs), NAN when a child is unknown. */
static double children_mean(const model *m, const double *node, size_t measure)
{
    size_t n;
    const int *kids = measure_children(m, measure, &n);
    double sum = 0, weights = 0;
    for (size_t c = 0; c < n; c++) {
        sum += m->nodes[kids[c]].weight * node[kids[c]];
        weights += m->nodes[kids[c]].weight;
    }
    return weights > 0 ? sum / weights : NAN;
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
        const double *pub = &yd->published[(size_t)s->office * width];
        bool items = scores_from_items(s);
        for (size_t measure = 0; measure < width; measure++) {
            size_t at = (size_t)s->office * width + measure;
            double published = yd->published[at];
            if (isnan(published))
                continue;
            /* an office without items: from the figures below it */
            double computed = items ? scores_value(s, measure)
                                    : children_mean(m, s->node, measure);
            if (isnan(computed))
                continue;  /* an input, not recomputable */
            double bound = scores_rounding_bound(m, s, pub, measure);
            double diff = published - computed;
            if (fabs(diff) <= bound + COMPARE_SLACK)
                continue;
            const char *name = model_measure_id(m, measure);
            diag_add(diags, DIAG_WARNING, d->files[yd->pub_src[at].file],
                     yd->pub_src[at].line, of->code, "published_mismatch",
                     "office %s (%s) %d: published %s %.2f differs from the "
                     "%.4f recomputed from its %s by %+.4f, more than "
                     "rounding allows (%.4f: 0.005 for the figure plus "
                     "0.005 x the weights of its 2-decimal inputs)",
                     of->code, of->name_en, ys->year, name, published,
                     computed, items ? "item scores" : "published figures",
                     diff, bound);
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

/* scores_check_unscored for one year, with its model's evaluation order
 * and a scratch row of its nodes. */
static void check_unscored_year(const dataset *d, const year_data *yd,
                                diag_list *diags);

void scores_check_unscored(const dataset *d, diag_list *diags)
{
    for (size_t y = 0; y < d->n_years; y++)
        check_unscored_year(d, &d->years[y], diags);
}

static void check_unscored_year(const dataset *d, const year_data *yd,
                                diag_list *diags)
{
    const model *m = yd->m;
    size_t n_order;
    int *order = evaluation_order(m, &n_order);
    double *scratch = xmalloc((m->n_nodes ? m->n_nodes : 1) * sizeof *scratch);
    for (size_t o = 0; o < d->r->n_offices; o++) {
        if (yd->office_src[o].line)
            continue;
        const office *of = &d->r->offices[o];
        size_t width = 1 + m->n_nodes;
        const double *pub = office_published(m, yd, o);
        score_basis basis;
        /* published figures that give an ITA are scored from */
        if (pub && !isnan(published_fill(m, order, n_order, pub, scratch,
                                         &basis)))
            continue;
        long k = pub ? first_given(pub, width) : -1;
        const source_ref *src = k >= 0 ? &yd->pub_src[o * width + (size_t)k]
                                       : NULL;
        long t = first_given(&yd->respondents[o * m->n_groups], m->n_groups);
        if (!src && t >= 0)
            src = &yd->resp_src[o * m->n_groups + (size_t)t];
        if (!src)
            continue;
        diag_add(diags, DIAG_WARNING, d->files[src->file], src->line,
                 of->code, "no_scores",
                 "office %s (%s) has %s for %d but no item scores%s: "
                 "they are not used",
                 of->code, of->name_en,
                 k >= 0 ? "published figures" : "respondent counts",
                 yd->year,
                 k >= 0 ? ", and its figures give no ITA (the ITA, every "
                          "tool or every indicator is needed)"
                        : "");
    }
    free(scratch);
    free(order);
}

void scores_note_published(const year_scores *ys, diag_list *diags)
{
    if (!ys || !ys->n_published)
        return;
    size_t by_basis[SCORE_BASIS_COUNT] = {0};
    for (size_t i = 0; i < ys->n; i++)
        by_basis[ys->offices[i].basis]++;
    diag_add(diags, DIAG_NOTE, NULL, 0, NULL, "published_only",
             "%zu of the %zu offices scored in %d have published figures "
             "only (%zu from indicators, %zu from tools, %zu from the ITA "
             "alone): they are ranked and counted with the others, marked "
             "published; item gaps, the Questions sheet, item-level plan "
             "rows and standard errors are left blank for them",
             ys->n_published, ys->n, ys->year,
             by_basis[SCORE_FROM_INDICATORS], by_basis[SCORE_FROM_TOOLS],
             by_basis[SCORE_FROM_ITA]);
}
