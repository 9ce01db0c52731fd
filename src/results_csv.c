#include "results_csv.h"
#include "csvout.h"
#include "outfile.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void write_header(FILE *out, const model *m)
{
    static const char *const leading[] = {
        "year", "office_code", "office_name_th", "office_name_en", "zone",
        "ita", "grade", "pass", "gap_to_target", "rank", "zone_rank"};
    for (size_t i = 0; i < sizeof leading / sizeof *leading; i++)
        csvout_field(out, leading[i], i == 0);
    const int *groups[] = {m->tools, m->indicators};
    size_t sizes[] = {m->n_tools, m->n_indicators};
    for (size_t g = 0; g < 2; g++)
        for (size_t i = 0; i < sizes[g]; i++) {
            char *id = text_ascii_lower(m->nodes[groups[g][i]].id);
            csvout_field(out, id, false);
            free(id);
        }
    for (size_t t = 0; t < m->n_tools; t++)
        if (model_has_respondents(&m->nodes[m->tools[t]])) {
            char *id = text_ascii_lower(m->nodes[m->tools[t]].id);
            char *name = xasprintf("n_%s", id);
            csvout_field(out, name, false);
            free(name);
            free(id);
        }
    csvout_field(out, "items_below_target", false);
    csvout_end(out);
}

static void write_row(FILE *out, const year_scores *ys, const office_score *s)
{
    const model *m = ys->m;
    const office *of = &ys->r->offices[s->office];
    char year[16];
    snprintf(year, sizeof year, "%d", ys->year);
    csvout_field(out, year, true);
    csvout_field(out, of->code, false);
    csvout_field(out, of->name_th, false);
    csvout_field(out, of->name_en, false);
    csvout_field(out, ys->r->zones[of->zone].name_th, false);
    csvout_score(out, s->ita_r2);
    csvout_field(out, m->grades[s->grade].id, false);
    csvout_count(out, s->pass);
    csvout_score(out, s->gap);
    csvout_count(out, s->rank);
    csvout_count(out, s->zone_rank);
    for (size_t t = 0; t < m->n_tools; t++)
        csvout_score(out, score_round2(s->node[m->tools[t]]));
    for (size_t i = 0; i < m->n_indicators; i++)
        csvout_score(out, score_round2(s->node[m->indicators[i]]));
    for (size_t t = 0; t < m->n_tools; t++)
        if (model_has_respondents(&m->nodes[m->tools[t]]))
            csvout_count(out, s->respondents[t]);
    csvout_count(out, (double)s->items_below);
    csvout_end(out);
}

bool results_csv_write(const report *rep, const char *path)
{
    outfile f;
    if (!outfile_open(&f, path, true))
        return false;
    const year_scores *ys = rep->current;
    write_header(f.fp, rep->m);
    for (size_t pos = 0; pos < ys->n; pos++)
        write_row(f.fp, ys, &ys->offices[ys->by_rank[pos]]);
    return outfile_commit(&f);
}

bool data_quality_csv_write(const report *rep, const char *path)
{
    static const char *const header[] = {"severity", "office_code", "file",
                                         "line", "check", "message"};
    outfile f;
    if (!outfile_open(&f, path, true))
        return false;
    for (size_t i = 0; i < 6; i++)
        csvout_field(f.fp, header[i], i == 0);
    csvout_end(f.fp);
    for (size_t i = 0; i < rep->diags->n; i++) {
        const diag *d = &rep->diags->items[i];
        csvout_field(f.fp, diag_severity_name(d->severity), true);
        csvout_field(f.fp, d->office_code ? d->office_code : "", false);
        csvout_field(f.fp, d->file ? d->file : "", false);
        csvout_count(f.fp, d->line ? (double)d->line : NAN);
        csvout_field(f.fp, d->check, false);
        csvout_field(f.fp, d->message, false);
        csvout_end(f.fp);
    }
    if (rep->diags->dropped) {
        /* the list keeps DIAG_KEEP findings; say how many more there were */
        char *message = xasprintf("%zu more findings were not kept; fix the "
                                  "ones above and run again",
                                  rep->diags->dropped);
        csvout_field(f.fp, "note", true);
        csvout_field(f.fp, "", false);
        csvout_field(f.fp, "", false);
        csvout_count(f.fp, NAN);
        csvout_field(f.fp, "not_kept", false);
        csvout_field(f.fp, message, false);
        csvout_end(f.fp);
        free(message);
    }
    return outfile_commit(&f);
}
