#include "ingest.h"
#include "respondent_answers.h"
#include "csvread.h"
#include "ingest_header.h"
#include "name_cache.h"
#include "text.h"
#include "xlsxread.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rows above the header that may be titles or notes; past them, a file
 * without a header is reported as such. */
enum { MAX_TITLE_ROWS = 10 };

/* Binary noise allowed past the ends of a value's range, as the rounding
 * of the scores allows it: 100.00000000000001 is 100. */
#define RANGE_NOISE 1e-9

/* A run of consecutive rows that repeat values already given with the
 * same values (an office pasted twice): one warning for the run. */
typedef struct {
    unsigned long first_line, last_line;
    size_t n_values;
    char *what;               /* the first value repeated, for one alone */
    double value;
    source_ref first_src;     /* where the first repeated value came from */
    uint32_t src_min, src_max;/* lines of the values repeated */
    bool one_src_file;
    const char *office;       /* first office of the run */
    int year;
    bool other_offices;
} duplicate_run;

/* Consecutive rows naming the same unknown office (a whole block of an
 * office missing from the registry): one error for them. */
typedef struct {
    char *text;               /* the office as written */
    unsigned long first_line, last_line;
    size_t n_rows;
} unknown_office_run;

typedef struct file_reader file_reader;
typedef void (*row_reader)(file_reader *fr, const csv_record *r,
                           year_data *yd, int office);

struct file_reader {
    dataset *d;
    diag_list *diags;
    uint32_t file;
    header_info h;
    int kind;                 /* index into ingest_kinds; -1 before */
    csv_record header;        /* copy of the current header's fields */
    unsigned long n_before;   /* rows before the header */
    unsigned long first_line; /* of the first row of the file */
    unsigned long header_line;/* of the current header */
    char *first_row;          /* its columns, described, for messages */
    bool stop_reading;        /* a file of ours, or a header error */
    bool sheet;               /* a worksheet: without a header it is skipped
                                 with a note, not an error */
    bool no_header;           /* a sheet without a header: skipped */
    bool own_output;          /* an output of ours or reference data: not
                                 an input */
    /* the last year looked up, since rows come in runs */
    char *last_year_text;
    int last_year;
    /* texts found to name an office (the office column, the name column)
     * or an item, as typed: each is looked up once (NULL until used) */
    name_cache *office_texts, *name_texts, *item_texts;
    const model *item_texts_model;  /* the model item_texts hold slots of */
    /* a wide header's item columns as slots of wide_model (the last
     * year's framework met): -1 where it has no such item */
    const model *wide_model;
    int *wide_slot;
    unsigned long n_rows;     /* data rows after the header */
    bool noted_ce;            /* the C.E. note was given for this file */
    duplicate_run dup;
    unknown_office_run unknown;
};

static void error_at(file_reader *fr, const csv_record *r, const char *office,
                     const char *check, const char *what, const char *value)
{
    char *q = text_quote_short(value, 40);
    diag_add(fr->diags, DIAG_ERROR, r->file, r->line, office, check, "%s %s",
             what, q);
    free(q);
}

/* As error_at, followed by a "did you mean" hint (owned, freed here):
 * error_at's six parameters and the hint. */
static void error_hint(file_reader *fr, const csv_record *r, const char *office,
                       const char *check, const char *what, const char *value,
                       char *hint)
{
    char *q = text_quote_short(value, 40);
    diag_add(fr->diags, DIAG_ERROR, r->file, r->line, office, check, "%s %s%s",
             what, q, hint);
    free(q);
    free(hint);
}

static bool is_blank(const char *field)
{
    return field[strspn(field, " \t")] == '\0';
}

/* The fiscal year of a row (B.E.), or 0 after reporting an error. */
static int row_year(file_reader *fr, const csv_record *r)
{
    const char *year_text = csvread_field(r, fr->h.col[ROLE_YEAR]);
    if (fr->last_year_text && strcmp(year_text, fr->last_year_text) == 0)
        return fr->last_year;
    long y;
    int year = text_parse_int(year_text, &y) ? dataset_year_be(y) : 0;
    if (!year) {
        error_at(fr, r, NULL, "year",
                 "not a fiscal year (expected e.g. 2564 or 2021):", year_text);
        return 0;
    }
    if (year != y && !fr->noted_ce) {
        fr->noted_ce = true;
        diag_add(fr->diags, DIAG_NOTE, r->file, r->line, NULL, "year_ce",
                 "year %ld is taken as C.E. and read as B.E. %d (so are the "
                 "other C.E. years of this file)",
                 y, year);
    }
    free(fr->last_year_text);
    fr->last_year_text = xstrdup(year_text);
    fr->last_year = year;
    return year;
}

static void flush_unknown_office(file_reader *fr)
{
    unknown_office_run *u = &fr->unknown;
    if (!u->n_rows)
        return;
    char *q = text_quote_short(u->text, 40);
    char *hint = registry_suggest(fr->d->r, u->text);
    const char *file = fr->d->files[fr->file];
    if (u->n_rows == 1)
        diag_add(fr->diags, DIAG_ERROR, file, u->first_line, NULL,
                 "unknown_office",
                 "unknown office (not a code or name in the registry): %s%s",
                 q, hint);
    else
        diag_add(fr->diags, DIAG_ERROR, file, u->first_line, NULL,
                 "unknown_office",
                 "unknown office (not a code or name in the registry): %s%s, "
                 "on %zu rows, lines %lu-%lu",
                 q, hint, u->n_rows, u->first_line, u->last_line);
    free(hint);
    free(q);
    free(u->text);
    *u = (unknown_office_run){0};
}

/* An unknown office joins the run of rows naming it, or starts one. */
static void unknown_office(file_reader *fr, const csv_record *r,
                           const char *office_text)
{
    unknown_office_run *u = &fr->unknown;
    if (!u->n_rows || strcmp(u->text, office_text) != 0) {
        flush_unknown_office(fr);
        u->text = xstrdup(office_text);
        u->first_line = r->line;
    }
    u->last_line = r->line;
    u->n_rows++;
}

/* Lookups through a cache made on first use for every way of writing
 * an office, an item: bounded (name_cache.h). */
static bool name_cache_get_lazy(name_cache *c, const char *text,
                                int *value)
{
    return c && name_cache_get(c, text, value);
}

/* Remembers in *cache, made on first use for max_entries, that text
 * names value. */
static void remember(name_cache **cache, size_t max_entries,
                     const char *text, int value)
{
    if (!*cache)
        *cache = name_cache_new(max_entries);
    name_cache_put(*cache, text, value);
}

