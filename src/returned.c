#include "returned.h"
#include "measures.h"
#include "text.h"
#include "xlsxread.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The sheets as office_book.c names them (plans.h). */
static const char *const plan_sheet_names[] = {PLANS_SHEET_PLAN};
static const char *const profile_sheet_names[] = {PLANS_SHEET_PROFILE};
static const char *const report_sheet_names[] = {PLANS_SHEET_REPORT};
static const char *const report_date_labels[] = {PLANS_REPORT_AS_OF};
static const char *const profile_target_labels[] = {PLANS_PROFILE_TARGET};

/* The columns read back: the header cell, Thai and English, as
 * office_sheet_plan.c writes it (plans.h), and the field of returned_row
 * that receives the cell as typed.  A data table: carrying a new column
 * is adding a row here (and a field).  Result and Evidence are carried
 * once the plan sheet has them.  A cell of any column but the item's
 * makes a row without an item code a plan row (one the district added):
 * nothing itabench writes below the header fills one of them on a row
 * without an item (the sign-off starts in columns not read). */
static const struct {
    const char *head[2];
    size_t field;            /* offsetof a char * of returned_row */
    bool required;           /* the header must have it */
} columns[] = {
    {{PLANS_HEAD_ITEM}, offsetof(returned_row, item), true},
    {{PLANS_HEAD_GOAL}, offsetof(returned_row, goal_text), true},
    {{PLANS_HEAD_MEASURE}, offsetof(returned_row, measure), true},
    {{PLANS_HEAD_MONITORING}, offsetof(returned_row, monitoring), false},
    {{PLANS_HEAD_UNITS}, offsetof(returned_row, units), false},
    {{PLANS_HEAD_DUE}, offsetof(returned_row, due_text), true},
    {{PLANS_HEAD_STATUS}, offsetof(returned_row, status_text), true},
    {{PLANS_HEAD_OWNER}, offsetof(returned_row, owner), true},
    {{PLANS_HEAD_BUDGET}, offsetof(returned_row, budget), false},
    {{PLANS_HEAD_RESULT}, offsetof(returned_row, result), false},
    {{PLANS_HEAD_EVIDENCE}, offsetof(returned_row, evidence), false},
};
#define N_COLS (sizeof columns / sizeof *columns)
#define COL_ITEM 0

static char **row_field(returned_row *row, size_t c)
{
    return (char **)((char *)row + columns[c].field);
}

/* The status dropdown's choices, by language and status. */
static const char *const status_names[][RETURNED_N_STATUS + 1] = {
    [LANG_TH] = {"ยังไม่เริ่ม", "กำลังดำเนินการ", "ดำเนินการแล้ว", NULL},
    [LANG_EN] = {"not started", "in progress", "done", NULL},
};

/* What else people type for a status, compared after status_key (no
 * spaces, ASCII lower case, SARA AM composed): the dropdown's words of
 * both languages are understood too. */
static const struct {
    const char *text;
    returned_status status;
} status_synonyms[] = {
    {"เสร็จแล้ว", RETURNED_DONE},
    {"เสร็จสิ้น", RETURNED_DONE},
    {"เสร็จ", RETURNED_DONE},
    {"แล้วเสร็จ", RETURNED_DONE},
    {"ดำเนินการเสร็จแล้ว", RETURNED_DONE},
    {"ดำเนินการเสร็จสิ้น", RETURNED_DONE},
    {"ดำเนินการแล้วเสร็จ", RETURNED_DONE},
    {"completed", RETURNED_DONE},
    {"complete", RETURNED_DONE},
    {"finished", RETURNED_DONE},
    {"อยู่ระหว่างดำเนินการ", RETURNED_IN_PROGRESS},
    {"ระหว่างดำเนินการ", RETURNED_IN_PROGRESS},
    {"กำลังทำ", RETURNED_IN_PROGRESS},
    {"ดำเนินการอยู่", RETURNED_IN_PROGRESS},
    {"ongoing", RETURNED_IN_PROGRESS},
    {"started", RETURNED_IN_PROGRESS},
    {"underway", RETURNED_IN_PROGRESS},
    {"ยังไม่ได้ดำเนินการ", RETURNED_NOT_STARTED},
    {"ยังไม่ดำเนินการ", RETURNED_NOT_STARTED},
    {"ยังไม่ได้เริ่ม", RETURNED_NOT_STARTED},
    {"notyetstarted", RETURNED_NOT_STARTED},
    {"notyet", RETURNED_NOT_STARTED},
    {"todo", RETURNED_NOT_STARTED},
};

const char *const *returned_status_choices(report_lang lang)
{
    return status_names[lang];
}

