#include "plans.h"
#include "text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Priority bands by the ITA points an item gains at its goal.  On the 2564
 * model an IIT item 20 points short gains 0.20, an EIT item 20 points short
 * 0.40, a missing disclosure item 0.44 to 5.00: so a high priority buys at
 * least half a point, a low one less than a fifth. */
static const plan_priority priorities[] = {
    {"high", {"สูง", "high"}, 0.50},
    {"medium", {"ปานกลาง", "medium"}, 0.20},
    {"low", {"ต่ำ", "low"}, 0.0},
};
#define N_PRIORITIES (sizeof priorities / sizeof *priorities)

/* Disclosure items score 0 or 100 (published or not): their goal is the
 * full score, not the target. */
#define FULL_SCORE 100.0

/* Gains are compared at this resolution when ordering the path, so that
 * binary noise never decides between two equal gains (model order does). */
#define GAIN_RESOLUTION 1e6

const plan_priority *plans_priorities(size_t *n)
{
    *n = N_PRIORITIES;
    return priorities;
}

static size_t priority_of(double gain)
{
    for (size_t p = 0; p < N_PRIORITIES; p++)
        if (gain >= priorities[p].min_gain)
            return p;
    return N_PRIORITIES - 1;
}

char *plans_office_name(const registry *r, report_lang lang, int office_index)
{
    const office *o = &r->offices[office_index];
    if (lang == LANG_EN)
        return xstrdup(o->name_en);
    static const char office_prefix[] = "สำนักงาน";
    static const char district_prefix[] = "เขต";
    if (strncmp(o->name_th, office_prefix, strlen(office_prefix)) == 0)
        return xstrdup(o->name_th);
    if (strncmp(o->name_th, district_prefix, strlen(district_prefix)) == 0)
        return xasprintf("%s%s", office_prefix, o->name_th);
    return xasprintf("%s%s%s", office_prefix, district_prefix, o->name_th);
}

/* "85" for a whole number, else "84.50": targets read better without
 * trailing zeros. */
static char *short_number(double x)
{
    double r = score_round2(x);
    return r == floor(r) ? xasprintf("%.0f", r) : xasprintf("%.2f", r);
}

/* "0.13", or "< 0.01" when it would print as 0.00. */
static char *points_text(double x)
{
    return x < 0.005 ? xstrdup("< 0.01") : xasprintf("%.2f", score_round2(x));
}

static const char *english_ordinal_suffix(int n)
{
    if (n % 100 >= 11 && n % 100 <= 13)
        return "th";
    static const char *const suffix[] = {"th", "st", "nd", "rd"};
    return n % 10 <= 3 ? suffix[n % 10] : "th";
}

/* The sentences of an analysis, by language.  Every variant of a sentence
 * takes the same arguments, in the order given, and picks the ones it needs
 * by position (%n$), since Thai and English order them differently. */
enum { S_UNPUBLISHED, S_BELOW, S_RANK, S_CITY_WIDE, S_ALONE, S_FEW,
       N_SENTENCES };