/* Remembers in *cache that text names office. */
static void remember_office(file_reader *fr, name_cache **cache,
                            const char *text, int office)
{
    remember(cache, 4 * fr->d->r->n_offices + 64, text, office);
}

/* The registry office of a row, or -1 after reporting an error. */
static int row_office(file_reader *fr, const csv_record *r)
{
    const char *office_text = csvread_field(r, fr->h.col[ROLE_OFFICE]);
    int office;
    if (!name_cache_get_lazy(fr->office_texts, office_text, &office) &&
        (office = registry_find(fr->d->r, office_text)) >= 0)
        remember_office(fr, &fr->office_texts, office_text, office);
    if (office < 0) {
        unknown_office(fr, r, office_text);
        return -1;
    }
    flush_unknown_office(fr);
    return office;
}

/* The office a name cell names (registry_find of its cleaned text), or
 * -1; an empty name names `office`, the row's. */
static int named_office(file_reader *fr, const char *name, int office)
{
    int named;
    if (name_cache_get_lazy(fr->name_texts, name, &named))
        return named;
    char *clean = text_clean(name);
    named = *clean ? registry_find(fr->d->r, clean) : office;
    if (*clean && named >= 0)
        remember_office(fr, &fr->name_texts, name, named);
    free(clean);
    return named;
}

/* Year and office of a row; false after reporting an error. */
static bool row_key(file_reader *fr, const csv_record *r, int *year,
                    int *office)
{
    *year = row_year(fr, r);
    *office = row_office(fr, r);
    if (*office < 0)
        return false;
    const registry *reg = fr->d->r;
    bool ok = *year != 0;
    if (fr->h.col[ROLE_NAME] >= 0) {
        const char *name = csvread_field(r, fr->h.col[ROLE_NAME]);
        if (named_office(fr, name, *office) != *office) {
            char *q = text_quote_short(name, 40);
            diag_add(fr->diags, DIAG_ERROR, r->file, r->line,
                     reg->offices[*office].code, "office_name",
                     "office_name %s does not match office_code %s (%s)", q,
                     reg->offices[*office].code,
                     reg->offices[*office].name_en);
            free(q);
            ok = false;
        }
    }
    return ok;
}

typedef enum { VALUE_OK, VALUE_MISSING, VALUE_BAD } value_status;

/* What a value is, for messages ("score of a1 for office 11 in 2564"):
 * written out only when a message needs it, not for every value read. */
typedef struct {
    const char *kind;     /* "score of", "respondents of", "published" */
    const char *id;       /* item, tool or measure */
    const char *office;   /* its code */
    int year;
} value_key;

static char *key_text(const value_key *k)
{
    return xasprintf("%s %s for office %s in %d", k->kind, k->id, k->office,
                     k->year);
}

/* The range a value must lie in: [0, max]; whole: a count, which
 * settles an ambiguous "1,250" as 1250. */
typedef struct {
    double max;
    bool whole;
} value_range;

static const value_range SCORE_RANGE = {100, false};
static const value_range COUNT_RANGE = {1e9, true};

/* What text_parse_number_in made of a value: its status, the number, and
 * for an ambiguous one the other reading. */
typedef struct {
    num_status st;
    double v, alt;
} value_reading;

/* Reports a value that is not a number in [0, max], naming the text, its
 * column and, for an ambiguous one, both readings. */
static void report_value(file_reader *fr, const csv_record *r, int column,
                         const value_key *key, double max,
                         const value_reading *got)
{
    num_status st = got->st;
    double v = got->v, alt = got->alt;
    const char *office = key->office;
    char *what = key_text(key);
    const char *text = csvread_field(r, column);
    char *q = text_quote_short(text, 40);
    char col[24];
    ingest_column_label((size_t)column, col);
    unsigned cell = r->sheet ? (unsigned)column + 1 : 0;  /* Sheet!D3 */
    const diag_cell at = {r->file, r->line, cell, office};
    if (st == NUM_OK)
        diag_add_cell(fr->diags, DIAG_ERROR, &at, "range",
                      "%s %s in column %s is outside 0-%.15g", what, q, col,
                      max);
    else if (st == NUM_AMBIGUOUS)
        diag_add_cell(fr->diags, DIAG_ERROR, &at, "number",
                      "%s %s in column %s is ambiguous: %.15g with a decimal "
                      "mark, or %.15g with a thousands separator (write it "
                      "without grouping: README, Numbers)",
                      what, q, col, v, alt);
    else if (st == NUM_PERCENT)
        diag_add_cell(fr->diags, DIAG_ERROR, &at, "number",
                      "%s %s in column %s has a '%%' sign: write the number "
                      "alone (%g)",
                      what, q, col, v);
    else
        diag_add_cell(fr->diags, DIAG_ERROR, &at, "number",
                      "%s %s in column %s is not %s%s", what, q, col,
                      st == NUM_NONFINITE ? "a finite number" : "a number",
                      r->sheet && xlsxread_is_date_text(text)
                          ? " (the cell has a date or time format, which "
                            "no score has: format it as a number)"
                          : "");
    free(q);
    free(what);
}

/* Parses the value in column `column` (0-based), which must lie in
 * range (binary noise past either end is taken as the end).  VALUE_OK
 * with *out set; VALUE_MISSING for an empty cell, "-" or "N/A" (reported
 * once per office by dataset_check_complete); VALUE_BAD after reporting
 * it. */
static value_status read_value(file_reader *fr, const csv_record *r,
                               int column, const value_key *key,
                               const value_range *range, double *out)
{
    double max = range->max;
    bool whole = range->whole;
    double alt = 0;
    num_status st = text_parse_number_in(csvread_field(r, column),
                                         r->separator, out, &alt);
    if (st == NUM_EMPTY)
        return VALUE_MISSING;
    if (st == NUM_AMBIGUOUS && whole && alt == floor(alt) &&
        *out != floor(*out)) {
        *out = alt;
        st = NUM_OK;
    }
    if (st == NUM_OK && *out < 0 && *out >= -RANGE_NOISE)
        *out = 0;
    if (st == NUM_OK && *out > max && *out <= max + RANGE_NOISE)
        *out = max;
    if (st == NUM_OK && *out >= 0 && *out <= max)
        return VALUE_OK;
    report_value(fr, r, column, key, max, &(value_reading){st, *out, alt});
    return VALUE_BAD;
}