char *returned_status_key(const char *text)
{
    char *clean = text_clean(text);
    char *out = xmalloc(strlen(clean) + 1), *o = out;
    for (const char *s = clean; *s;) {
        /* NIKHAHIT (U+0E4D), maybe a tone mark (U+0E48..U+0E4B), SARA AA
         * (U+0E32): SARA AM (U+0E33) typed in two keys */
        if (strncmp(s, "\xe0\xb9\x8d", 3) == 0) {
            const char *t = s + 3;
            bool tone = (unsigned char)t[0] == 0xe0 &&
                        (unsigned char)t[1] == 0xb9 &&
                        (unsigned char)t[2] >= 0x88 &&
                        (unsigned char)t[2] <= 0x8b;
            const char *aa = tone ? t + 3 : t;
            if (strncmp(aa, "\xe0\xb8\xb2", 3) == 0) {
                if (tone) {
                    memcpy(o, t, 3);
                    o += 3;
                }
                memcpy(o, "\xe0\xb8\xb3", 3);
                o += 3;
                s = aa + 3;
                continue;
            }
        }
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            s++;
            continue;
        }
        *o++ = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        s++;
    }
    *o = '\0';
    free(clean);
    return out;
}

bool returned_status_parse(const char *text, returned_status *out)
{
    char *key = returned_status_key(text);
    bool found = !*key;
    *out = RETURNED_NOT_STARTED;
    for (int lang = LANG_TH; lang <= LANG_EN && !found; lang++)
        for (int k = 0; k < RETURNED_N_STATUS && !found; k++) {
            char *choice = returned_status_key(status_names[lang][k]);
            if (strcmp(key, choice) == 0) {
                *out = (returned_status)k;
                found = true;
            }
            free(choice);
        }
    for (size_t k = 0; !found && k < sizeof status_synonyms /
                                         sizeof *status_synonyms; k++) {
        char *syn = returned_status_key(status_synonyms[k].text);
        if (strcmp(key, syn) == 0) {
            *out = status_synonyms[k].status;
            found = true;
        }
        free(syn);
    }
    free(key);
    return found;
}

static long find_sheet(const xlsxread_book *book, const char *const names[2])
{
    for (size_t i = 0; i < xlsxread_sheet_count(book); i++)
        for (int l = 0; l < 2; l++)
            if (strcmp(xlsxread_sheet_at(book, i)->name, names[l]) == 0)
                return (long)i;
    return -1;
}

bool returned_is_office_book(const xlsxread_book *book)
{
    /* by content: the author may be removed and the other sheets deleted */
    return (strncmp(xlsxread_creator(book), "itabench", 8) == 0 &&
            find_sheet(book, profile_sheet_names) >= 0) ||
           find_sheet(book, plan_sheet_names) >= 0;
}

typedef struct {
    returned_plan *plan;
    diag_list *diags;
    long col[N_COLS];        /* 0-based field index, -1 = not found */
    bool have_header, have_marker;
} sheet_reader;

/* Whether text holds nothing but white space. */
static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* A field as typed (a new string, whole), "" when the row has none. */
static char *field_dup(const csv_record *rec, long col)
{
    if (col < 0 || (size_t)col >= rec->n_fields)
        return xstrdup("");
    return xstrdup(rec->fields[col]);
}

/* A field with white space around it trimmed (a new string). */
static char *field_trimmed(const csv_record *rec, long col)
{
    char *s = field_dup(rec, col);
    size_t start = strspn(s, " \t\n\r"), n = strlen(s);
    while (n > start && strchr(" \t\n\r", s[n - 1]))
        n--;
    memmove(s, s + start, n - start);
    s[n - start] = '\0';
    return s;
}

/* The marker: "itabench-plan year=Y office=CODE [target=T] [lang=th|en]
 * [items=I1,I2,...]", words in any order after year and office. */
static bool read_marker(sheet_reader *r, const char *text)
{
    returned_plan *p = r->plan;
    bool year = false;
    char *copy = xstrdup(text + strlen(RETURNED_MARKER));
    for (char *save = NULL, *w = strtok_r(copy, " ", &save); w;
         w = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(w, '=');
        if (!eq)
            continue;
        *eq++ = '\0';
        if (strcmp(w, "year") == 0) {
            char *end;
            long y = strtol(eq, &end, 10);
            year = !*end && end != eq;
            p->year = (int)y;
        } else if (strcmp(w, "office") == 0 && !p->office_code) {
            p->office_code = xstrdup(eq);
        } else if (strcmp(w, "target") == 0) {
            char *end;
            double t = strtod(eq, &end);
            p->target = *end || end == eq ? NAN : t;
        } else if (strcmp(w, "lang") == 0) {
            p->has_lang = true;
            p->lang = strcmp(eq, "en") == 0 ? LANG_EN : LANG_TH;
        } else if (strcmp(w, "items") == 0 && !p->written_items) {
            p->written_items = xstrdup(eq);
        } else if (strcmp(w, "leads") == 0 && !p->written_leads) {
            p->written_leads = xstrdup(eq);
        }
    }
    free(copy);
    if (!year || !p->office_code) {
        free(p->office_code);
        p->office_code = NULL;
        return false;
    }
    return r->have_marker = true;
}

