#include "ingest.h"
#include "csvread.h"
#include "text.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum { FORM_UNKNOWN, FORM_LONG, FORM_WIDE, FORM_RESPONDENTS,
               FORM_PUBLISHED, FORM_COUNTS } file_form;

/* The columns each form needs besides year and office_code. */
static const struct {
    file_form form;
    const char *columns[3];
    const char *name;
} forms[] = {
    {FORM_COUNTS, {"item", "level", "count"}, "answer counts"},
    {FORM_LONG, {"item", "score", NULL}, "item scores (long form)"},
    {FORM_RESPONDENTS, {"tool", "n", NULL}, "respondents"},
    {FORM_PUBLISHED, {"measure", "value", NULL}, "published figures"},
};

enum { COL_YEAR, COL_OFFICE, COL_NAME, COL_A, COL_B, COL_C, N_COLS };

typedef struct {
    dataset *d;
    diag_list *diags;
    uint32_t file;
    file_form form;
    bool header_seen;
    int col[N_COLS];
    int *wide_slot;           /* per header column: item slot or -1 */
    size_t n_header;
    /* the last year and office looked up, since rows come in runs */
    char *last_year_text;
    int last_year;
    char *last_office_text;
    int last_office;
    unsigned long n_rows;     /* data rows after the header */
    bool noted_ce;            /* the C.E. note was given for this file */
} file_reader;

static void error_at(file_reader *fr, const csv_record *r, const char *office,
                     const char *check, const char *what, const char *value)
{
    char *q = text_quote_short(value, 40);
    diag_add(fr->diags, DIAG_ERROR, r->file, r->line, office, check, "%s %s",
             what, q);
    free(q);
}

static bool is_blank(const char *field)
{
    return field[strspn(field, " \t")] == '\0';
}

static bool classify(file_reader *fr, const csv_record *r)
{
    const model *m = fr->d->m;
    /* Excel pads the header with empty columns past the last one. */
    fr->n_header = r->n_fields;
    while (fr->n_header > 0 && is_blank(r->fields[fr->n_header - 1]))
        fr->n_header--;
    fr->col[COL_YEAR] = csvread_column(r, "year");
    fr->col[COL_OFFICE] = csvread_column(r, "office_code");
    fr->col[COL_NAME] = csvread_column(r, "office_name");
    if (fr->col[COL_YEAR] < 0 || fr->col[COL_OFFICE] < 0) {
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL, "header",
                 "unrecognised header: an input file needs the columns year "
                 "and office_code (first line is not a header of item "
                 "scores, respondents or published figures)");
        return false;
    }
    for (size_t f = 0; f < sizeof forms / sizeof *forms; f++) {
        bool all = true;
        for (int c = 0; c < 3; c++) {
            const char *name = forms[f].columns[c];
            fr->col[COL_A + c] = name ? csvread_column(r, name) : -1;
            all &= !name || fr->col[COL_A + c] >= 0;
        }
        if (all) {
            fr->form = forms[f].form;
            return true;
        }
    }
    /* Wide form: every other column must be an item of the model. */
    fr->wide_slot = xmalloc((fr->n_header + 1) * sizeof(int));
    size_t n_items = 0;
    bool ok = true;
    for (size_t i = 0; i < fr->n_header; i++) {
        fr->wide_slot[i] = -1;
        if ((int)i == fr->col[COL_YEAR] || (int)i == fr->col[COL_OFFICE] ||
            (int)i == fr->col[COL_NAME])
            continue;
        char *name = text_clean(r->fields[i]);
        int node = model_find(m, name);
        int slot = node >= 0 ? m->item_slot[node] : -1;
        if (slot < 0) {
            error_at(fr, r, NULL, "unknown_item",
                     "unknown column (not an item of the model):", name);
            ok = false;
        }
        for (size_t j = 0; j < i && slot >= 0; j++)
            if (fr->wide_slot[j] == slot) {
                error_at(fr, r, NULL, "header", "column repeated:", name);
                ok = false;
            }
        fr->wide_slot[i] = slot;
        n_items += slot >= 0;
        free(name);
    }
    if (n_items == 0) {
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL, "header",
                 "unrecognised header: no item, score, tool, measure or item "
                 "columns");
        return false;
    }
    fr->form = FORM_WIDE;
    return ok;
}