static void flush_duplicates(file_reader *fr)
{
    duplicate_run *u = &fr->dup;
    if (!u->n_values)
        return;
    const char *file = fr->d->files[fr->file];
    if (u->n_values == 1)
        diag_add(fr->diags, DIAG_WARNING, file, u->first_line, u->office,
                 "duplicate", "%s repeated with the same value %g (first at "
                 "%s:%u)", u->what, u->value, fr->d->files[u->first_src.file],
                 u->first_src.line);
    else if (u->one_src_file)
        diag_add(fr->diags, DIAG_WARNING, file, u->first_line, u->office,
                 "duplicate", "lines %lu-%lu repeat %zu values already given "
                 "with the same values (%s:%u-%u; office %s%s in %d): "
                 "ignored",
                 u->first_line, u->last_line, u->n_values,
                 fr->d->files[u->first_src.file], u->src_min, u->src_max,
                 u->office, u->other_offices ? " and others" : "", u->year);
    else
        diag_add(fr->diags, DIAG_WARNING, file, u->first_line, u->office,
                 "duplicate", "lines %lu-%lu repeat %zu values already given "
                 "with the same values (first at %s:%u; office %s%s in %d): "
                 "ignored",
                 u->first_line, u->last_line, u->n_values,
                 fr->d->files[u->first_src.file], u->first_src.line,
                 u->office, u->other_offices ? " and others" : "", u->year);
    free(u->what);
    *u = (duplicate_run){0};
}

/* A value given again with the same value: joins the current run. */
static void add_duplicate(file_reader *fr, const csv_record *r,
                          const value_key *key, double value,
                          source_ref first)
{
    duplicate_run *u = &fr->dup;
    const char *office = key->office;
    if (!u->n_values) {
        *u = (duplicate_run){.first_line = r->line, .what = key_text(key),
                             .value = value, .first_src = first,
                             .src_min = first.line, .src_max = first.line,
                             .one_src_file = true, .office = office,
                             .year = key->year};
    } else {
        u->one_src_file &= first.file == u->first_src.file;
        u->src_min = first.line < u->src_min ? first.line : u->src_min;
        u->src_max = first.line > u->src_max ? first.line : u->src_max;
        u->other_offices |= strcmp(office, u->office) != 0;
    }
    u->last_line = r->line;
    u->n_values++;
}

/* Stores value at *slot unless the same key was already given: an identical
 * repeat is a warning (grouped with the repeats next to it), a different
 * value an error. */
static void store(file_reader *fr, const csv_record *r, const value_key *key,
                  double *slot, source_ref *src, double value)
{
    if (src->line && isnan(*slot))
        return; /* the first was a bad value, already reported */
    if (src->line) {
        if (fabs(*slot - value) < 1e-9) {
            add_duplicate(fr, r, key, value, *src);
            return;
        }
        char *what = key_text(key);
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, key->office,
                 "conflict", "%s given twice with different values: %g "
                 "here, %g at %s:%u", what, value, *slot,
                 fr->d->files[src->file], src->line);
        free(what);
        return;
    }
    *slot = value;
    *src = (source_ref){fr->file, (uint32_t)r->line};
}

/* Reads one item score into its slot; a bad value marks the slot as
 * reported (NAN with a line), so that it is not called missing too. */
static void read_item(file_reader *fr, const csv_record *r, year_data *yd,
                      int office, int slot, int column)
{
    const model *m = yd->m;
    const char *code = fr->d->r->offices[office].code;
    value_key key = {"score of", m->nodes[m->items[slot]].id, code,
                     yd->year};
    size_t at = dataset_item_index(yd, (size_t)office, (size_t)slot);
    double v;
    value_status st = read_value(fr, r, column, &key, &SCORE_RANGE, &v);
    if (st == VALUE_OK)
        store(fr, r, &key, &yd->items[at], &yd->item_src[at], v);
    else if (st == VALUE_BAD && !yd->item_src[at].line)
        yd->item_src[at] = (source_ref){fr->file, (uint32_t)r->line};
}

/* The item slot of model m (the row's year's) an item cell names
 * (model_find of its cleaned text), or -1. */
static int item_slot_of(file_reader *fr, const model *m, const char *text)
{
    int slot;
    if (fr->item_texts_model != m) {
        /* slots are per framework: another year's model starts afresh */
        name_cache_free(fr->item_texts);
        fr->item_texts = NULL;
        fr->item_texts_model = m;
    }
    if (name_cache_get_lazy(fr->item_texts, text, &slot))
        return slot;
    char *item = text_clean(text);
    int node = model_find(m, item);
    free(item);
    slot = node >= 0 ? m->item_slot[node] : -1;
    if (slot >= 0)
        remember(&fr->item_texts, 4 * m->n_items + 64, text, slot);
    return slot;
}

/* An unknown item of a row; the message names the year's model when the
 * item is another framework's (a year's data under the wrong year?). */
static void unknown_item(file_reader *fr, const csv_record *r,
                         const year_data *yd, int office, const char *text)
{
    char *item = text_clean(text);
    bool elsewhere = ingest_item_elsewhere(
        fr->d->frameworks, fr->d->n_frameworks, item);
    char *what = elsewhere
                     ? xasprintf("item not in the %d model (%s), another "
                                 "framework's:",
                                 yd->year, yd->m->path)
                     : xstrdup("unknown item:");
    error_hint(fr, r, fr->d->r->offices[office].code, "unknown_item", what,
               item,
               elsewhere ? xstrdup("") : model_suggest(yd->m, item, NODE_ITEM));
    free(what);
    free(item);
}

static void read_long(file_reader *fr, const csv_record *r, year_data *yd,
                      int office)
{
    const char *text = csvread_field(r, fr->h.col[ROLE_ITEM]);
    int slot = item_slot_of(fr, yd->m, text);
    if (slot >= 0)
        read_item(fr, r, yd, office, slot, fr->h.col[ROLE_SCORE]);
    else
        unknown_item(fr, r, yd, office, text);
}

/* The slots of the header's item columns in the year's model m: the
 * header's own when m is the one it was read with, else looked up by id
 * once per framework (-1 where m has no such item). */
static const int *wide_slots(file_reader *fr, const model *m)
{
    if (m == fr->d->m)
        return fr->h.item_slot;
    if (fr->wide_model != m) {
        fr->wide_model = m;
        fr->wide_slot = xrealloc(fr->wide_slot,
                                 (fr->h.n + 1) * sizeof *fr->wide_slot);
        for (size_t i = 0; i < fr->h.n; i++) {
            int column = fr->h.item_slot[i];
            fr->wide_slot[i] = column >= 0 || column == INGEST_OTHER_FRAMEWORK
                                   ? item_slot_of(fr, m, fr->header.fields[i])
                                   : column;
        }
    }
    return fr->wide_slot;
}

