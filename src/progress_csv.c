#include "progress_csv.h"
#include "csvout.h"
#include "outfile.h"

#include <stdio.h>

static const char *const header[] = {
    "year", "office_code", "office_name_th", "office_name_en", "rows",
    "done", "in_progress", "not_started", "not_understood", "overdue",
    "no_owner",
    "projected_ita", "file"};

bool progress_csv_write(const progress_set *ps, const registry *r,
                        const char *path)
{
    outfile f;
    if (!outfile_open(&f, path, true))
        return false;
    for (size_t i = 0; i < sizeof header / sizeof *header; i++)
        csvout_field(f.fp, header[i], i == 0);
    csvout_end(f.fp);
    for (size_t i = 0; i < ps->n; i++) {
        const progress_office *po = &ps->offices[i];
        const office *o = &r->offices[po->office];
        fprintf(f.fp, "%d", ps->year);
        csvout_field(f.fp, o->code, false);
        csvout_field(f.fp, o->name_th, false);
        csvout_field(f.fp, o->name_en, false);
        const size_t counts[] = {po->rows, po->done, po->in_progress,
                                 po->not_started, po->not_understood,
                                 po->overdue, po->no_owner};
        for (size_t k = 0; k < sizeof counts / sizeof *counts; k++)
            csvout_count(f.fp, (double)counts[k]);
        csvout_score(f.fp, po->projected_ita);
        csvout_field(f.fp, po->plan->file, false);
        csvout_end(f.fp);
    }
    return outfile_commit(&f);
}
