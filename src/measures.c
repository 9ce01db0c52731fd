#include "measures.h"
#include "csvread.h"
#include "text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The columns of each text, by field and language, whether every row must
 * fill it, and whether the file may leave the column out (then every
 * entry's text is ""; a column present must still be filled when
 * required). */
static const struct {
    const char *column[2];
    bool required;
    bool is_unit_list;   /* joined as distinct names, not as a numbered list */
    bool optional_column;
} field_specs[MEASURE_N_FIELDS] = {
    [MEASURE_LEAD] = {{"lead_unit_th", "lead_unit_en"}, true, true, false},
    [MEASURE_SUPPORT] = {{"support_units_th", "support_units_en"}, false, true,
                          false},
    [MEASURE_ACTION] = {{"measure_th", "measure_en"}, true, false, false},
    [MEASURE_MONITORING] = {{"monitoring_th", "monitoring_en"}, true, false,
                             false},
    [MEASURE_PUBLISH] = {{"publish_th", "publish_en"}, false, false, false},
    [MEASURE_EVIDENCE] = {{"evidence_th", "evidence_en"}, true, false, false},
    [MEASURE_WEAKNESS] = {{"weakness_th", "weakness_en"}, true, false, true},
    [MEASURE_ALTERNATIVES] = {{"lead_alternatives_th",
                               "lead_alternatives_en"}, false, true, true},
    [MEASURE_BUDGET] = {{"budget_th", "budget_en"}, false, false, true},
};

/* The columns that are not texts. */
#define COLUMN_QUARTER "quarter"
#define COLUMN_EVERY_PLAN "in_every_plan"
#define FIRST_QUARTER 1
#define LAST_QUARTER 4

/* Values of in_every_plan, as data. */
static const struct {
    const char *word;
    bool value;
} every_plan_words[] = {
    {"", false}, {"no", false}, {"yes", true},
};

/* Units within one cell are separated like this in the file and in the
 * joined text. */
#define UNIT_SEPARATOR "; "

/* Items whose answer_type is this are disclosure items: their action plan
 * row must say what to publish. */

typedef struct {
    measures_library *lib;
    diag_list *diags;
    int col_item, col_quarter, col_every_plan;
    int col[MEASURE_N_FIELDS][2];
    bool header_seen, header_ok, failed;
    /* per item slot, the texts of each row, kept to be joined at the end */
    char ***parts[MEASURE_N_FIELDS][2];   /* [field][lang][slot][row] */
} loader;

/* The header, by the rules of every input (csvread_header_columns):
 * every column known, none repeated, none of them missing. */
static bool read_header(loader *l, const csv_record *r)
{
    enum { N_PLAIN = 3, N_NAMES = N_PLAIN + 2 * MEASURE_N_FIELDS };
    const char *names[N_NAMES] = {"item", COLUMN_QUARTER, COLUMN_EVERY_PLAN};
    int *cols[N_NAMES] = {&l->col_item, &l->col_quarter, &l->col_every_plan};
    size_t n = N_PLAIN;
    /* the required columns first (csvread_header_columns), then the
     * optional ones (weakness, alternatives, budget hints) */
    for (int optional = 0; optional < 2; optional++)
        for (int f = 0; f < MEASURE_N_FIELDS; f++)
            for (int lang = 0; lang < 2; lang++)
                if (field_specs[f].optional_column == optional) {
                    names[n] = field_specs[f].column[lang];
                    cols[n++] = &l->col[f][lang];
                }
    size_t n_required = N_PLAIN;
    for (int f = 0; f < MEASURE_N_FIELDS; f++)
        n_required += field_specs[f].optional_column ? 0 : 2;
    int found[N_NAMES];
    bool ok = csvread_header_columns(
        r,
        &(csv_header_spec){names, N_NAMES, n_required, "the measures library",
                           "measures"},
        found, l->diags);
    for (size_t k = 0; k < N_NAMES; k++)
        *cols[k] = found[k];
    return ok;
}