/* Calls read for every item column of a wide row in the year's framework;
 * a value under an item the year's model lacks is an error, an empty
 * cell there is not (one wide file may hold years of two frameworks). */
static void each_wide_item(file_reader *fr, const csv_record *r,
                           year_data *yd, int office,
                           void (*read)(file_reader *fr, const csv_record *r,
                                        year_data *yd, int office, int slot,
                                        int column))
{
    const int *slot = wide_slots(fr, yd->m);
    for (size_t i = 0; i < fr->h.n && i < r->n_fields; i++) {
        bool item_column = fr->h.item_slot[i] >= 0 ||
                           fr->h.item_slot[i] == INGEST_OTHER_FRAMEWORK;
        if (slot[i] >= 0)
            read(fr, r, yd, office, slot[i], (int)i);
        else if (item_column && !is_blank(r->fields[i]))
            unknown_item(fr, r, yd, office, fr->header.fields[i]);
    }
}

static void read_wide(file_reader *fr, const csv_record *r, year_data *yd,
                      int office)
{
    each_wide_item(fr, r, yd, office, read_item);
}

/* The respondents file's optional population N and sd of the tool
 * scores (uncertainty.h); an empty cell is not given. */
static void read_tool_extras(file_reader *fr, const csv_record *r,
                             year_data *yd, size_t at, value_key *key)
{
    double v;
    if (fr->h.col[ROLE_POPULATION] >= 0) {
        key->kind = "population of";
        if (read_value(fr, r, fr->h.col[ROLE_POPULATION], key, &COUNT_RANGE,
                       &v) == VALUE_OK)
            yd->population[at] = v;
    }
    if (fr->h.col[ROLE_SD] >= 0) {
        key->kind = "sd of";
        if (read_value(fr, r, fr->h.col[ROLE_SD], key, &SCORE_RANGE, &v) ==
            VALUE_OK)
            yd->tool_sd[at] = v;
    }
}

/* The ids of a tool's parts, joined ("EIT_PART1, EIT_PART2"); a new
 * string. */
static char *group_list(const model *m, int tool)
{
    char *list = NULL;
    for (size_t g = 0; g < m->n_groups; g++)
        if (m->nodes[m->groups[g]].tool == tool)
            list = text_append(list, "%s%s", list ? ", " : "",
                               m->nodes[m->groups[g]].id);
    return list ? list : xstrdup("");
}

static void read_respondents(file_reader *fr, const csv_record *r,
                             year_data *yd, int office)
{
    const model *m = yd->m;
    const char *code = fr->d->r->offices[office].code;
    char *tool = text_clean(csvread_field(r, fr->h.col[ROLE_TOOL]));
    int node = model_find(m, tool);
    /* a respondent group: a tool, or a part of a tool with parts */
    int group = node >= 0 ? m->group_of[node] : -1;
    bool named = group >= 0 && m->groups[group] == node;
    if (node >= 0 && m->nodes[node].kind == NODE_TOOL && group < 0) {
        char *parts = group_list(m, node);
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, code,
                 "unknown_tool",
                 "respondents of %s for office %s in %d: %s is answered in "
                 "parts, each by its own respondents: give n per part (%s)",
                 m->nodes[node].id, code, yd->year, m->nodes[node].id, parts);
        free(parts);
    } else if (!named) {
        error_at(fr, r, code, "unknown_tool", "unknown tool:", tool);
    } else {
        size_t t = (size_t)group;
        double n;
        value_key key = {"respondents of", m->nodes[node].id, code,
                         yd->year};
        if (read_value(fr, r, fr->h.col[ROLE_N], &key, &COUNT_RANGE, &n) ==
            VALUE_OK) {
            if (n != floor(n)) {
                char *what = key_text(&key);
                diag_add(fr->diags, DIAG_ERROR, r->file, r->line, code,
                         "number", "%s is not a whole number: %g", what, n);
                free(what);
            } else {
                size_t at = (size_t)office * m->n_groups + t;
                store(fr, r, &key, &yd->respondents[at], &yd->resp_src[at],
                      n);
                read_tool_extras(fr, r, yd, at, &key);
            }
        }
    }
    free(tool);
}

/* The published-figure slot of a measure name: ITA, a tool or an
 * indicator; -1 otherwise. */
static int published_index(const model *m, const char *measure, int *node)
{
    *node = model_find(m, measure);
    if (strcasecmp_ascii(measure, "ITA") == 0)
        return MEASURE_ITA;
    return *node >= 0 && m->nodes[*node].kind != NODE_ITEM ? 1 + *node : -1;
}

static void read_published(file_reader *fr, const csv_record *r,
                           year_data *yd, int office)
{
    const model *m = yd->m;
    const char *code = fr->d->r->offices[office].code;
    char *measure = text_clean(csvread_field(r, fr->h.col[ROLE_MEASURE]));
    int node;
    int idx = published_index(m, measure, &node);
    if (idx < 0) {
        error_at(fr, r, code, "unknown_measure",
                 "unknown measure (expected ITA, a tool or an indicator):",
                 measure);
        free(measure);
        return;
    }
    size_t width = 1 + m->n_nodes, n_off = fr->d->r->n_offices;
    if (!yd->published) {
        yd->published = xmalloc(n_off * width * sizeof(double));
        for (size_t i = 0; i < n_off * width; i++)
            yd->published[i] = NAN;
        yd->pub_src = xcalloc(n_off * width, sizeof(source_ref));
    }
    double v;
    value_key key = {"published", idx ? m->nodes[node].id : "ITA", code,
                     yd->year};
    if (read_value(fr, r, fr->h.col[ROLE_VALUE], &key, &SCORE_RANGE, &v) ==
        VALUE_OK) {
        size_t at = (size_t)office * width + (size_t)idx;
        store(fr, r, &key, &yd->published[at], &yd->pub_src[at], v);
    }
    free(measure);
}

/* The answer level of a count row: a whole number from 1 to the item's L
 * (model_answer_levels); 0 after reporting an error. */
static int read_level(file_reader *fr, const csv_record *r, const char *code,
                      const model_node *item, int year)
{
    int levels = model_answer_levels(item);
    const char *text = csvread_field(r, fr->h.col[ROLE_LEVEL]);
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
                 q, item->id, code, year, fr->h.col[ROLE_LEVEL] + 1, levels,
                 item->answer_type);
    free(q);
    return 0;
}