/* Year and office of a row; false after reporting an error. */
static bool row_key(file_reader *fr, const csv_record *r, int *year,
                    int *office)
{
    const char *year_text = csvread_field(r, fr->col[COL_YEAR]);
    const char *office_text = csvread_field(r, fr->col[COL_OFFICE]);
    bool ok = true;
    if (fr->last_year_text && strcmp(year_text, fr->last_year_text) == 0) {
        *year = fr->last_year;
    } else {
        long y;
        *year = text_parse_int(year_text, &y) ? dataset_year_be(y) : 0;
        if (*year && *year != y && !fr->noted_ce) {
            fr->noted_ce = true;
            diag_add(fr->diags, DIAG_NOTE, r->file, r->line, NULL, "year_ce",
                     "year %ld is taken as C.E. and read as B.E. %d (so are "
                     "the other C.E. years of this file)",
                     y, *year);
        }
        if (*year) {
            free(fr->last_year_text);
            fr->last_year_text = xstrdup(year_text);
            fr->last_year = *year;
        } else {
            error_at(fr, r, NULL, "year",
                     "not a fiscal year (expected e.g. 2564 or 2021):",
                     year_text);
            ok = false;
        }
    }
    const registry *reg = fr->d->r;
    if (fr->last_office_text && strcmp(office_text, fr->last_office_text) == 0) {
        *office = fr->last_office;
    } else {
        *office = registry_find(reg, office_text);
        if (*office >= 0) {
            free(fr->last_office_text);
            fr->last_office_text = xstrdup(office_text);
            fr->last_office = *office;
        } else {
            error_at(fr, r, NULL, "unknown_office",
                     "unknown office (not a code or name in the registry):",
                     office_text);
            return false;
        }
    }
    if (fr->col[COL_NAME] >= 0) {
        const char *name = csvread_field(r, fr->col[COL_NAME]);
        char *clean = text_clean(name);
        int named = *clean ? registry_find(reg, clean) : *office;
        if (named != *office) {
            char *q = text_quote_short(name, 40);
            diag_add(fr->diags, DIAG_ERROR, r->file, r->line,
                     reg->offices[*office].code, "office_name",
                     "office_name %s does not match office_code %s (%s)", q,
                     reg->offices[*office].code,
                     reg->offices[*office].name_en);
            free(q);
            ok = false;
        }
        free(clean);
    }
    return ok;
}

typedef enum { VALUE_OK, VALUE_MISSING, VALUE_BAD } value_status;

/* Parses the value in column `column` (0-based), which must lie in
 * [0, max].  VALUE_OK with *out set; VALUE_MISSING for an empty cell, "-"
 * or "N/A" (left missing without an error: a missing item is reported once
 * per office by dataset_check_complete); VALUE_BAD after reporting the
 * offending text. */
static value_status read_value(file_reader *fr, const csv_record *r, int column,
                             const char *office, const char *what, double max,
                             double *out)
{
    const char *text = csvread_field(r, column);
    num_status st = text_parse_number(text, out);
    if (st == NUM_EMPTY)
        return VALUE_MISSING;
    if (st == NUM_OK && *out >= 0 && *out <= max)
        return VALUE_OK;
    char *q = text_quote_short(text, 40);
    if (st == NUM_OK)
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, office, "range",
                 "%s %s (column %d) is outside 0-%.15g", what, q, column + 1,
                 max);
    else if (st == NUM_PERCENT)
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, office, "number",
                 "%s %s (column %d) has a '%%' sign: write the number alone "
                 "(%g)",
                 what, q, column + 1, *out);
    else
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, office, "number",
                 "%s %s (column %d) is not %s", what, q, column + 1,
                 st == NUM_NONFINITE ? "a finite number" : "a number");
    free(q);
    return VALUE_BAD;
}

/* Stores value at *slot unless the same key was already given: an identical
 * repeat is a warning, a different value an error. */