static size_t column_of(size_t field)
{
    for (size_t c = 0; c < N_COLS; c++)
        if (columns[c].field == field)
            return c;
    return 0;
}

/* The text columns itabench writes right after the measures (plans.h:
 * the plan sheet's column order), by their place after it. */
static const struct {
    size_t field;
    long after_measure;
} beside_measure[] = {
    {offsetof(returned_row, monitoring), 1},
    {offsetof(returned_row, units), 2},
};

/* Whether field f of the header is already a column of col[]. */
static bool taken(const long col[N_COLS], long f)
{
    for (size_t c = 0; c < N_COLS; c++)
        if (col[c] == f)
            return true;
    return false;
}

/* A text column whose header the district renamed or deleted: read as
 * that column when it stands where itabench writes it (beside_measure)
 * and its header names no other column, so that its texts are carried,
 * not written over; said with the header as it reads, or that the
 * column is gone (the library's texts are then written there). */
static void find_renamed(sheet_reader *r, const csv_record *rec,
                         long col[N_COLS])
{
    long measure = col[column_of(offsetof(returned_row, measure))];
    for (size_t k = 0; k < sizeof beside_measure / sizeof *beside_measure;
         k++) {
        size_t c = column_of(beside_measure[k].field);
        if (col[c] >= 0)
            continue;
        long f = measure + beside_measure[k].after_measure;
        char letters[4];
        if (f < (long)rec->n_fields && !taken(col, f)) {
            col[c] = f;
            char *quoted = text_quote_short(rec->fields[f], 60);
            char *shown = *rec->fields[f] ? xasprintf("reads %s", quoted)
                                          : xstrdup("is empty");
            free(quoted);
            diag_add_cell(r->diags, DIAG_WARNING,
                          &(diag_cell){rec->file, rec->line,
                                       (unsigned)f + 1, NULL},
                          "plan_header",
                          "the header of column %s %s, not \"%s\" / "
                          "\"%s\": read as that column, which itabench "
                          "writes there; the new workbook names it again",
                          diag_column_letters((unsigned)f + 1, letters), shown,
                          columns[c].head[0], columns[c].head[1]);
            free(shown);
        } else {
            diag_add_cell(r->diags, DIAG_WARNING,
                          &(diag_cell){rec->file, rec->line, 0, NULL},
                          "plan_header",
                          "the plan has no column \"%s\" / \"%s\" any "
                          "more: the new workbook writes the measures "
                          "library's texts there",
                          columns[c].head[0], columns[c].head[1]);
        }
    }
}

/* The header row: every column of columns[] found by its text. */
static bool read_header(sheet_reader *r, const csv_record *rec)
{
    long col[N_COLS];
    bool all = true;
    for (size_t c = 0; c < N_COLS; c++) {
        col[c] = -1;
        /* compared as statuses are (Thai typed in other forms, spaces,
         * case) */
        char *th = returned_status_key(columns[c].head[0]);
        char *en = returned_status_key(columns[c].head[1]);
        for (size_t f = 0; f < rec->n_fields && col[c] < 0; f++) {
            char *text = returned_status_key(rec->fields[f]);
            if (strcmp(text, th) == 0 || strcmp(text, en) == 0)
                col[c] = (long)f;
            free(text);
        }
        free(th);
        free(en);
        all &= !columns[c].required || col[c] >= 0;
    }
    if (!all)
        return false;
    find_renamed(r, rec, col);
    memcpy(r->col, col, sizeof col);
    r->plan->has_monitoring =
        col[column_of(offsetof(returned_row, monitoring))] >= 0;
    r->plan->has_units = col[column_of(offsetof(returned_row, units))] >= 0;
    return r->have_header = true;
}

/* A cell of a row read that is kept as typed, not understood. */
typedef struct {
    size_t field;        /* offsetof its text in returned_row */
    const char *check;
    const char *what;    /* what it is not, said before the value */
    const char *so;      /* what follows from it */
} kept_as_typed;