/* Answer counts: how many respondents gave each level of an item. */
static void read_counts(file_reader *fr, const csv_record *r, year_data *yd,
                        int office)
{
    const model *m = yd->m;
    const char *code = fr->d->r->offices[office].code;
    const char *text = csvread_field(r, fr->h.col[ROLE_ITEM]);
    int slot = item_slot_of(fr, m, text);
    if (slot < 0) {
        char *item = text_clean(text);
        error_at(fr, r, code, "unknown_item", "unknown item:", item);
        free(item);
    }
    int node = slot >= 0 ? m->items[slot] : -1;
    int level = slot >= 0 ? read_level(fr, r, code, &m->nodes[node], yd->year)
                          : 0;
    if (!level)
        return;
    /* the model's item id whole, however long (no fixed buffer) */
    char *id = xasprintf("%s level %d", m->nodes[node].id, level);
    value_key key = {"count of", id, code, yd->year};
    double count;
    bool read = read_value(fr, r, fr->h.col[ROLE_COUNT], &key, &COUNT_RANGE,
                           &count) == VALUE_OK;
    if (read && count != floor(count)) {
        char *what = key_text(&key);
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, code, "number",
                 "%s is not a whole number: %g", what, count);
        free(what);
        read = false;
    }
    if (read) {
        dataset_alloc_counts(fr->d, yd);
        size_t at = dataset_count_index(fr->d, yd, (size_t)office,
                                        (size_t)slot) +
                    (size_t)level - 1;
        store(fr, r, &key, &yd->counts[at], &yd->count_src[at], count);
    }
    free(id);
}

/* Respondent-level answers: respondent_answers.h reads each answer. */
static void read_answer(file_reader *fr, const csv_record *r, year_data *yd,
                        int office, int slot, int column)
{
    int tool = fr->h.col[ROLE_TOOL];
    answer_cell cell = {
        .year = yd->year, .office = office, .slot = slot, .column = column,
        .tool = tool >= 0 ? csvread_field(r, tool) : NULL,
        .respondent = csvread_field(r, fr->h.col[ROLE_RESPONDENT]),
        .answer = csvread_field(r, column),
        .src = {fr->file, (uint32_t)r->line}};
    respondent_answers_read(fr->d, &cell, fr->diags);
}

static void read_answers_long(file_reader *fr, const csv_record *r,
                              year_data *yd, int office)
{
    const char *text = csvread_field(r, fr->h.col[ROLE_ITEM]);
    int slot = item_slot_of(fr, yd->m, text);
    if (slot >= 0)
        read_answer(fr, r, yd, office, slot, fr->h.col[ROLE_ANSWER]);
    else
        unknown_item(fr, r, yd, office, text);
}

static void read_answers_wide(file_reader *fr, const csv_record *r,
                              year_data *yd, int office)
{
    each_wide_item(fr, r, yd, office, read_answer);
}

/* The reader of each kind, in the order of ingest_kinds. */
static const struct {
    row_reader read;
    bool scores;      /* a row names its office as scored that year */
    bool needs_rows;  /* a header without rows is an error */
} kind_readers[] = {
    {read_long, true, true},
    {read_wide, true, true},
    {read_respondents, false, true},
    {read_published, false, true},
    {read_counts, false, true},
    {read_answers_long, false, true},
    {read_answers_wide, false, true},
};

/* A row must have the header's fields; Excel's padding of empty fields
 * past the last column is fine. */
static bool row_shape_ok(file_reader *fr, const csv_record *r)
{
    size_t n = r->n_fields;
    while (n > fr->h.n && is_blank(r->fields[n - 1]))
        n--;
    /* a worksheet row has no separators to miss: cells after its last
     * are empty (Excel stores no empty cell), read as empty fields */
    if (n == fr->h.n || (n < fr->h.n && r->sheet))
        return true;
    if (n < fr->h.n) {
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL, "ragged",
                 "the row has %zu fields, the header %zu: a field or a "
                 "separator is missing",
                 n, fr->h.n);
    } else {
        char *q = text_quote_short(r->fields[fr->h.n], 40);
        char col[24];
        ingest_column_label(fr->h.n, col);
        diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL, "ragged",
                 "the row has %zu fields, the header %zu: column %s %s is "
                 "beyond the last column (a separator inside an unquoted "
                 "value?)",
                 n, fr->h.n, col, q);
        free(q);
    }
    return false;
}

/* ingest_header_analyse with the run's frameworks. */
static void analyse_header(file_reader *fr, const csv_record *r,
                           header_info *h)
{
    ingest_header_analyse(fr->d->m, fr->d->frameworks, fr->d->n_frameworks,
                          r, h);
}

static void copy_header(file_reader *fr, const csv_record *r)
{
    fr->wide_model = NULL;  /* the columns' slots are the new header's */
    for (size_t i = 0; i < fr->header.n_fields; i++)
        free(fr->header.fields[i]);
    free(fr->header.fields);
    fr->header.n_fields = r->n_fields;
    fr->header.fields = xmalloc((r->n_fields + 1) * sizeof(char *));
    for (size_t i = 0; i < r->n_fields; i++)
        fr->header.fields[i] = xstrdup(r->fields[i]);
}

/* Reports why a row that looks like a header is not a valid one. */
static void report_bad_header(file_reader *fr, const csv_record *r)
{
    const header_info *h = &fr->h;
    char col[24];
    if (h->n_unknown) {
        for (size_t i = 0; i < h->n; i++) {
            char *clean = text_clean(r->fields[i]);
            bool known = h->item_slot[i] != -1;
            ingest_column_label(i, col);
            if (!*clean)
                diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL,
                         "header", "column %s of the header has no name", col);
            else if (!known) {
                char *what = xasprintf("unknown column %s (neither a column "
                                       "name nor an item of the model):", col);
                error_hint(fr, r, NULL, "header", what, clean,
                           model_suggest(fr->d->m, clean, NODE_ITEM));
                free(what);
            }
            free(clean);
        }
        return;
    }
    if (h->first_repeat >= 0) {
        ingest_column_label((size_t)h->first_repeat, col);
        char *what = xasprintf("column %s repeats an earlier column (two "
                               "tables side by side?):", col);
        error_at(fr, r, NULL, "header", what, r->fields[h->first_repeat]);
        free(what);
        return;
    }
    char *found = ingest_header_describe(r, 12);
    const file_kind *k = &ingest_kinds[h->nearest];
    diag_add(fr->diags, DIAG_ERROR, r->file, r->line, NULL, "header",
             "unrecognised header: the columns %s form no kind of input "
             "file; the nearest is %s: %s",
             found, k->name, k->form);
    free(found);
}

