#include "registry.h"
#include "csvread.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct name_key {
    char *key;
    int office;
};

enum { COL_CODE, COL_TH, COL_EN, COL_ZONE_TH, COL_ZONE_EN, N_COLS };
static const char *const column_names[N_COLS] = {"code", "name_th", "name_en",
                                                 "zone_th", "zone_en"};

typedef struct {
    registry *r;
    diag_list *diags;
    int col[N_COLS];
    bool header_seen, failed;
    size_t cap;
    unsigned long *lines;
} loader;

static int find_zone(registry *r, const char *th, const char *en)
{
    for (size_t z = 0; z < r->n_zones; z++)
        if (strcmp(r->zones[z].name_th, th) == 0 &&
            strcmp(r->zones[z].name_en, en) == 0)
            return (int)z;
    r->zones = xrealloc(r->zones, (r->n_zones + 1) * sizeof *r->zones);
    r->zones[r->n_zones] = (zone){xstrdup(th), xstrdup(en)};
    return (int)r->n_zones++;
}

static bool on_record(const csv_record *rec, void *ctx)
{
    loader *l = ctx;
    registry *r = l->r;
    if (!l->header_seen) {
        l->header_seen = true;
        for (int c = 0; c < N_COLS; c++) {
            l->col[c] = csvread_column(rec, column_names[c]);
            if (l->col[c] < 0 && c <= COL_EN) {
                diag_add(l->diags, DIAG_ERROR, rec->file, rec->line, NULL,
                         "registry", "the office registry has no column %s",
                         column_names[c]);
                l->failed = true;
            }
        }
        return !l->failed;
    }
    char *f[N_COLS];
    size_t controls = 0;
    for (int c = 0; c < N_COLS; c++) {
        f[c] = text_clean(csvread_field(rec, l->col[c]));
        /* names reach the workbooks, whose XML forbids control
         * characters: removed here, where they enter */
        controls += text_strip_controls(f[c]);
    }
    if (controls)
        diag_add(l->diags, DIAG_WARNING, rec->file, rec->line, NULL,
                 "registry", "%zu control character%s removed from the "
                 "office's code and names",
                 controls, controls == 1 ? "" : "s");
    if (!*f[COL_CODE] || !*f[COL_TH] || !*f[COL_EN]) {
        diag_add(l->diags, DIAG_ERROR, rec->file, rec->line, NULL, "registry",
                 "an office needs a code, a Thai name and an English name");
        l->failed = true;
        for (int c = 0; c < N_COLS; c++)
            free(f[c]);
        return true;
    }
    if (r->n_offices == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        r->offices = xrealloc(r->offices, l->cap * sizeof *r->offices);
        l->lines = xrealloc(l->lines, l->cap * sizeof *l->lines);
    }
    l->lines[r->n_offices] = rec->line;
    r->offices[r->n_offices++] = (office){
        .code = f[COL_CODE], .name_th = f[COL_TH], .name_en = f[COL_EN],
        .zone = find_zone(r, f[COL_ZONE_TH], f[COL_ZONE_EN])};
    free(f[COL_ZONE_TH]);
    free(f[COL_ZONE_EN]);
    return true;
}

static int cmp_key(const void *a, const void *b)
{
    const name_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : x->office - y->office;
}

/* Builds the sorted key table and reports names shared by two offices. */
static bool build_keys(loader *l)
{
    registry *r = l->r;
    r->keys = xmalloc(3 * r->n_offices * sizeof *r->keys);
    for (size_t i = 0; i < r->n_offices; i++) {
        const char *names[] = {r->offices[i].code, r->offices[i].name_th,
                               r->offices[i].name_en};
        for (int k = 0; k < 3; k++) {
            char *key = text_name_key(names[k]);
            /* an office may share its own code and name; keep one key */
            bool same = false;
            for (size_t j = r->n_keys; j-- > 0 && r->keys[j].office == (int)i;)
                same |= strcmp(r->keys[j].key, key) == 0;
            if (same) {
                free(key);
                continue;
            }
            r->keys[r->n_keys++] = (name_key){key, (int)i};
        }
    }
    qsort(r->keys, r->n_keys, sizeof *r->keys, cmp_key);
    bool ok = true;
    for (size_t k = 1; k < r->n_keys; k++) {
        if (strcmp(r->keys[k].key, r->keys[k - 1].key) == 0) {
            int a = r->keys[k - 1].office, b = r->keys[k].office;
            char *q = text_quote_short(r->keys[k].key, 40);
            diag_add(l->diags, DIAG_ERROR, r->path, l->lines[b], NULL,
                     "registry", "%s names two offices (lines %lu and %lu)",
                     q, l->lines[a], l->lines[b]);
            free(q);
            ok = false;
        }
    }
    return ok;
}

registry *registry_load(const char *path, diag_list *diags)
{
    registry *r = xcalloc(1, sizeof *r);
    bool converted; /* the name reaches the workbooks: valid UTF-8 */
    r->path = csvread_display_name(path, &converted);
    loader l = {.r = r, .diags = diags};
    bool ok = csvread_file_digest(path, NULL, on_record, &l, diags,
                                  r->sha256) &&
              !l.failed;
    if (ok && r->n_offices == 0) {
        diag_add(diags, DIAG_ERROR, r->path, 0, NULL, "registry",
                 "the office registry lists no office");
        ok = false;
    }
    ok = ok && build_keys(&l);
    free(l.lines);
    if (!ok) {
        registry_free(r);
        return NULL;
    }
    return r;
}

void registry_free(registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_offices; i++) {
        free(r->offices[i].code);
        free(r->offices[i].name_th);
        free(r->offices[i].name_en);
    }
    for (size_t z = 0; z < r->n_zones; z++) {
        free(r->zones[z].name_th);
        free(r->zones[z].name_en);
    }
    for (size_t k = 0; k < r->n_keys; k++)
        free(r->keys[k].key);
    free(r->keys);
    free(r->offices);
    free(r->zones);
    free(r->path);
    free(r);
}

static int cmp_key_only(const void *a, const void *b)
{
    return strcmp(((const name_key *)a)->key, ((const name_key *)b)->key);
}

int registry_find(const registry *r, const char *code_or_name)
{
    name_key probe = {text_name_key(code_or_name), -1};
    /* keys are unique: build_keys refuses a registry where they are not */
    const name_key *hit =
        bsearch(&probe, r->keys, r->n_keys, sizeof *r->keys, cmp_key_only);
    free(probe.key);
    return hit ? hit->office : -1;
}

char *registry_suggest(const registry *r, const char *typed)
{
    char *key = text_suggest_key(typed);
    size_t best = SIZE_MAX;
    int found = -1;
    for (size_t o = 0; o < r->n_offices && *key; o++) {
        const char *names[] = {r->offices[o].code, r->offices[o].name_th,
                               r->offices[o].name_en};
        for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
            char *candidate = text_suggest_key(names[i]);
            size_t d;
            if (text_is_near(key, candidate, &d) && d < best) {
                best = d;
                found = (int)o;
            }
            free(candidate);
        }
    }
    free(key);
    if (found < 0)
        return xstrdup("");
    const office *of = &r->offices[found];
    return xasprintf(" (did you mean %s %s / %s?)", of->code, of->name_en,
                     of->name_th);
}