/* "ก.ย." / "Sep" ...: a quoted value for a message, cut short. */
static void warn_cell(sheet_reader *r, const csv_record *rec,
                      const returned_row *row, const kept_as_typed *k)
{
    const char *value = *(char *const *)((const char *)row + k->field);
    char *shown = text_quote_short(value, 60);
    diag_add_cell(r->diags, DIAG_WARNING,
                  &(diag_cell){rec->file, rec->line,
                               (unsigned)r->col[column_of(k->field)] + 1,
                               r->plan->office_code},
                  k->check,
                  "item %s: %s %s: kept as typed (a rewritten workbook marks "
                  "it with a comment); %s",
                  *row->item ? row->item : "(none)", k->what, shown, k->so);
    free(shown);
}

/* Interprets the status, due date and target score of a row read. */
static void interpret(sheet_reader *r, const csv_record *rec,
                      returned_row *row)
{
    row->status_understood =
        returned_status_parse(row->status_text, &row->status);
    if (!row->status_understood)
        warn_cell(r, rec, row,
                  &(kept_as_typed){
                      offsetof(returned_row, status_text), "plan_status",
                      "status not one of the choices (ยังไม่เริ่ม, "
                      "กำลังดำเนินการ, ดำเนินการแล้ว / not started, in "
                      "progress, done) nor their synonyms:",
                      "counted as not understood, not as a status"});
    row->due_understood = true;
    if (!blank(row->due_text)) {
        row->has_due = plans_parse_date(row->due_text, true, &row->due);
        row->due_understood = row->has_due;
        if (!row->has_due)
            warn_cell(r, rec, row,
                      &(kept_as_typed){offsetof(returned_row, due_text),
                                       "plan_due",
                                       "due date not understood as a date:",
                                       "the row is not counted as overdue"});
        else if (isdigit((unsigned char)row->due_text[0]) &&
                 strtol(row->due_text, NULL, 10) > 2400)
            diag_add_cell(r->diags, DIAG_WARNING,
                          &(diag_cell){rec->file, rec->line,
                                       (unsigned)r->col[column_of(offsetof(
                                           returned_row, due_text))] + 1,
                                       r->plan->office_code},
                          "plan_due",
                          "item %s: the due date holds the year %ld, a "
                          "Buddhist year typed into a Christian-era date: "
                          "read as %d-%02d-%02d (B.E. %ld)",
                          *row->item ? row->item : "(none)",
                          strtol(row->due_text, NULL, 10), row->due.year,
                          row->due.month, row->due.day,
                          strtol(row->due_text, NULL, 10));
    }
    row->planned = NAN;
    row->goal_understood = true;
    if (!blank(row->goal_text)) {
        double goal;
        num_status st = text_parse_number(row->goal_text, &goal);
        row->goal_understood = (st == NUM_OK || st == NUM_PERCENT) &&
                               goal >= 0 && goal <= 100;
        if (row->goal_understood)
            row->planned = goal;
        else
            warn_cell(r, rec, row,
                      &(kept_as_typed){offsetof(returned_row, goal_text),
                                       "plan_goal",
                                       st == NUM_OK || st == NUM_PERCENT
                                           ? "target score outside 0-100:"
                                           : "target score not a number:",
                                       "it projects nothing"});
    }
}

/* The sign-off under the plan, as office_sheet_plan.c writes it: its
 * roles, and its lines, each a label then a run of dots.  Plans written
 * before the sign-off moved out of the columns read hold a block of it
 * in the measures or units column: such a row is no row the district
 * added. */
static const char *const sign_off_roles[] = {
    PLANS_SIGN_PREPARED, PLANS_SIGN_REVIEWED, PLANS_SIGN_APPROVED,
};
static const char *const sign_off_labels[] = {
    PLANS_SIGN_NAME, "(", PLANS_SIGN_POSITION, PLANS_SIGN_DATE,
};
#define SIGN_OFF_DOTS "....."

/* Whether a cell holds a text of the sign-off, or nothing. */
static bool sign_off_or_blank(const char *s)
{
    s += strspn(s, " \t\n\r");
    if (!*s)
        return true;
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\n\r", s[n - 1]))
        n--;
    for (size_t k = 0; k < sizeof sign_off_roles / sizeof *sign_off_roles;
         k++)
        if (strlen(sign_off_roles[k]) == n &&
            strncmp(s, sign_off_roles[k], n) == 0)
            return true;
    for (size_t k = 0; k < sizeof sign_off_labels / sizeof *sign_off_labels;
         k++)
        if (strncmp(s, sign_off_labels[k], strlen(sign_off_labels[k])) == 0 &&
            strstr(s, SIGN_OFF_DOTS))
            return true;
    return false;
}