static void store(file_reader *fr, const csv_record *r, const char *office,
                  const char *what, double *slot, source_ref *src, double value)
{
    if (src->line) {
        if (fabs(*slot - value) < 1e-9)
            diag_add(fr->diags, DIAG_WARNING, r->file, r->line, office,
                     "duplicate", "%s repeated with the same value %g (first "
                     "at %s:%u)", what, value, fr->d->files[src->file],
                     src->line);
        else
            diag_add(fr->diags, DIAG_ERROR, r->file, r->line, office,
                     "conflict", "%s given twice with different values: %g "
                     "here, %g at %s:%u", what, value, *slot,
                     fr->d->files[src->file], src->line);
        return;
    }
    *slot = value;
    *src = (source_ref){fr->file, (uint32_t)r->line};
}

static void read_long(file_reader *fr, const csv_record *r, year_data *yd,
                      int office)
{
    const model *m = fr->d->m;
    const char *code = fr->d->r->offices[office].code;
    char *item = text_clean(csvread_field(r, fr->col[COL_A]));
    int node = model_find(m, item);
    int slot = node >= 0 ? m->item_slot[node] : -1;
    if (slot < 0) {
        error_at(fr, r, code, "unknown_item", "unknown item:", item);
    } else {
        double v;
        char *what = xasprintf("score of %s for office %s in %d",
                               m->nodes[node].id, code, yd->year);
        if (read_value(fr, r, fr->col[COL_B], code, what, 100, &v) == VALUE_OK) {
            size_t at = (size_t)office * m->n_items + (size_t)slot;
            store(fr, r, code, what, &yd->items[at], &yd->item_src[at], v);
        }
        free(what);
    }
    free(item);
}

static void read_wide(file_reader *fr, const csv_record *r, year_data *yd,
                      int office)
{
    const model *m = fr->d->m;
    const char *code = fr->d->r->offices[office].code;
    for (size_t i = 0; i < fr->n_header && i < r->n_fields; i++) {
        int slot = fr->wide_slot[i];
        if (slot < 0)
            continue;
        const char *id = m->nodes[m->items[slot]].id;
        double v;
        char *what = xasprintf("score of %s for office %s in %d", id, code,
                               yd->year);
        if (read_value(fr, r, (int)i, code, what, 100, &v) == VALUE_OK) {
            size_t at = (size_t)office * m->n_items + (size_t)slot;
            store(fr, r, code, what, &yd->items[at], &yd->item_src[at], v);
        }
        free(what);
    }
}

static void read_respondents(file_reader *fr, const csv_record *r,
                             year_data *yd, int office)
{
    const model *m = fr->d->m;
    const char *code = fr->d->r->offices[office].code;
    char *tool = text_clean(csvread_field(r, fr->col[COL_A]));
    int node = model_find(m, tool);
    size_t t = 0;
    while (t < m->n_tools && m->tools[t] != node)
        t++;
    if (t == m->n_tools) {
        error_at(fr, r, code, "unknown_tool", "unknown tool:", tool);
    } else {
        double n;
        char *what = xasprintf("respondents of %s for office %s in %d",
                               m->nodes[node].id, code, yd->year);
        if (read_value(fr, r, fr->col[COL_B], code, what, 1e9, &n) ==
            VALUE_OK) {
            if (n != floor(n))
                diag_add(fr->diags, DIAG_ERROR, r->file, r->line, code,
                         "number", "%s is not a whole number: %g", what, n);
            else {
                size_t at = (size_t)office * m->n_tools + t;
                store(fr, r, code, what, &yd->respondents[at],
                      &yd->resp_src[at], n);
            }
        }
        free(what);
    }
    free(tool);
}

static void read_published(file_reader *fr, const csv_record *r,
                           year_data *yd, int office)
{
    const model *m = fr->d->m;
    const char *code = fr->d->r->offices[office].code;
    char *measure = text_clean(csvread_field(r, fr->col[COL_A]));
    int node = model_find(m, measure);
    int idx = strcasecmp_ascii(measure, "ITA") == 0 ? DATASET_MEASURE_ITA
              : node >= 0 && m->nodes[node].kind != NODE_ITEM ? 1 + node
                                                               : -1;
    if (idx < 0) {
        error_at(fr, r, code, "unknown_measure",
                 "unknown measure (expected ITA, a tool or an indicator):",
                 measure);
    } else {
        size_t width = 1 + m->n_nodes, n_off = fr->d->r->n_offices;
        if (!yd->published) {
            yd->published = xmalloc(n_off * width * sizeof(double));
            for (size_t i = 0; i < n_off * width; i++)
                yd->published[i] = NAN;
            yd->pub_src = xcalloc(n_off * width, sizeof(source_ref));
        }
        double v;
        char *what = xasprintf("published %s for office %s in %d",
                               idx ? m->nodes[node].id : "ITA", code,
                               yd->year);
        if (read_value(fr, r, fr->col[COL_B], code, what, 100, &v) == VALUE_OK) {
            size_t at = (size_t)office * width + (size_t)idx;
            store(fr, r, code, what, &yd->published[at], &yd->pub_src[at], v);
        }
        free(what);
    }
    free(measure);
}