static const char *const sentences[][N_SENTENCES] = {
    [LANG_EN] = {
        /* goal, gain */
        [S_UNPUBLISHED] = "Not published at the assessment (score 0 of %1$s); "
                          "publishing it adds %2$s ITA points.",
        /* score, gap, target, goal, gain */
        [S_BELOW] = "Score %1$.2f, %2$.2f points below the target of %3$s; "
                    "reaching %4$s adds %5$s ITA points.",
        /* rank, offices, ordinal suffix */
        [S_RANK] = "The office ranks %1$d%3$s of %2$zu offices on this item.",
        /* target, offices, best score, best office, offices below */
        [S_CITY_WIDE] = "%5$zu of the %2$zu offices, this one included, are "
                        "below %1$s on it: a city-wide weakness; the best "
                        "score is %3$.2f (%4$s).",
        [S_ALONE] = "No other of the %2$zu offices is below %1$s on it: a "
                    "local weakness; learn from %4$s, the best office on "
                    "this item with %3$.2f.",
        [S_FEW] = "Only %5$zu of the %2$zu offices are below %1$s on it: a "
                  "local weakness; learn from %4$s, the best office on this "
                  "item with %3$.2f.",
    },
    [LANG_TH] = {
        [S_UNPUBLISHED] = "ไม่พบการเผยแพร่ข้อมูลในการประเมิน (ได้ 0 จาก %1$s "
                          "คะแนน) หากเผยแพร่ครบถ้วน คะแนน ITA จะเพิ่มขึ้น "
                          "%2$s คะแนน",
        [S_BELOW] = "ได้คะแนน %1$.2f ต่ำกว่าค่าเป้าหมาย %3$s อยู่ %2$.2f "
                    "คะแนน หากยกระดับถึง %4$s คะแนน ITA จะเพิ่มขึ้น %5$s "
                    "คะแนน",
        [S_RANK] = "อยู่ลำดับที่ %1$d จาก %2$zu สำนักงานเขต",
        [S_CITY_WIDE] = "ข้อนี้มีสำนักงานเขตที่ได้ต่ำกว่า %1$s ถึง %5$zu จาก "
                        "%2$zu แห่ง (รวมสำนักงานเขตนี้) จึงเป็นจุดอ่อนร่วมของ"
                        "สำนักงานเขตส่วนใหญ่ คะแนนสูงสุดคือ %3$.2f (%4$s)",
        [S_ALONE] = "ข้อนี้ไม่มีสำนักงานเขตอื่นใน %2$zu แห่งที่ได้ต่ำกว่า %1$s "
                    "จึงเป็นจุดอ่อนเฉพาะของสำนักงานเขตนี้ ควรศึกษาแนวทาง"
                    "จาก%4$sซึ่งได้คะแนนสูงสุด %3$.2f",
        [S_FEW] = "ข้อนี้มีสำนักงานเขตที่ได้ต่ำกว่า %1$s เพียง %5$zu จาก "
                  "%2$zu แห่ง จึงเป็นจุดอ่อนเฉพาะของสำนักงานเขตนี้ ควร"
                  "ศึกษาแนวทางจาก%4$sซึ่งได้คะแนนสูงสุด %3$.2f",
    },
};

/* The analysis of a row, in full sentences built from its numbers. */
static char *write_analysis(const plans_input *rep, const plan_row *row)
{
    const char *const *say = sentences[rep->lang];
    char *target = short_number(row->target);
    char *goal = short_number(row->goal);
    char *gain = points_text(row->gain);
    char *best = plans_office_name(rep->r, rep->lang, row->best_office);
    char *standing =
        row->unpublished
            ? xasprintf(say[S_UNPUBLISHED], goal, gain)
            : xasprintf(say[S_BELOW], score_round2(row->score), row->gap,
                        target, goal, gain);
    char *rank = xasprintf(say[S_RANK], row->rank, row->n_offices,
                           english_ordinal_suffix(row->rank));
    int spread_kind = row->city_wide ? S_CITY_WIDE
                      : row->n_below == 1 ? S_ALONE
                                          : S_FEW;
    char *spread = xasprintf(say[spread_kind], target, row->n_offices,
                             row->best_score, best, row->n_below);
    char *out = xasprintf("%s %s %s", standing, rank, spread);
    free(standing);
    free(rank);
    free(spread);
    free(target);
    free(goal);
    free(gain);
    free(best);
    return out;
}

static void fill_row(const plans_input *rep, const office_score *s, int item,
                     plan_row *row)
{
    const model *m = rep->m;
    const model_node *n = &m->nodes[item];
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    size_t measure = 1 + (size_t)item;
    const stats_summary *sum = &cs->city[measure];
    bool published = model_is_disclosure(n);
    double r2 = score_round2(s->node[item]);

    *row = (plan_row){.item = item, .indicator = n->indicator, .tool = n->tool,
                      .score = s->node[item], .target = ys->target};
    row->goal = published ? FULL_SCORE : ys->target;
    row->gap = score_round2(score_gap(ys->target, row->score));
    row->ita_weight = n->ita_weight;
    row->gain = n->ita_weight * (row->goal - row->score);
    row->priority = priority_of(row->gain);
    row->rank = stats_rank(cs, measure, row->score);
    row->n_offices = sum->n;
    row->n_below = sum->below_target;
    row->city_wide = 2 * sum->below_target > sum->n;
    row->unpublished = published && r2 == 0;
    const office_score *best = &ys->offices[sum->best];
    row->best_office = best->office;
    row->best_score = score_round2(best->node[item]);
    row->analysis = write_analysis(rep, row);
    int next_year = ys->year + 1;
    row->timeframe = rep->lang == LANG_EN
        ? xasprintf("Throughout fiscal year B.E. %d", next_year)
        : xasprintf("ตลอดปีงบประมาณ พ.ศ. %d", next_year);

    const measure_entry *e = measures_for_item(rep->measures, item);
    row->measure = measures_text(e, MEASURE_ACTION, rep->lang);
    row->monitoring = measures_text(e, MEASURE_MONITORING, rep->lang);
    row->lead = measures_text(e, MEASURE_LEAD, rep->lang);
    row->support = measures_text(e, MEASURE_SUPPORT, rep->lang);
    row->publish = measures_text(e, MEASURE_PUBLISH, rep->lang);
}