/* Whether a row read is a line of the sign-off: its item cell and every
 * other cell read hold sign-off texts or nothing. */
static bool sign_off_row(const sheet_reader *r, const csv_record *rec,
                         const char *item)
{
    if (!sign_off_or_blank(item))
        return false;
    for (size_t c = COL_ITEM + 1; c < N_COLS; c++) {
        long f = r->col[c];
        if (f >= 0 && (size_t)f < rec->n_fields &&
            !sign_off_or_blank(rec->fields[f]))
            return false;
    }
    return true;
}

static void read_row(sheet_reader *r, const csv_record *rec)
{
    char *item = field_trimmed(rec, r->col[COL_ITEM]);
    /* group rows (a tool or indicator, merged across) fill the Item cell
     * alone; a row added without an item code fills another column read
     * (the sign-off block fills only columns not read) */
    bool data = false;
    for (size_t c = COL_ITEM + 1; c < N_COLS && !data; c++) {
        char *cell = field_dup(rec, r->col[c]);
        data = !blank(cell);
        free(cell);
    }
    if (!data || sign_off_row(r, rec, item)) {
        free(item);
        return;
    }
    returned_plan *p = r->plan;
    p->rows = xrealloc(p->rows, (p->n_rows + 1) * sizeof *p->rows);
    returned_row *row = &p->rows[p->n_rows++];
    *row = (returned_row){.node = -1, .line = (unsigned)rec->line};
    for (size_t c = 0; c < N_COLS; c++)
        *row_field(row, c) = c == COL_ITEM ? item : field_dup(rec, r->col[c]);
    interpret(r, rec, row);
}

static bool on_record(const csv_record *rec, void *ctx)
{
    sheet_reader *r = ctx;
    for (size_t f = 0; f < rec->n_fields && !r->have_marker; f++)
        if (strncmp(rec->fields[f], RETURNED_MARKER " ",
                    sizeof RETURNED_MARKER) == 0 &&
            read_marker(r, rec->fields[f]))
            return true;
    if (!r->have_header)
        read_header(r, rec);
    else
        read_row(r, rec);
    return true;
}

static void free_plan(returned_plan *p)
{
    for (size_t i = 0; i < p->n_rows; i++)
        for (size_t c = 0; c < N_COLS; c++)
            free(*row_field(&p->rows[i], c));
    free(p->rows);
    free(p->file);
    free(p->office_code);
    free(p->written_items);
    free(p->written_leads);
    free(p->report_date_text);
}

/* A cell found by its label: the one after the first cell of a row whose
 * first cell is one of labels (Thai, English), wherever the district
 * moved the row. */
typedef struct {
    const char *const *labels;
    char *text;              /* as read, "" when the row has no other cell;
                                NULL until found */
    char *file;              /* where: as the reader names the sheet */
    unsigned line, column;   /* 1-based */
} labelled_cell;

static bool on_labelled_record(const csv_record *rec, void *ctx)
{
    labelled_cell *c = ctx;
    size_t f = 0;
    while (!c->text && f < rec->n_fields && blank(rec->fields[f]))
        f++;
    if (c->text || f == rec->n_fields)
        return true;
    char *key = returned_status_key(rec->fields[f]);
    bool found = false;
    for (size_t l = 0; l < 2 && !found; l++) {
        char *label = returned_status_key(c->labels[l]);
        found = strcmp(key, label) == 0;
        free(label);
    }
    free(key);
    if (!found)
        return true;
    size_t v = f + 1;
    while (v < rec->n_fields && blank(rec->fields[v]))
        v++;
    c->text = xstrdup(v < rec->n_fields ? rec->fields[v] : "");
    c->file = xstrdup(rec->file);
    c->line = (unsigned)rec->line;
    c->column = (unsigned)v + 1;
    return true;
}

/* Finds the cell of labels on the sheet named names (c->text stays NULL
 * when there is no such sheet or label). */
static void find_labelled(xlsxread_book *book, const char *const names[2],
                          labelled_cell *c, diag_list *diags)
{
    long sheet = find_sheet(book, names);
    if (sheet >= 0)
        xlsxread_rows(book, (size_t)sheet, on_labelled_record, c, diags);
}