/* The answer level of a count row: a whole number from 1 to the item's L
 * (model_answer_levels); 0 after reporting an error. */
static int read_level(file_reader *fr, const csv_record *r, const char *code,
                      const model_node *item, int year)
{
    int levels = model_answer_levels(item);
    const char *text = csvread_field(r, fr->col[COL_B]);
    double level;
    bool ok = text_parse_number(text, &level) == NUM_OK &&
              level == floor(level) && level >= 1 && level <= levels;
    if (ok)
        return (int)level;
    char *q = text_quote_short(text, 40);
    if (levels == 0)
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, code, "level",
                 "answer level %s of %s for office %s in %d: %s is checked "
                 "by an assessor (%s) and has no answer levels",
                 q, item->id, code, year, item->id, item->answer_type);
    else
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, code, "level",
                 "answer level %s of %s for office %s in %d (column %d) is "
                 "not one of its levels 1-%d (%s)",
                 q, item->id, code, year, fr->col[COL_B] + 1, levels,
                 item->answer_type);
    free(q);
    return 0;
}

/* Answer counts: how many respondents gave each level of an item. */
static void read_counts(file_reader *fr, const csv_record *r, year_data *yd,
                        int office)
{
    const model *m = fr->d->m;
    const char *code = fr->d->r->offices[office].code;
    char *item = text_clean(csvread_field(r, fr->col[COL_A]));
    int node = model_find(m, item);
    int slot = node >= 0 ? m->item_slot[node] : -1;
    if (slot < 0)
        error_at(fr, r, code, "unknown_item", "unknown item:", item);
    free(item);
    int level = slot >= 0 ? read_level(fr, r, code, &m->nodes[node], yd->year)
                          : 0;
    if (!level)
        return;
    double count;
    char *what = xasprintf("count of %s level %d for office %s in %d",
                           m->nodes[node].id, level, code, yd->year);
    if (read_value(fr, r, fr->col[COL_C], code, what, 1e9, &count) ==
        VALUE_OK) {
        if (count != floor(count)) {
            diag_add(fr->diags, DIAG_ERROR, r->file, r->line, code, "number",
                     "%s is not a whole number: %g", what, count);
        } else {
            dataset_alloc_counts(fr->d, yd);
            size_t at = dataset_count_index(fr->d, yd, (size_t)office,
                                            (size_t)slot) +
                        (size_t)level - 1;
            store(fr, r, code, what, &yd->counts[at], &yd->count_src[at],
                  count);
        }
    }
    free(what);
}

/* A row must have the header's fields; Excel's padding of empty fields
 * past the last column is fine. */
static bool row_shape_ok(file_reader *fr, const csv_record *r)
{
    size_t n = r->n_fields;
    while (n > fr->n_header && is_blank(r->fields[n - 1]))
        n--;
    if (n == fr->n_header)
        return true;
    if (n < fr->n_header)
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL, "ragged",
                 "the row has %zu fields, the header %zu: a field or a "
                 "separator is missing",
                 n, fr->n_header);
    else {
        char *q = text_quote_short(r->fields[fr->n_header], 40);
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL, "ragged",
                 "the row has %zu fields, the header %zu: column %zu %s is "
                 "beyond the last column (a separator inside an unquoted "
                 "value?)",
                 n, fr->n_header, fr->n_header + 1, q);
        free(q);
    }
    return false;
}

/* Files joined with `cat` or copy-paste repeat their header (with its
 * byte order mark) in the middle: skipped with a warning. */
