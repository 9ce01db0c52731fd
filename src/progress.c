#include "progress.h"
#include "measures.h"
#include "registry.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


bool progress_row_overdue(const progress_set *ps, const returned_row *row)
{
    return row->status != RETURNED_DONE && row->has_due &&
           plans_date_cmp(row->due, ps->as_of) < 0;
}

/* Whether an earlier row of the plan names the same item (node). */
static bool seen_before(const returned_plan *p, const model *m, size_t i,
                        int node)
{
    for (size_t k = 0; k < i; k++)
        if (returned_find_item(m, p->rows[k].item) == node)
            return true;
    return false;
}

static bool measure_changed(const struct measures_library *lib, int node,
                            const char *text)
{
    const measure_entry *e = measures_for_item(lib, node);
    if (!e)
        return false;
    return !returned_measure_is_default(
               text, measures_text(e, MEASURE_ACTION, LANG_TH)) &&
           !returned_measure_is_default(
               text, measures_text(e, MEASURE_ACTION, LANG_EN));
}

static void count_plan(const progress_set *ps, const year_scores *ys,
                       const office_score *s, progress_office *po,
                       diag_list *diags)
{
    const returned_plan *p = po->plan;
    const model *m = ys->m;
    po->ita = po->projected_ita = s->ita;
    for (size_t i = 0; i < p->n_rows; i++) {
        const returned_row *row = &p->rows[i];
        po->rows++;
        po->done += row->status == RETURNED_DONE;
        po->in_progress += row->status == RETURNED_IN_PROGRESS;
        po->not_started += row->status == RETURNED_NOT_STARTED &&
                           row->status_understood;
        po->not_understood += !row->status_understood;
        po->overdue += progress_row_overdue(ps, row);
        po->no_owner += !*row->owner;
        int node = returned_find_item(m, row->item);
        if (!*row->item)     /* a row added without an item code */
            continue;
        if (node < 0) {
            diag_add(diags, DIAG_WARNING, p->file, row->line, p->office_code,
                     "plan_item",
                     "plan row %u: \"%s\" is not an item of the %d model: "
                     "it projects nothing",
                     row->line, row->item, ys->year);
            continue;
        }
        if (ps->measures)
            po->measures_changed +=
                measure_changed(ps->measures, node, row->measure);
        if (isnan(row->planned) || seen_before(p, m, i, node))
            continue;
        double lacking = row->planned - s->node[node];
        if (lacking > 0)
            po->projected_ita += m->nodes[node].ita_weight * lacking;
    }
}

/* The office of a plan, or -1 after an error or warning saying why it is
 * left out. */
static int plan_office(const returned_plan *p, const year_scores *ys,
                       diag_list *diags)
{
    int office = registry_find(ys->r, p->office_code);
    if (office < 0) {
        diag_add(diags, DIAG_ERROR, p->file, 0, p->office_code, "plan_office",
                 "a returned action plan for office %s, which is not in the "
                 "list of districts",
                 p->office_code);
        return -1;
    }
    if (p->year != ys->year) {
        diag_add(diags, DIAG_WARNING, p->file, 0, p->office_code,
                 "plan_year",
                 "a returned action plan drawn from the %d results, not the "
                 "%d ones reported on: left out of plan_progress_%d.csv",
                 p->year, ys->year, ys->year);
        return -1;
    }
    for (size_t i = 0; i < ys->n_unscored; i++)
        if (ys->unscored[i] == office) {
            diag_add(diags, DIAG_WARNING, p->file, 0, p->office_code,
                     "plan_office",
                     "a returned action plan for office %s, which is not "
                     "scored in %d (items missing, --skip-incomplete): left "
                     "out of plan_progress_%d.csv",
                     p->office_code, ys->year, ys->year);
            return -1;
        }
    if (!scores_find(ys, office)) {
        diag_add(diags, DIAG_ERROR, p->file, 0, p->office_code, "plan_office",
                 "a returned action plan for office %s, which has no scores "
                 "in the %d input",
                 p->office_code, ys->year);
        return -1;
    }
    return office;
}

static int by_done_share(const void *a, const void *b)
{
    const progress_office *x = a, *y = b;
    /* best done share first (a plan without rows last), then most done */
    double dx = x->rows ? (double)x->done / (double)x->rows : -1;
    double dy = y->rows ? (double)y->done / (double)y->rows : -1;
    if (dx != dy)
        return dx > dy ? -1 : 1;
    if (x->done != y->done)
        return x->done > y->done ? -1 : 1;
    return (x->office > y->office) - (x->office < y->office);
}

progress_set *progress_compute(const returned_set *rs, const year_scores *ys,
                               const struct measures_library *measures,
                               plan_date as_of, diag_list *diags)
{
    if (!rs || rs->n == 0)
        return NULL;
    progress_set *ps = xcalloc(1, sizeof *ps);
    ps->year = ys->year;
    ps->as_of = as_of;
    ps->measures = measures;
    ps->offices = xcalloc(rs->n, sizeof *ps->offices);
    for (size_t i = 0; i < rs->n; i++) {
        const returned_plan *p = &rs->plans[i];
        int office = plan_office(p, ys, diags);
        if (office < 0)
            continue;
        /* "came back" means edited: a workbook as itabench wrote it
         * (a folder of outputs followed in place) is not counted */
        if (!returned_plan_edited(p, ys->m, measures,
                                  scores_find(ys, office))) {
            diag_add(diags, DIAG_NOTE, p->file, 0, p->office_code,
                     "plan_unedited",
                     "an office workbook whose plan is as itabench wrote it: "
                     "not counted as an action plan that came back");
            continue;
        }
        const progress_office *kept = NULL;
        for (size_t k = 0; k < ps->n && !kept; k++)
            if (ps->offices[k].office == office)
                kept = &ps->offices[k];
        if (kept) {
            diag_add(diags, DIAG_WARNING, p->file, 0, p->office_code,
                     "plan_twice",
                     "a second returned action plan for office %s: %s, read "
                     "first, is the one counted; this one is left out",
                     p->office_code, kept->plan->file);
            continue;
        }
        progress_office *po = &ps->offices[ps->n++];
        *po = (progress_office){.office = office, .plan = p};
        count_plan(ps, ys, scores_find(ys, office), po, diags);
    }
    if (ps->n == 0) {  /* every plan left out */
        progress_free(ps);
        return NULL;
    }
    qsort(ps->offices, ps->n, sizeof *ps->offices, by_done_share);
    return ps;
}

void progress_free(progress_set *ps)
{
    if (!ps)
        return;
    free(ps->offices);
    free(ps);
}