/* Takes a valid header: its kind and columns hold for the rows below. */
static void take_header(file_reader *fr, const csv_record *r)
{
    flush_duplicates(fr);
    flush_unknown_office(fr);
    fr->kind = fr->h.kind;
    fr->header_line = r->line;
    copy_header(fr, r);
}

/* The first rows: title rows are skipped until the header.  Returns false
 * when reading must stop. */
static bool before_header(file_reader *fr, const csv_record *r)
{
    if (fr->n_before == 0) {
        const known_file *known = ingest_known_file(r);
        if (known) {
            diag_add(fr->diags, known->reference ? DIAG_WARNING : DIAG_NOTE,
                     r->file, 0, NULL,
                     known->reference ? "reference" : "own_output",
                     "skipped: %s, not an input", known->what);
            fr->stop_reading = fr->own_output = true;
            return false;
        }
        fr->first_line = r->line;
        fr->first_row = ingest_header_describe(r, 12);
    }
    fr->n_before++;
    analyse_header(fr, r, &fr->h);
    if (fr->h.kind >= 0) {
        if (fr->n_before > 1)
            diag_add(fr->diags, DIAG_NOTE, r->file, r->line, NULL, "header",
                     "the header is on line %lu: the %lu rows above it are "
                     "taken as titles and skipped",
                     r->line, fr->n_before - 1);
        take_header(fr, r);
        return true;
    }
    if (ingest_header_like(&fr->h) || fr->n_before > MAX_TITLE_ROWS) {
        if (ingest_header_like(&fr->h))
            report_bad_header(fr, r);
        else if (fr->sheet)
            fr->no_header = true;
        else
            diag_add(fr->diags, DIAG_ERROR, r->file, fr->first_line, NULL,
                     "header",
                     "unrecognised header: no header in the first %d rows; "
                     "the first has the columns %s (an input needs e.g. "
                     "year,office_code,item,score)",
                     MAX_TITLE_ROWS, fr->first_row);
        fr->stop_reading = true;
        return false;
    }
    return true;
}

/* True when a cell is a known column name or an item id. */
static bool is_column_name(const file_reader *fr, const char *text)
{
    char *cell = text_clean(text);
    int node = model_find(fr->d->m, cell);
    bool named = ingest_role_of(cell) != ROLE_NONE ||
                 (node >= 0 && fr->d->m->item_slot[node] >= 0);
    free(cell);
    return named;
}

/* A row in the middle of a table that is a header: files joined together
 * (cat, copy and paste).  A valid header starts a new table with its own
 * columns and kind; one that looks like a header but is not valid stops
 * the file (its rows could only be misread).  True when r was a header. */
static bool header_in_table(file_reader *fr, const csv_record *r)
{
    /* most rows repeat the year of the row before: no work for them */
    const char *year = csvread_field(r, fr->h.col[ROLE_YEAR]);
    long y;
    if ((fr->last_year_text && strcmp(year, fr->last_year_text) == 0) ||
        text_parse_int(year, &y))
        return false;
    /* a header has column names in its first column and where the year
     * was: two cells to look at before the whole row */
    bool named = is_column_name(fr, year) ||
                 is_column_name(fr, csvread_field(r, 0));
    header_info h = {0};
    if (named)
        analyse_header(fr, r, &h);
    bool like = named && ingest_header_like(&h);
    free(h.item_slot);
    if (!like)
        return false;
    analyse_header(fr, r, &fr->h);
    if (fr->h.kind < 0) {
        report_bad_header(fr, r);
        fr->stop_reading = true;
        return true;
    }
    if (ingest_header_same(r, &fr->header))
        diag_add(fr->diags, DIAG_WARNING, r->file, r->line, NULL, "header",
                 "the header is repeated here (files joined together?): the "
                 "line is skipped");
    else
        diag_add(fr->diags, DIAG_WARNING, r->file, r->line, NULL, "header",
                 "a new header here (files joined together?): the rows "
                 "below are read as %s with its columns",
                 ingest_kinds[fr->h.kind].name);
    take_header(fr, r);
    return true;
}

static bool on_record(const csv_record *r, void *ctx)
{
    file_reader *fr = ctx;
    if (fr->kind < 0)
        return before_header(fr, r);
    if (header_in_table(fr, r))
        return !fr->stop_reading;
    fr->n_rows++;
    if (!row_shape_ok(fr, r))
        return true;
    int year, office;
    if (!row_key(fr, r, &year, &office))
        return true;
    year_data *yd = dataset_year(fr->d, year);
    if (!yd->office_src[office].line && kind_readers[fr->kind].scores)
        yd->office_src[office] = (source_ref){fr->file, (uint32_t)r->line};
    kind_readers[fr->kind].read(fr, r, yd, office);
    /* a row without repeats ends a run of repeated rows */
    if (fr->dup.n_values && fr->dup.last_line != r->line)
        flush_duplicates(fr);
    return true;
}

/* A finding about a file or folder, named as csvread_display_name shows it. */
static void path_finding(diag_list *diags, diag_severity severity,
                         const char *path, const char *check,
                         const char *message)
{
    bool converted;
    char *shown = csvread_display_name(path, &converted);
    diag_add(diags, severity, shown, 0, NULL, check, "%s", message);
    free(shown);
}

static void free_reader(file_reader *fr)
{
    flush_duplicates(fr);
    flush_unknown_office(fr);
    free(fr->h.item_slot);
    for (size_t i = 0; i < fr->header.n_fields; i++)
        free(fr->header.fields[i]);
    free(fr->header.fields);
    free(fr->first_row);
    free(fr->last_year_text);
    name_cache_free(fr->office_texts);
    name_cache_free(fr->name_texts);
    name_cache_free(fr->item_texts);
    free(fr->wide_slot);
}

