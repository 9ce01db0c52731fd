#include "registry.h"
#include "csvread.h"
#include "names.h"
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

/* The columns every registry must have (the first N_REQUIRED). */
enum { N_REQUIRED = COL_EN + 1 };

typedef struct {
    registry *r;
    diag_list *diags;
    int col[N_COLS];
    bool header_seen, failed;
    size_t cap;
    unsigned long *lines;
    unsigned long *zone_lines;   /* per zone, the line that named it first */
} loader;

/* Two zone names are one zone when they differ only in case, spaces or
 * the form of Thai vowels (text_spelling_key): "East Bangkok" and "east
 * bangkok" must not rank an office alone in a zone of its own.  The first
 * spelling is kept; a later one is a warning. */
static bool same_zone_name(const char *a, const char *b)
{
    char *ka = text_spelling_key(a), *kb = text_spelling_key(b);
    bool same = strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

static int find_zone(loader *l, const char *th, const char *en,
                     const csv_record *rec)
{
    registry *r = l->r;
    for (size_t z = 0; z < r->n_zones; z++) {
        bool same_th = same_zone_name(r->zones[z].name_th, th);
        bool same_en = same_zone_name(r->zones[z].name_en, en);
        if (!same_th && !same_en)
            continue;
        if (same_th != same_en) {
            diag_add(l->diags, DIAG_ERROR, rec->file, rec->line, NULL,
                     "registry",
                     "zone \"%s\" / \"%s\" shares a name with zone \"%s\" / "
                     "\"%s\" of line %lu but not the other: one zone needs "
                     "one Thai and one English name",
                     th, en, r->zones[z].name_th, r->zones[z].name_en,
                     l->zone_lines[z]);
            l->failed = true;
        } else if (strcmp(r->zones[z].name_th, th) != 0 ||
                   strcmp(r->zones[z].name_en, en) != 0) {
            diag_add(l->diags, DIAG_WARNING, rec->file, rec->line, NULL,
                     "registry_zone",
                     "zone \"%s\" / \"%s\" is read as \"%s\" / \"%s\" of "
                     "line %lu (the names differ only in case, spaces or "
                     "the form of Thai vowels)",
                     th, en, r->zones[z].name_th, r->zones[z].name_en,
                     l->zone_lines[z]);
        }
        return (int)z;
    }
    r->zones = xrealloc(r->zones, (r->n_zones + 1) * sizeof *r->zones);
    l->zone_lines =
        xrealloc(l->zone_lines, (r->n_zones + 1) * sizeof *l->zone_lines);
    r->zones[r->n_zones] = (zone){xstrdup(th), xstrdup(en)};
    l->zone_lines[r->n_zones] = rec->line;
    return (int)r->n_zones++;
}

static bool on_record(const csv_record *rec, void *ctx)
{
    loader *l = ctx;
    registry *r = l->r;
    if (!l->header_seen) {
        l->header_seen = true;
        /* the header rules of every input (csvread_header_columns) */
        l->failed = !csvread_header_columns(
            rec,
            &(csv_header_spec){column_names, N_COLS, N_REQUIRED,
                               "the office registry", "registry"},
            l->col, l->diags);
        if (!l->failed && (l->col[COL_ZONE_TH] < 0) !=
                              (l->col[COL_ZONE_EN] < 0)) {
            diag_add(l->diags, DIAG_ERROR, rec->file, rec->line, NULL,
                     "registry",
                     "the office registry has a column %s without %s: a "
                     "zone needs a Thai and an English name",
                     column_names[l->col[COL_ZONE_TH] < 0 ? COL_ZONE_EN
                                                          : COL_ZONE_TH],
                     column_names[l->col[COL_ZONE_TH] < 0 ? COL_ZONE_TH
                                                          : COL_ZONE_EN]);
            l->failed = true;
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
    /* with zone columns, every office is in a named zone: an empty one
     * would rank the offices without a zone as a zone of their own */
    if (l->col[COL_ZONE_TH] >= 0 && (!*f[COL_ZONE_TH] || !*f[COL_ZONE_EN])) {
        char *q = text_quote_short(f[COL_CODE], 40);
        diag_add(l->diags, DIAG_ERROR, rec->file, rec->line, NULL, "registry",
                 "office %s has no zone name in %s: every office needs its "
                 "zone in both languages",
                 q, !*f[COL_ZONE_TH] ? "zone_th" : "zone_en");
        free(q);
        l->failed = true;
    }
    if (r->n_offices == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        r->offices = xrealloc(r->offices, l->cap * sizeof *r->offices);
        l->lines = xrealloc(l->lines, l->cap * sizeof *l->lines);
    }
    l->lines[r->n_offices] = rec->line;
    r->offices[r->n_offices++] = (office){
        .code = f[COL_CODE], .name_th = f[COL_TH], .name_en = f[COL_EN],
        .zone = find_zone(l, f[COL_ZONE_TH], f[COL_ZONE_EN], rec)};
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

/* Two codes that give one file name (office workbooks are named by the
 * code made file-safe, lower case: "A/1" and "a-1"): an error, since one
 * office's workbook would replace the other's. */
static bool codes_file_safe(loader *l)
{
    registry *r = l->r;
    bool ok = true;
    char **safe = xcalloc(r->n_offices ? r->n_offices : 1, sizeof *safe);
    for (size_t i = 0; i < r->n_offices; i++) {
        safe[i] = names_file_component(r->offices[i].code,
                                       strlen(r->offices[i].code) + 8);
        for (size_t j = 0; j < i; j++)
            if (strcmp(safe[i], safe[j]) == 0) {
                diag_add(l->diags, DIAG_ERROR, r->path, l->lines[i], NULL,
                         "registry",
                         "code \"%s\" gives the same file name as code \"%s\" "
                         "(line %lu): \"%s\"; their office workbooks would "
                         "replace each other: codes must differ in letters "
                         "or digits, not only in case or punctuation",
                         r->offices[i].code, r->offices[j].code, l->lines[j],
                         safe[i]);
                ok = false;
                break;
            }
    }
    for (size_t i = 0; i < r->n_offices; i++)
        free(safe[i]);
    free(safe);
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
    ok = ok && codes_file_safe(&l);
    free(l.lines);
    free(l.zone_lines);
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
