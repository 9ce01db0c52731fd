#include "plans_indicator.h"
#include "text.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

/* The library texts a row carries, by field, and where each goes. */
static const struct {
    measure_field field;
    size_t text;   /* offsetof a const char * of plan_row */
} grouped_fields[] = {
    {MEASURE_ACTION, offsetof(plan_row, measure)},
    {MEASURE_MONITORING, offsetof(plan_row, monitoring)},
    {MEASURE_LEAD, offsetof(plan_row, lead)},
    {MEASURE_SUPPORT, offsetof(plan_row, support)},
    {MEASURE_PUBLISH, offsetof(plan_row, publish)},
    {MEASURE_EVIDENCE, offsetof(plan_row, evidence)},
    {MEASURE_WEAKNESS, offsetof(plan_row, weakness)},
    {MEASURE_BUDGET, offsetof(plan_row, budget)},
};
#define N_GROUPED (sizeof grouped_fields / sizeof *grouped_fields)

/* Keeps a text the plan's rows borrow. */
static const char *own(office_plan *plan, char *text)
{
    plan->owned_texts = xrealloc(plan->owned_texts, (plan->n_owned_texts + 1) *
                                                        sizeof(char *));
    plan->owned_texts[plan->n_owned_texts++] = text;
    return text;
}

/* The items of an indicator (node indices, model order); returns their
 * number; *latest_quarter the latest quarter of their measures. */
static size_t indicator_items(const plans_input *in, int indicator, int *out,
                              int *latest_quarter)
{
    const model *m = in->m;
    size_t n = 0;
    *latest_quarter = 1;
    for (size_t k = 0; k < m->n_items; k++) {
        if (m->nodes[m->items[k]].indicator != indicator)
            continue;
        out[n++] = m->items[k];
        const measure_entry *e = measures_for_item(in->measures, m->items[k]);
        if (e && e->quarter > *latest_quarter)
            *latest_quarter = e->quarter;
    }
    return n;
}

/* Fills the row of an indicator below the target. */
static void fill_indicator_row(const plans_input *in, office_plan *plan,
                               int indicator, int *scratch, plan_row *row)
{
    const model *m = in->m;
    const model_node *n = &m->nodes[indicator];
    const year_scores *ys = in->current;
    size_t measure = model_node_measure(indicator);
    const stats_summary *sum = &in->stats->city[measure];
    double score = plan->score->node[indicator];
    *row = (plan_row){.kind = PLAN_RAISE, .item = indicator,
                      .indicator = indicator, .tool = n->tool,
                      .score = score, .target = ys->target,
                      .goal = ys->target,
                      .gap = score_round2(score_gap(ys->target, score)),
                      .ita_weight = n->ita_weight,
                      .gain = n->ita_weight * (ys->target - score),
                      .rank = stats_rank(in->stats, measure, score),
                      .n_offices = sum->n, .n_below = sum->below_target};
    const office_score *best = &ys->offices[sum->best];
    row->best_office = best->office;
    row->best_score = score_round2(best->node[indicator]);
    size_t n_items = indicator_items(in, indicator, scratch, &row->quarter);
    for (size_t f = 0; f < N_GROUPED; f++)
        *(const char **)((char *)row + grouped_fields[f].text) =
            own(plan, measures_group(in->measures, scratch, n_items,
                                     grouped_fields[f].field, in->lang));
    plans_finish_row(in, plan, sum, false, row);
}

void plans_indicator_compute(const plans_input *in, size_t position,
                             office_plan *out)
{
    const model *m = in->m;
    const year_scores *ys = in->current;
    const office_score *s = &ys->offices[position];
    *out = (office_plan){.office = s->office, .score = s,
                         .fiscal_year = ys->year + 1};
    plans_set_quarters(out);
    out->rows = xmalloc((m->n_indicators ? m->n_indicators : 1) *
                        sizeof *out->rows);
    int *scratch = xmalloc((m->n_items ? m->n_items : 1) * sizeof *scratch);
    /* indicators grouped by tool, each in model order, as item plans */
    for (size_t t = 0; t < m->n_tools; t++)
        for (size_t i = 0; i < m->n_indicators; i++) {
            int ind = m->indicators[i];
            double score = s->node[ind];
            if (m->nodes[ind].tool != m->tools[t] || isnan(score) ||
                score_round2(score) >= ys->target)
                continue;
            fill_indicator_row(in, out, ind, scratch,
                               &out->rows[out->n_rows++]);
            out->n_raise++;
        }
    free(scratch);
    plans_finish_path(out, ys->target);
}