/* After the last row: a file with no header, or a header and no rows. */
static void check_read(file_reader *fr, const char *name, bool read)
{
    if (!read || fr->stop_reading)
        return;
    if (fr->kind < 0 && fr->sheet)
        fr->no_header = true;
    else if (fr->kind < 0)
        diag_add(fr->diags, DIAG_ERROR, name, fr->first_line, NULL, "header",
                 "unrecognised header: no header found; the first row has "
                 "the columns %s (an input needs e.g. "
                 "year,office_code,item,score)",
                 fr->first_row ? fr->first_row : "");
    else if (fr->n_rows == 0 && kind_readers[fr->kind].needs_rows)
        diag_add(fr->diags, DIAG_ERROR, name, fr->header_line, NULL, "empty",
                 "the file has a header but no data rows");
}

/* Reads sheet i of a workbook like a CSV file (named "book.xlsx:Sheet");
 * a hidden sheet, or one without a header in its first rows, is skipped
 * with a note.  Returns true when the sheet was an input. */
static bool ingest_sheet(dataset *d, xlsxread_book *book, size_t i,
                         const char *shown, diag_list *diags)
{
    const xlsxread_sheet *sheet = xlsxread_sheet_at(book, i);
    char *label = xasprintf("%s:%s", shown, sheet->name);
    if (sheet->state != XLSXREAD_VISIBLE) {
        diag_add(diags, DIAG_NOTE, label, 0, NULL, "sheet_skipped",
                 "hidden sheet skipped");
        free(label);
        return false;
    }
    file_reader fr = {.d = d, .diags = diags, .kind = -1, .sheet = true,
                      .file = dataset_add_file(d, label)};
    dataset_set_file_shown(d, fr.file, label);
    bool read = xlsxread_rows(book, i, on_record, &fr, diags);
    check_read(&fr, label, read);
    bool input = !fr.no_header && !fr.own_output;
    if (fr.no_header)
        diag_add(diags, DIAG_NOTE, label, 0, NULL, "sheet_skipped",
                 "sheet skipped: %s%s",
                 fr.n_before ? "no header of item scores, respondents or "
                               "published figures in its first rows; the "
                               "first has the columns "
                             : "it is empty",
                 fr.n_before && fr.first_row ? fr.first_row : "");
    if (!input)  /* no row of it is a source */
        dataset_forget_last_file(d);
    free_reader(&fr);
    free(label);
    return input;
}

/* Reads every sheet of a workbook whose header is recognised; workbooks
 * written by itabench itself are skipped, except those the caller claims
 * (dataset.claim_workbook: office workbooks, whose action plan is read
 * back). */
static void ingest_workbook(dataset *d, const char *path, const char *shown,
                            diag_list *diags)
{
    xlsxread_book *book = xlsxread_open(path, diags);
    if (!book)
        return;
    /* listed with its digest (Method sheet) and protected as an input */
    uint32_t file = dataset_add_file(d, path);
    dataset_set_file_shown(d, file, shown);
    char digest[65];
    dataset_set_file_digest(d, file,
                            xlsxread_sha256(path, digest) ? digest : "");
    if (d->claim_workbook && d->claim_workbook(d->claim_ctx, book, shown,
                                               diags)) {
        /* an office workbook sent back: its plan, not score data */
        dataset_forget_last_file(d);
        xlsxread_close(book);
        return;
    }
    if (strncmp(xlsxread_creator(book), "itabench", 8) == 0) {
        diag_add(diags, DIAG_NOTE, shown, 0, NULL, "own_output",
                 "skipped: a workbook written by itabench (%s), not input "
                 "data",
                 xlsxread_creator(book));
        dataset_forget_last_file(d);
        xlsxread_close(book);
        return;
    }
    /* data: a formula's cached value counts only when it was calculated */
    xlsxread_refuse_uncalculated(book);
    size_t inputs = 0;
    for (size_t i = 0; i < xlsxread_sheet_count(book); i++)
        inputs += ingest_sheet(d, book, i, shown, diags);
    if (inputs == 0)
        diag_add(diags, DIAG_ERROR, shown, 0, NULL, "header",
                 "no sheet of the workbook has a header of item scores, "
                 "respondents or published figures (year, office_code, ...)");
    xlsxread_close(book);
}

/* Spreadsheet files by name: read as workbooks, or refused with a message
 * that says how to save them. */
static bool is_spreadsheet_name(const char *name)
{
    static const char *const suffixes[] = {".xlsx", ".xlsm", ".xls", ".ods"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t n = strlen(name), k = strlen(suffixes[i]);
        if (n > k && strcasecmp_ascii(name + n - k, suffixes[i]) == 0)
            return true;
    }
    return false;
}

/* Reads one input whose type is known to be readable. */
static void read_input(dataset *d, const char *path, const struct stat *st,
                       diag_list *diags)
{
    bool converted;
    char *shown = csvread_display_name(path, &converted);
    if (converted)
        diag_add(diags, DIAG_NOTE, shown, 0, NULL, "file_name",
                 "the file name is not UTF-8 text: it is shown as %s",
                 shown);
    /* a workbook by name, or by its first bytes (a renamed .xlsx); never
     * a pipe, which could not be read twice */
    if (S_ISREG(st->st_mode) &&
        (is_spreadsheet_name(path) || xlsxread_looks_like_workbook(path))) {
        ingest_workbook(d, path, shown, diags);
        free(shown);
        return;
    }
    file_reader fr = {.d = d, .diags = diags, .kind = -1,
                      .file = dataset_add_file(d, path)};
    dataset_set_file_shown(d, fr.file, shown);
    FILE *in = csvread_open(path, st);
    if (!in) {
        diag_add(diags, DIAG_ERROR, shown, 0, NULL, "file",
                 "cannot open the file: %s", strerror(errno));
    } else {
        char digest[65];
        bool read = csvread_stream_digest(
            &(csv_stream){in, shown, d->encoding}, on_record, &fr, diags,
            digest);
        fclose(in);
        dataset_set_file_digest(d, fr.file, digest);
        check_read(&fr, shown, read);
    }
    free_reader(&fr);
    if (fr.own_output)  /* after its findings, which name the file */
        dataset_forget_last_file(d);
    free(shown);
}

/* Reads path (already examined: st) unless its type forbids it or it was
 * read already through another name. */
static void ingest_one(dataset *d, const char *path, const struct stat *st,
                       bool named, diag_list *diags)
{
    const char *refused = csvread_refused_kind(st, named);
    if (refused) {
        char *why = xasprintf("%s: %s, not a file; it is not opened",
                              named ? "refused" : "skipped", refused);
        path_finding(diags, named ? DIAG_ERROR : DIAG_WARNING, path, "file",
                     why);
        free(why);
        return;
    }
    if (!dataset_first_visit(d, (unsigned long long)st->st_dev,
                             (unsigned long long)st->st_ino)) {
        path_finding(diags, DIAG_NOTE, path, "file",
                     "skipped: the same file was read already (through "
                     "another name or link)");
        return;
    }
    read_input(d, path, st, diags);
}