/* A step of the path while it is being ordered. */
typedef struct {
    long long gain;   /* the row's gain at GAIN_RESOLUTION */
    size_t row;
} path_key;

/* Most points first; equal gains in model order (row order). */
static int cmp_path(const void *a, const void *b)
{
    const path_key *x = a, *y = b;
    if (x->gain != y->gain)
        return x->gain > y->gain ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

static void build_path(office_plan *plan, double target)
{
    size_t n = plan->n_rows;
    path_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = (path_key){llround(plan->rows[i].gain * GAIN_RESOLUTION), i};
    qsort(keys, n, sizeof *keys, cmp_path);
    plan->path = xmalloc((n ? n : 1) * sizeof *plan->path);
    plan->projected = xmalloc((n ? n : 1) * sizeof *plan->projected);

    double ita = plan->score->ita;
    plan->steps_to_target =
        score_round2(ita) >= target ? 0 : PLANS_UNREACHABLE;
    plan->total_gain = 0;
    for (size_t k = 0; k < n; k++) {
        plan->path[k] = keys[k].row;
        ita += plan->rows[keys[k].row].gain;
        plan->total_gain += plan->rows[keys[k].row].gain;
        plan->projected[k] = ita;
        if (plan->steps_to_target == PLANS_UNREACHABLE &&
            score_round2(ita) >= target)
            plan->steps_to_target = k + 1;
    }
    free(keys);
}

void plans_compute_office(const plans_input *rep, size_t position,
                          office_plan *out)
{
    const model *m = rep->m;
    const year_scores *ys = rep->current;
    const office_score *s = &ys->offices[position];
    *out = (office_plan){.office = s->office, .score = s};
    out->rows = xmalloc((m->n_items ? m->n_items : 1) * sizeof *out->rows);
    /* Grouped by tool, then indicator, then item, each in model order,
     * whatever order the model file lists them in. */
    for (size_t t = 0; t < m->n_tools; t++)
        for (size_t i = 0; i < m->n_indicators; i++) {
            int ind = m->indicators[i];
            if (m->nodes[ind].tool != m->tools[t])
                continue;
            for (size_t k = 0; k < m->n_items; k++) {
                int item = m->items[k];
                if (m->nodes[item].indicator != ind ||
                    !(score_round2(s->node[item]) < ys->target))
                    continue;
                fill_row(rep, s, item, &out->rows[out->n_rows++]);
            }
        }
    build_path(out, ys->target);
}

void plans_free_office(office_plan *plan)
{
    for (size_t i = 0; i < plan->n_rows; i++) {
        free(plan->rows[i].analysis);
        free(plan->rows[i].timeframe);
    }
    free(plan->rows);
    free(plan->path);
    free(plan->projected);
    *plan = (office_plan){0};
}

plan_set *plans_compute(const plans_input *rep, const int *offices,
                        size_t n_offices)
{
    const year_scores *ys = rep->current;
    plan_set *set = xcalloc(1, sizeof *set);
    size_t n = offices ? n_offices : ys->n;
    set->plans = xcalloc(n ? n : 1, sizeof *set->plans);
    for (size_t i = 0; i < n; i++) {
        size_t position = i;
        if (offices) {
            const office_score *s = scores_find(ys, offices[i]);
            if (!s)
                continue;
            position = (size_t)(s - ys->offices);
        }
        plans_compute_office(rep, position, &set->plans[set->n++]);
    }
    return set;
}

void plans_free(plan_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        plans_free_office(&set->plans[i]);
    free(set->plans);
    free(set);
}

const office_plan *plans_find(const plan_set *set, int office)
{
    for (size_t i = 0; set && i < set->n; i++)
        if (set->plans[i].office == office)
            return &set->plans[i];
    return NULL;
}