static bool repeats_header(file_reader *fr, const csv_record *r)
{
    char *year = text_clean(csvread_field(r, fr->col[COL_YEAR]));
    char *office = text_clean(csvread_field(r, fr->col[COL_OFFICE]));
    bool header = strcasecmp_ascii(year, "year") == 0 &&
                  strcasecmp_ascii(office, "office_code") == 0;
    free(year);
    free(office);
    if (header)
        diag_add(fr->diags, DIAG_WARNING, r->file, r->line, NULL, "header",
                 "the header is repeated here (files joined together?): "
                 "the line is skipped");
    return header;
}

static bool on_record(const csv_record *r, void *ctx)
{
    file_reader *fr = ctx;
    if (!fr->header_seen) {
        fr->header_seen = true;
        if (!classify(fr, r)) {
            fr->form = FORM_UNKNOWN;
            return false;
        }
        return true;
    }
    if (repeats_header(fr, r))
        return true;
    fr->n_rows++;
    if (!row_shape_ok(fr, r))
        return true;
    int year, office;
    if (!row_key(fr, r, &year, &office))
        return true;
    year_data *yd = dataset_year(fr->d, year);
    if (!yd->office_src[office].line && fr->form != FORM_PUBLISHED &&
        fr->form != FORM_RESPONDENTS && fr->form != FORM_COUNTS)
        yd->office_src[office] = (source_ref){fr->file, (uint32_t)r->line};
    switch (fr->form) {
    case FORM_LONG: read_long(fr, r, yd, office); break;
    case FORM_WIDE: read_wide(fr, r, yd, office); break;
    case FORM_RESPONDENTS: read_respondents(fr, r, yd, office); break;
    case FORM_PUBLISHED: read_published(fr, r, yd, office); break;
    case FORM_COUNTS: read_counts(fr, r, yd, office); break;
    default: break;
    }
    return true;
}

void ingest_file(dataset *d, const char *path, diag_list *diags)
{
    file_reader fr = {.d = d, .diags = diags, .file = dataset_add_file(d, path)};
    bool read = csvread_file_as(path, d->encoding, on_record, &fr, diags);
    if (read && fr.form != FORM_UNKNOWN && fr.n_rows == 0)
        diag_add(diags, DIAG_ERROR, path, 1, NULL, "empty",
                 "the file has a header but no data rows");
    free(fr.wide_slot);
    free(fr.last_year_text);
    free(fr.last_office_text);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_csv_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp_ascii(name + n - 4, ".csv") == 0;
}

/* The folders being read, innermost first: a link back to one of them
 * would make the walk endless. */
typedef struct folder_visit {
    dev_t dev;
    ino_t ino;
    const struct folder_visit *parent;
} folder_visit;

static bool visiting(const folder_visit *v, const struct stat *st)
{
    for (; v; v = v->parent)
        if (v->dev == st->st_dev && v->ino == st->st_ino)
            return true;
    return false;
}

static void ingest_folder(dataset *d, const char *path, const struct stat *st,
                          const folder_visit *parent, diag_list *diags)
{
    folder_visit here = {st->st_dev, st->st_ino, parent};
    DIR *dir = opendir(path);
    if (!dir) {
        diag_add(diags, DIAG_ERROR, path, 0, NULL, "file",
                 "cannot read the folder: %s", strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "reference") == 0)
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(dir);
    /* name order, so that the same folder always reads the same way */
    qsort(names, n, sizeof *names, cmp_str);
    size_t len = strlen(path);
    bool slash = len > 0 && path[len - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        char *child = xasprintf("%s%s%s", path, slash ? "" : "/", names[i]);
        struct stat cst;
        if (stat(child, &cst) == 0 && S_ISDIR(cst.st_mode)) {
            if (visiting(&here, &cst))
                diag_add(diags, DIAG_WARNING, child, 0, NULL, "file",
                         "skipped: a link back to a folder being read");
            else
                ingest_folder(d, child, &cst, &here, diags);
        } else if (has_csv_suffix(names[i])) {
            ingest_file(d, child, diags);
        }
        free(child);
        free(names[i]);
    }
    free(names);
}

bool ingest_path(dataset *d, const char *path, diag_list *diags)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_add(diags, DIAG_ERROR, path, 0, NULL, "file",
                 "cannot read the input: %s", strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode))
        ingest_folder(d, path, &st, NULL, diags);
    else
        ingest_file(d, path, diags);
    return true;
}