/* The row's quarter; the item keeps the latest of its rows' quarters. */
static void read_quarter(loader *l, const csv_record *r, int node,
                         measure_entry *e)
{
    char *text = text_clean(csvread_field(r, l->col_quarter));
    long q;
    if (!text_parse_int(text, &q) || q < FIRST_QUARTER || q > LAST_QUARTER) {
        char *quoted = text_quote_short(text, 20);
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "measures",
                 "%s: %s %s is not a quarter of the fiscal year (%d to %d)",
                 l->lib->m->nodes[node].id, COLUMN_QUARTER, quoted,
                 FIRST_QUARTER, LAST_QUARTER);
        free(quoted);
        l->failed = true;
    } else if ((int)q > e->quarter) {
        e->quarter = (int)q;
    }
    free(text);
}

static void read_every_plan(loader *l, const csv_record *r, int node,
                            measure_entry *e)
{
    char *text = text_clean(csvread_field(r, l->col_every_plan));
    char *lower = text_ascii_lower(text);
    size_t n = sizeof every_plan_words / sizeof *every_plan_words;
    size_t k = 0;
    while (k < n && strcmp(lower, every_plan_words[k].word) != 0)
        k++;
    if (k == n) {
        char *quoted = text_quote_short(text, 20);
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "measures",
                 "%s: %s %s is neither yes, no nor empty",
                 l->lib->m->nodes[node].id, COLUMN_EVERY_PLAN, quoted);
        free(quoted);
        l->failed = true;
    } else if (every_plan_words[k].value) {
        e->in_every_plan = true;
    }
    free(lower);
    free(text);
}

/* A plan cell holds a few words (README, "The measures library"): a text
 * of more characters than this is an error, not cut. */
#define MEASURE_TEXT_MAX_CHARS 1000

static void check_length(loader *l, const csv_record *r, int node, int f,
                         int lang, const char *text)
{
    size_t chars = 0;
    for (const char *p = text; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (chars <= MEASURE_TEXT_MAX_CHARS)
        return;
    diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "measures",
             "%s: %s is %zu characters long; a plan's cell holds at most %d "
             "(a few words, about three printed lines): shorten it",
             l->lib->m->nodes[node].id, field_specs[f].column[lang], chars,
             MEASURE_TEXT_MAX_CHARS);
    l->failed = true;
}

/* A row that repeats an earlier row of its item text for text (a row
 * pasted twice): a warning, and the row is not joined again. */
static bool row_repeated(loader *l, const csv_record *r, int node, int slot,
                         size_t n_rows)
{
    for (size_t k = 0; k < n_rows; k++) {
        bool same = true;
        for (int f = 0; f < MEASURE_N_FIELDS && same; f++)
            for (int lang = 0; lang < 2 && same; lang++) {
                char *text = text_clean(csvread_field(r, l->col[f][lang]));
                same = strcmp(text, l->parts[f][lang][slot][k]) == 0;
                free(text);
            }
        if (same) {
            diag_add(l->diags, DIAG_WARNING, r->file, r->line, NULL,
                     "measures",
                     "%s: the row repeats an earlier row of the item word "
                     "for word: ignored",
                     l->lib->m->nodes[node].id);
            return true;
        }
    }
    return false;
}