/* The O43 report's "as of" cell, and the Target of the Profile sheet. */
static void read_labelled(xlsxread_book *book, returned_plan *p,
                          diag_list *diags)
{
    labelled_cell date = {.labels = report_date_labels};
    find_labelled(book, report_sheet_names, &date, diags);
    p->report_date_text = date.text;
    p->has_report_date = date.text && plans_parse_date(date.text, true,
                                                       &p->report_date);
    if (date.text && !p->has_report_date)
        diag_add_cell(diags, DIAG_WARNING,
                      &(diag_cell){date.file, date.line, date.column,
                                   p->office_code},
                      "plan_report_date",
                      "the O43 report's date (%s) is not understood as a "
                      "date: %s: kept as typed (marked with a comment); "
                      "the report's cached counts are as of the fiscal "
                      "year's end",
                      report_date_labels[p->lang == LANG_EN],
                      *date.text ? date.text : "(empty)");
    free(date.file);
    labelled_cell target = {.labels = profile_target_labels};
    find_labelled(book, profile_sheet_names, &target, diags);
    p->has_profile_target =
        target.text && text_parse_number(target.text, &p->profile_target) ==
                           NUM_OK;
    free(target.text);
    free(target.file);
}

/* The quarters of the fiscal year a plan drawn from results year (B.E.)
 * is for: the year after (plans.h). */
static office_plan plan_quarters(int year)
{
    office_plan quarters = {.fiscal_year = year + 1};
    plans_set_quarters(&quarters);
    return quarters;
}

bool returned_report_date_edited(const returned_plan *p)
{
    if (!p->report_date_text)
        return false;
    if (!p->has_report_date)
        return true;
    /* written as the fiscal year's end */
    return plans_date_cmp(p->report_date, plan_quarters(p->year)
                                              .quarter_end[PLAN_QUARTERS - 1])
           != 0;
}

bool returned_read(returned_set *set, xlsxread_book *book, const char *shown,
                   diag_list *diags)
{
    long sheet = find_sheet(book, plan_sheet_names);
    if (sheet < 0) {
        diag_add(diags, DIAG_ERROR, shown, 0, NULL, "plan_sheet",
                 "an office workbook written by itabench without its sheet "
                 "\"%s\" / \"%s\": the plan sheet was renamed or deleted; "
                 "give it back its name to have the plan read",
                 plan_sheet_names[0], plan_sheet_names[1]);
        return false;
    }
    returned_plan plan = {.file = xstrdup(shown), .target = NAN};
    sheet_reader r = {.plan = &plan, .diags = diags};
    /* a formula typed and never calculated is kept as typed */
    xlsxread_uncalculated_as_formula(book);
    bool read = xlsxread_rows(book, (size_t)sheet, on_record, &r, diags);
    const char *missing = !r.have_marker ? "the hidden cell that says what "
                                           "results year and office it was "
                                           "drawn from"
                          : !r.have_header ? "the header of its plan table "
                                             "(Item, Status, Owner, Due date, "
                                             "...)"
                                           : NULL;
    if (read && missing)
        diag_add(diags, DIAG_ERROR, shown, 0, NULL, "plan_sheet",
                 "the action plan sheet \"%s\" has lost %s: it cannot be "
                 "read back",
                 xlsxread_sheet_at(book, (size_t)sheet)->name, missing);
    if (!read || missing) {
        free_plan(&plan);
        return false;
    }
    /* the language: from the marker, else from the header's words */
    if (!plan.has_lang)
        plan.lang = LANG_TH;
    read_labelled(book, &plan, diags);
    set->plans = xrealloc(set->plans, (set->n + 1) * sizeof *set->plans);
    set->plans[set->n++] = plan;
    return true;
}

int returned_find_item(const model *m, const char *code)
{
    char *clean = text_clean(code);
    int found = -1;
    for (size_t k = 0; k < m->n_items && found < 0; k++)
        if (strcasecmp_ascii(clean, m->nodes[m->items[k]].id) == 0)
            found = m->items[k];
    free(clean);
    return found;
}

/* Which lead the plan wrote for node (plans_lead_alternative's number):
 * from the marker's leads= list, 0 when it does not list node, -1 when
 * the marker does not say. */
static int lead_written(const returned_plan *p, const model *m, int node)
{
    if (!p->written_leads)
        return -1;
    const char *id = m->nodes[node].id;
    size_t n = strlen(id);
    for (const char *s = p->written_leads; *s;) {
        size_t len = strcspn(s, ",");
        if (len > n && s[n] == ':' && strncasecmp(s, id, n) == 0)
            return atoi(s + n + 1);
        s += len + (s[len] == ',');
    }
    return 0;
}

