#include "office_selection.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

bool office_selection_parse(const registry *r, const char *list,
                            office_selection *sel, FILE *err)
{
    *sel = (office_selection){0};
    if (!list || !*list)
        return true;
    char *copy = xstrdup(list);
    char *save = NULL;
    bool ok = true;
    for (char *tok = strtok_r(copy, ",", &save); tok && ok;
         tok = strtok_r(NULL, ",", &save)) {
        char *name = text_clean(tok);
        if (!*name) {
            free(name);
            continue;
        }
        int found = registry_find(r, name);
        if (found < 0) {
            char *q = text_quote_short(name, 60);
            char *hint = registry_suggest(r, name);
            fprintf(err,
                    "itabench: --office %s: no such office in %s (give a "
                    "code, a Thai or an English name)%s\n",
                    q, r->path, hint);
            free(hint);
            free(q);
            ok = false;
        } else {
            bool seen = false;
            for (size_t i = 0; i < sel->n; i++)
                seen |= sel->offices[i] == found;
            if (!seen) {
                sel->offices = xrealloc(sel->offices,
                                        (sel->n + 1) * sizeof *sel->offices);
                sel->offices[sel->n++] = found;
            }
        }
        free(name);
    }
    free(copy);
    if (ok && sel->n == 0) {
        fprintf(err, "itabench: --office names no office\n");
        ok = false;
    }
    if (!ok)
        office_selection_free(sel);
    return ok;
}

bool office_selection_check(const office_selection *sel, const report *rep,
                            FILE *err)
{
    for (size_t i = 0; i < sel->n; i++)
        if (!scores_find(rep->current, sel->offices[i])) {
            const office *o = &rep->r->offices[sel->offices[i]];
            fprintf(err,
                    "itabench: --office %s (%s): the input has no scores of "
                    "this office for %d\n",
                    o->code, o->name_en, rep->current->year);
            return false;
        }
    return true;
}

void office_selection_free(office_selection *sel)
{
    free(sel->offices);
    *sel = (office_selection){0};
}