static bool on_record(const csv_record *r, void *ctx)
{
    loader *l = ctx;
    measures_library *lib = l->lib;
    const model *m = lib->m;
    if (!l->header_seen) {
        l->header_seen = true;
        l->header_ok = read_header(l, r);
        l->failed = !l->header_ok;
        return l->header_ok;
    }
    char *id = text_clean(csvread_field(r, l->col_item));
    int node = model_find(m, id);
    if (node < 0 || m->nodes[node].kind != NODE_ITEM) {
        char *q = text_quote_short(id, 40);
        diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL, "measures",
                 node < 0 ? "item %s is not in the model %s"
                          : "%s is not an item of the model %s (measures are "
                            "given per item)",
                 q, m->path);
        free(q);
        free(id);
        l->failed = true;
        return true;
    }
    free(id);
    int slot = m->item_slot[node];
    measure_entry *e = &lib->items[slot];
    bool published = model_is_disclosure(&m->nodes[node]);
    if (row_repeated(l, r, node, slot, e->n_rows))
        return true;
    for (int f = 0; f < MEASURE_N_FIELDS; f++)
        for (int lang = 0; lang < 2; lang++) {
            char *text = text_clean(csvread_field(r, l->col[f][lang]));
            check_length(l, r, node, f, lang, text);
            /* the text reaches the workbooks: no control characters */
            if (text_strip_controls(text))
                diag_add(l->diags, DIAG_WARNING, r->file, r->line, NULL,
                         "measures", "%s: control characters removed from "
                         "%s", m->nodes[node].id,
                         field_specs[f].column[lang]);
            bool needed = (field_specs[f].required &&
                           l->col[f][lang] >= 0) ||
                          (f == MEASURE_PUBLISH && published);
            if (needed && !*text) {
                diag_add(l->diags, DIAG_ERROR, r->file, r->line, NULL,
                         "measures", "%s: %s is empty%s", m->nodes[node].id,
                         field_specs[f].column[lang],
                         f == MEASURE_PUBLISH
                             ? " (a disclosure item must say what to publish)"
                             : "");
                l->failed = true;
            }
            char ***slots = l->parts[f][lang];
            slots[slot] = xrealloc(slots[slot], (e->n_rows + 1) * sizeof(char *));
            slots[slot][e->n_rows] = text;
        }
    read_quarter(l, r, node, e);
    read_every_plan(l, r, node, e);
    if (e->n_rows++ == 0)
        e->line = r->line;
    return true;
}

/* True when the list sep-joined in list already holds name. */
static bool list_has(const char *list, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = list; *p;) {
        const char *end = strstr(p, UNIT_SEPARATOR);
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && strncmp(p, name, n) == 0)
            return true;
        if (!end)
            break;
        p = end + strlen(UNIT_SEPARATOR);
    }
    return false;
}

/* Distinct unit names of every row, in order of first appearance. */
static char *join_units(char **rows, size_t n)
{
    char *out = xstrdup("");
    for (size_t i = 0; i < n; i++) {
        char *copy = xstrdup(rows[i]);
        char *save = NULL;
        for (char *tok = strtok_r(copy, ";", &save); tok;
             tok = strtok_r(NULL, ";", &save)) {
            char *name = text_clean(tok);
            if (*name && !list_has(out, name)) {
                char *joined = xasprintf("%s%s%s", out,
                                         *out ? UNIT_SEPARATOR : "", name);
                free(out);
                out = joined;
            }
            free(name);
        }
        free(copy);
    }
    return out;
}

/* One row's text as is; several rows' non-empty texts as "1. ...\n2. ...". */
static char *join_numbered(char **rows, size_t n)
{
    size_t filled = 0;
    for (size_t i = 0; i < n; i++)
        filled += *rows[i] != '\0';
    if (filled <= 1) {
        for (size_t i = 0; i < n; i++)
            if (*rows[i])
                return xstrdup(rows[i]);
        return xstrdup("");
    }
    char *out = xstrdup("");
    size_t number = 0;
    for (size_t i = 0; i < n; i++) {
        if (!*rows[i])
            continue;
        char *joined = xasprintf("%s%s%zu. %s", out, number ? "\n" : "",
                                 number + 1, rows[i]);
        number++;
        free(out);
        out = joined;
    }
    return out;
}

static void join_entries(loader *l)
{
    const model *m = l->lib->m;
    for (size_t s = 0; s < m->n_items; s++) {
        measure_entry *e = &l->lib->items[s];
        for (int f = 0; f < MEASURE_N_FIELDS; f++)
            for (int lang = 0; lang < 2; lang++) {
                char **rows = l->parts[f][lang][s];
                e->text[f][lang] = field_specs[f].is_unit_list
                                       ? join_units(rows, e->n_rows)
                                       : join_numbered(rows, e->n_rows);
                for (size_t i = 0; i < e->n_rows; i++)
                    free(rows[i]);
                free(rows);
            }
    }
}