void returned_resolve(returned_plan *old, const model *m,
                      const struct measures_library *lib)
{
    /* items, and the rows that follow the row before them */
    bool *seen = xcalloc(m->n_nodes ? m->n_nodes : 1, sizeof *seen);
    size_t first_lead = old->n_rows;
    for (size_t k = 0; k < old->n_rows; k++) {
        returned_row *row = &old->rows[k];
        row->node = *row->item ? returned_find_item(m, row->item) : -1;
        row->follows = row->node < 0 || seen[row->node];
        row->n_followers = 0;
        if (row->node >= 0)
            seen[row->node] = true;
        if (!row->follows && first_lead == old->n_rows)
            first_lead = k;
    }
    free(seen);
    /* rows above the first item's row follow it */
    if (first_lead > 0 && first_lead < old->n_rows) {
        returned_row lead = old->rows[first_lead];
        memmove(old->rows + 1, old->rows, first_lead * sizeof *old->rows);
        old->rows[0] = lead;
    }
    size_t leader = old->n_rows;
    for (size_t k = 0; k < old->n_rows; k++) {
        if (!old->rows[k].follows)
            leader = k;
        else if (leader < old->n_rows)
            old->rows[leader].n_followers++;
    }
    /* measures: an edit only when not what itabench wrote (the library's
     * text in the workbook's language) */
    for (size_t k = 0; k < old->n_rows; k++) {
        returned_row *row = &old->rows[k];
        const measure_entry *e =
            lib && row->node >= 0 ? measures_for_item(lib, row->node) : NULL;
        row->measure_edited =
            row->follows || !e ||
            !returned_measure_is_default(
                row->measure, measures_text(e, MEASURE_ACTION, old->lang));
        row->monitoring_edited =
            old->has_monitoring &&
            (row->follows || !e ||
             !text_same_but_breaks(row->monitoring,
                                   measures_text(e, MEASURE_MONITORING,
                                                 old->lang)));
        row->units_edited =
            old->has_units &&
            (row->follows || !e ||
             !plans_units_as_written(e, old->lang, row->units,
                                     lead_written(old, m, row->node)));
    }
}

void returned_carry(plan_row *rows, size_t n, const model *m,
                    const returned_plan *old)
{
    (void)m;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < old->n_rows && !rows[i].carried; k++)
            if (!old->rows[k].follows && old->rows[k].node == rows[i].item)
                rows[i].carried = &old->rows[k];
}

/* The goal plans.h gives an item at a target: 100 for a disclosure item,
 * the target when the score is below it, else the score kept. */
static double default_goal(const model_node *n, double score, double target)
{
    if (model_is_disclosure(n))
        return 100;
    return score_round2(score) < target ? target : score;
}

/* Target scores are typed to 2 decimals at most. */
#define GOAL_EPSILON 0.005

/* Whether the marker's item list (NULL: unknown) names node. */
static bool written(const returned_plan *old, const model *m, int node)
{
    if (!old->written_items)
        return false;
    const char *id = m->nodes[node].id;
    size_t n = strlen(id);
    for (const char *s = old->written_items; *s;) {
        size_t len = strcspn(s, ",");
        if (len == n && strncasecmp(s, id, n) == 0)
            return true;
        s += len + (s[len] == ',');
    }
    return false;
}

size_t returned_deleted(const returned_plan *old, const model *m, int **out)
{
    *out = xmalloc((m->n_items ? m->n_items : 1) * sizeof **out);
    size_t n = 0;
    for (size_t k = 0; k < m->n_items; k++) {
        int node = m->items[k];
        if (!written(old, m, node))
            continue;
        bool there = false;
        for (size_t r = 0; r < old->n_rows && !there; r++)
            there = old->rows[r].node == node;
        if (!there)
            (*out)[n++] = node;
    }
    return n;
}

size_t returned_edits(const returned_plan *old, const model *m,
                      const office_score *s, plan_edit **out)
{
    int *deleted;
    size_t n_deleted = returned_deleted(old, m, &deleted);
    *out = xmalloc((old->n_rows + n_deleted + 1) * sizeof **out);
    size_t n = 0;
    for (size_t k = 0; k < old->n_rows; k++) {
        const returned_row *row = &old->rows[k];
        int item = row->node;
        if (item < 0 || row->follows)
            continue;
        double goal = row->planned;
        if (!isnan(goal) && !isnan(old->target) &&
            fabs(goal - default_goal(&m->nodes[item], s->node[item],
                                     old->target)) < GOAL_EPSILON)
            goal = NAN;
        (*out)[n++] = (plan_edit){.item = item, .goal = goal};
    }
    for (size_t k = 0; k < n_deleted; k++)
        (*out)[n++] = (plan_edit){.item = deleted[k], .goal = NAN,
                                  .deleted = true};
    free(deleted);
    return n;
}

bool returned_measure_is_default(const char *text, const char *def)
{
    const char *nl = strchr(text, '\n');
    return text_same_but_breaks(text, def) ||
           (nl && text_same_but_breaks(nl + 1, def));
}