/* The error for an input that cannot be examined. */
static void cannot_stat(const char *path, diag_list *diags)
{
    char *why = xasprintf("cannot read the input: %s", strerror(errno));
    path_finding(diags, DIAG_ERROR, path, "file", why);
    free(why);
}

void ingest_file(dataset *d, const char *path, diag_list *diags)
{
    struct stat st;
    if (stat(path, &st) != 0)
        cannot_stat(path, diags);
    else
        ingest_one(d, path, &st, true, diags);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcasecmp_ascii(name + n - k, suffix) == 0;
}

/* Workbooks this program writes (ita_<year>_city.xlsx and the office
 * books ita_<year>_<code>_<name>.xlsx): never inputs; nor are the backups
 * a rerun keeps of edited office workbooks
 * (<name>.edited-<YYYY-MM-DD>[-k].xlsx, office_keep.h), whose edits live
 * on in the workbook beside them. */
static bool own_workbook(const char *name)
{
    unsigned year, month, day;
    int end = 0;
    const char *backup = strstr(name, ".edited-");
    if (backup && has_suffix(name, ".xlsx") &&
        sscanf(backup, ".edited-%4u-%2u-%2u", &year, &month, &day) == 3)
        return true;
    return has_suffix(name, "_city.xlsx") &&
           sscanf(name, "ita_%4u_%n", &year, &end) == 1 && end == 9;
}

/* The entries of a folder in name order (so that the same folder always
 * reads the same way), without hidden ones and "reference". */
static char **folder_entries(const char *path, size_t *n, diag_list *diags)
{
    DIR *dir = opendir(path);
    *n = 0;
    if (!dir) {
        char *why = xasprintf("cannot read the folder: %s", strerror(errno));
        path_finding(diags, DIAG_ERROR, path, "file", why);
        free(why);
        return NULL;
    }
    char **names = NULL;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "reference") == 0)
            continue;
        names = xrealloc(names, (*n + 1) * sizeof *names);
        names[(*n)++] = xstrdup(e->d_name);
    }
    closedir(dir);
    qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

/* Files a folder walk reads: CSV files and workbooks (but not Excel's
 * "~$book.xlsx" lock files). */
static bool is_input_name(const char *name)
{
    return has_suffix(name, ".csv") ||
           (is_spreadsheet_name(name) && strncmp(name, "~$", 2) != 0);
}

/* Files of a folder that the walk does not read, said once per folder:
 * a warning when one may hold a table (Excel saves "Unicode text" as
 * .txt, tab-separated values as .tsv or .tab), else a note. */
typedef struct {
    char *names;       /* "a.txt, b.pdf", the first few */
    size_t n, tables;
} skipped_files;

static void skip_file(skipped_files *sk, const char *name)
{
    static const char *const table_suffixes[] = {".txt", ".tsv", ".tab",
                                                 ".prn"};
    for (size_t i = 0; i < sizeof table_suffixes / sizeof *table_suffixes;
         i++)
        sk->tables += has_suffix(name, table_suffixes[i]);
    if (sk->n++ < 5) {
        char *shown = text_quote_short(name, 40);
        char *more = xasprintf("%s%s%s", sk->names ? sk->names : "",
                               sk->names ? ", " : "", shown);
        free(shown);
        free(sk->names);
        sk->names = more;
    }
}

static void say_skipped(const skipped_files *sk, const char *path,
                        diag_list *diags)
{
    if (!sk->n)
        return;
    char *what = xasprintf(
        "skipped %zu file%s that %s not .csv or .xlsx: %s%s%s", sk->n,
        sk->n == 1 ? "" : "s", sk->n == 1 ? "is" : "are", sk->names,
        sk->n > 5 ? ", ..." : "",
        sk->tables ? " (a table saved as text, such as Excel's \"Unicode "
                     "text\" .txt, is read when renamed .csv or named on "
                     "the command line)"
                   : "");
    /* worded as diag_text.c's forms of "skipped_files" read it */
    path_finding(diags, sk->tables ? DIAG_WARNING : DIAG_NOTE, path,
                 "skipped_files", what);
    free(what);
    free(sk->names);
}

static void ingest_folder(dataset *d, const char *path, diag_list *diags)
{
    size_t n, own = 0;
    skipped_files skipped = {0};
    char **names = folder_entries(path, &n, diags);
    size_t len = strlen(path);
    bool slash = len > 0 && path[len - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        char *child = xasprintf("%s%s%s", path, slash ? "" : "/", names[i]);
        struct stat cst;
        bool known = stat(child, &cst) == 0;
        if (known && S_ISDIR(cst.st_mode)) {
            /* every folder once: links back up, or branching links, would
             * make the walk endless or exponential */
            if (dataset_first_visit(d, (unsigned long long)cst.st_dev,
                                    (unsigned long long)cst.st_ino))
                ingest_folder(d, child, diags);
            else
                path_finding(diags, DIAG_NOTE, child, "file",
                             "skipped: a link to a folder read already");
        } else if (!known && (is_input_name(names[i]) ||
                              (errno != ENOENT && errno != ELOOP))) {
            /* a folder or a CSV that cannot be examined (too long a path,
             * no permission) would be lost without a word; a dangling link
             * to anything else is not an input */
            cannot_stat(child, diags);
        } else if (own_workbook(names[i])) {
            own++;
        } else if (known && is_input_name(names[i])) {
            ingest_one(d, child, &cst, false, diags);
        } else if (known && S_ISREG(cst.st_mode)) {
            skip_file(&skipped, names[i]);
        }
        free(child);
        free(names[i]);
    }
    free(names);
    say_skipped(&skipped, path, diags);
    if (own) {
        char *what = xasprintf("skipped: %zu workbook%s written by itabench, "
                               "not inputs", own, own == 1 ? "" : "s");
        path_finding(diags, DIAG_NOTE, path, "own_output", what);
        free(what);
    }
}

bool ingest_path(dataset *d, const char *path, diag_list *diags)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        cannot_stat(path, diags);
        return false;
    }
    if (!S_ISDIR(st.st_mode))
        ingest_one(d, path, &st, true, diags);
    else if (dataset_first_visit(d, (unsigned long long)st.st_dev,
                                 (unsigned long long)st.st_ino))
        ingest_folder(d, path, diags);
    return true;
}