/* One error naming every item of the model the file does not cover. */
static bool check_coverage(const measures_library *lib, diag_list *diags)
{
    const model *m = lib->m;
    char *missing = xstrdup("");
    size_t n_missing = 0;
    for (size_t s = 0; s < m->n_items; s++) {
        if (lib->items[s].n_rows)
            continue;
        char *joined = xasprintf("%s%s%s", missing, n_missing ? ", " : "",
                                 m->nodes[m->items[s]].id);
        free(missing);
        missing = joined;
        n_missing++;
    }
    if (n_missing)
        diag_add(diags, DIAG_ERROR, lib->path, 0, NULL, "measures",
                 "%zu item%s of the model %s ha%s no measures: %s", n_missing,
                 n_missing == 1 ? "" : "s", m->path,
                 n_missing == 1 ? "s" : "ve", missing);
    free(missing);
    return n_missing == 0;
}

measures_library *measures_load(const char *path, const model *m,
                                diag_list *diags)
{
    measures_library *lib = xcalloc(1, sizeof *lib);
    lib->path = xstrdup(path);
    lib->m = m;
    lib->items = xcalloc(m->n_items ? m->n_items : 1, sizeof *lib->items);
    loader l = {.lib = lib, .diags = diags};
    for (int f = 0; f < MEASURE_N_FIELDS; f++)
        for (int lang = 0; lang < 2; lang++)
            l.parts[f][lang] = xcalloc(m->n_items ? m->n_items : 1,
                                       sizeof(char **));
    bool read = csvread_file(path, on_record, &l, diags);
    join_entries(&l);
    for (int f = 0; f < MEASURE_N_FIELDS; f++)
        for (int lang = 0; lang < 2; lang++)
            free(l.parts[f][lang]);
    bool ok = read && !l.failed;
    if (ok && !l.header_seen) {
        diag_add(diags, DIAG_ERROR, path, 0, NULL, "measures",
                 "the measures library is empty");
        ok = false;
    }
    /* Coverage is only meaningful once the header was understood. */
    if (read && l.header_ok)
        ok = check_coverage(lib, diags) && ok;
    if (!ok) {
        measures_free(lib);
        return NULL;
    }
    return lib;
}

void measures_free(measures_library *lib)
{
    if (!lib)
        return;
    for (size_t s = 0; s < lib->m->n_items; s++)
        for (int f = 0; f < MEASURE_N_FIELDS; f++)
            for (int lang = 0; lang < 2; lang++)
                free(lib->items[s].text[f][lang]);
    free(lib->items);
    free(lib->path);
    free(lib);
}

const measure_entry *measures_for_item(const measures_library *lib, int node)
{
    if (node < 0 || (size_t)node >= lib->m->n_nodes)
        return NULL;
    int slot = lib->m->item_slot[node];
    return slot < 0 ? NULL : &lib->items[slot];
}

const char *measures_text(const measure_entry *e, measure_field field,
                          report_lang lang)
{
    const char *text = e->text[field][lang == LANG_EN ? 1 : 0];
    return text ? text : "";
}

char *measures_group(const measures_library *lib, const int *nodes, size_t n,
                     measure_field field, report_lang lang)
{
    char **texts = xmalloc((n ? n : 1) * sizeof *texts);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        const measure_entry *e = measures_for_item(lib, nodes[i]);
        const char *t = e ? measures_text(e, field, lang) : "";
        bool seen = false;
        for (size_t k = 0; k < distinct && !seen; k++)
            seen = strcmp(texts[k], t) == 0;
        if (!seen)
            texts[distinct++] = (char *)t;
    }
    char *out = field_specs[field].is_unit_list
                    ? join_units(texts, distinct)
                    : join_numbered(texts, distinct);
    free(texts);
    return out;
}