bool returned_row_edited(const returned_row *old, const plan_row *row)
{
    bool other_due = !old->due_understood ||
                     (old->has_due && plans_date_cmp(old->due, row->due) != 0);
    return old->status != RETURNED_NOT_STARTED || !old->status_understood ||
           !blank(old->owner) || !blank(old->budget) || other_due ||
           !old->goal_understood || !blank(old->result) ||
           !blank(old->evidence) || old->n_followers > 0 ||
           old->measure_edited || old->monitoring_edited ||
           old->units_edited;
}

size_t returned_not_understood(const returned_plan *p)
{
    size_t n = 0;
    for (size_t k = 0; k < p->n_rows; k++)
        n += !p->rows[k].status_understood + !p->rows[k].due_understood +
             !p->rows[k].goal_understood;
    return n;
}

/* Whether due is a date itabench writes in a plan drawn from results year
 * (B.E.): the end of a quarter of the next fiscal year (plans.h). */
static bool default_due(const returned_plan *p, plan_date due)
{
    /* the schedule spreads the rows over the quarters by load, not by
     * the library's quarter alone */
    office_plan quarters = plan_quarters(p->year);
    for (int q = 0; q < PLAN_QUARTERS; q++)
        if (plans_date_cmp(quarters.quarter_end[q], due) == 0)
            return true;
    return false;
}

/* Whether the monitoring and units of a row read back are what itabench
 * wrote there, in the plan's language (both, when the marker does not
 * say it). */
static bool texts_as_written(const returned_plan *p, const returned_row *row,
                             const measure_entry *e, int lead)
{
    for (int lang = LANG_TH; lang <= LANG_EN; lang++) {
        if (p->has_lang && (report_lang)lang != p->lang)
            continue;
        bool monitoring =
            !p->has_monitoring ||
            text_same_but_breaks(row->monitoring,
                                 measures_text(e, MEASURE_MONITORING,
                                               (report_lang)lang));
        bool units = !p->has_units ||
                     plans_units_as_written(e, (report_lang)lang, row->units,
                                            lead);
        if (monitoring && units)
            return true;
    }
    return false;
}

/* Whether one row read back says what itabench wrote there. */
static bool row_as_written(const returned_plan *p, const returned_row *row,
                           int node, const model *m,
                           const measures_library *lib, const office_score *s)
{
    if (!row->status_understood || row->status != RETURNED_NOT_STARTED ||
        !blank(row->owner) || !blank(row->budget) || !blank(row->result) ||
        !blank(row->evidence) || !row->due_understood ||
        !row->goal_understood)
        return false;
    const measure_entry *e = lib ? measures_for_item(lib, node) : NULL;
    if (row->has_due && !default_due(p, row->due))
        return false;
    if (!isnan(row->planned) && !isnan(p->target) && s &&
        fabs(row->planned - default_goal(&m->nodes[node], s->node[node],
                                         p->target)) >= GOAL_EPSILON)
        return false;
    if (e) {
        bool th = returned_measure_is_default(
                 row->measure, measures_text(e, MEASURE_ACTION, LANG_TH)),
             en = returned_measure_is_default(
                 row->measure, measures_text(e, MEASURE_ACTION, LANG_EN));
        if (p->has_lang ? !(p->lang == LANG_EN ? en : th) : !(th || en))
            return false;
        if (!texts_as_written(p, row, e, lead_written(p, m, node)))
            return false;
    }
    return true;
}

bool returned_plan_edited(const returned_plan *p, const model *m,
                          const struct measures_library *lib,
                          const office_score *s)
{
    bool *seen = xcalloc(m->n_nodes ? m->n_nodes : 1, sizeof *seen);
    bool edited = false;
    for (size_t k = 0; k < p->n_rows && !edited; k++) {
        const returned_row *row = &p->rows[k];
        int node = *row->item ? returned_find_item(m, row->item) : -1;
        /* a row added, a second row of an item, a code not of the model */
        edited = node < 0 || seen[node] ||
                 (p->written_items && !written(p, m, node)) ||
                 !row_as_written(p, row, node, m, lib, s);
        if (node >= 0)
            seen[node] = true;
    }
    /* a row deleted */
    for (size_t k = 0; k < m->n_items && !edited && p->written_items; k++)
        edited = written(p, m, m->items[k]) && !seen[m->items[k]];
    free(seen);
    return edited || returned_report_date_edited(p);
}

void returned_free(returned_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        free_plan(&set->plans[i]);
    free(set->plans);
    *set = (returned_set){0};
}
