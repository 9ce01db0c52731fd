#include "returned.h"
#include "text.h"
#include "xlsxread.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sheets as office_book.c names them (plans.h). */
static const char *const plan_sheet_names[] = {PLANS_SHEET_PLAN};
static const char *const profile_sheet_names[] = {PLANS_SHEET_PROFILE};

/* The header cells read back, Thai and English, as office_sheet_plan.c
 * writes them (plans.h). */
enum { COL_ITEM, COL_GOAL, COL_MEASURE, COL_DUE, COL_STATUS, COL_OWNER,
       COL_BUDGET, N_COLS };
/* Columns the header must have; the others are read when present. */
#define N_REQUIRED_COLS COL_BUDGET
static const char *const headers[N_COLS][2] = {
    [COL_ITEM] = {PLANS_HEAD_ITEM},
    [COL_GOAL] = {PLANS_HEAD_GOAL},
    [COL_MEASURE] = {PLANS_HEAD_MEASURE},
    [COL_DUE] = {PLANS_HEAD_DUE},
    [COL_STATUS] = {PLANS_HEAD_STATUS},
    [COL_OWNER] = {PLANS_HEAD_OWNER},
    [COL_BUDGET] = {PLANS_HEAD_BUDGET},
};

/* The status dropdown's choices, by language and status. */
static const char *const status_names[][RETURNED_N_STATUS + 1] = {
    [LANG_TH] = {"ยังไม่เริ่ม", "กำลังดำเนินการ", "ดำเนินการแล้ว", NULL},
    [LANG_EN] = {"not started", "in progress", "done", NULL},
};

const char *const *returned_status_choices(report_lang lang)
{
    return status_names[lang];
}

static long find_sheet(const xlsx_book *book, const char *const names[2])
{
    for (size_t i = 0; i < xlsxread_sheet_count(book); i++)
        for (int l = 0; l < 2; l++)
            if (strcmp(xlsxread_sheet(book, i)->name, names[l]) == 0)
                return (long)i;
    return -1;
}

bool returned_is_office_book(const xlsx_book *book)
{
    return strncmp(xlsxread_creator(book), "itabench", 8) == 0 &&
           find_sheet(book, profile_sheet_names) >= 0;
}

typedef struct {
    returned_plan *plan;
    diag_list *diags;
    long col[N_COLS];        /* 0-based field index, -1 = not found */
    bool have_header, have_marker;
} sheet_reader;

/* A field with spaces around it trimmed, in buf. */
static const char *field(const csv_record *rec, long col, char *buf,
                         size_t size)
{
    if (col < 0 || (size_t)col >= rec->n_fields) {
        buf[0] = '\0';
        return buf;
    }
    const char *s = rec->fields[col];
    while (*s == ' ')
        s++;
    text_utf8_copy(buf, size, s);   /* a cut keeps whole characters */
    size_t n = strlen(buf);
    while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\n'))
        buf[--n] = '\0';
    return buf;
}

static bool read_marker(sheet_reader *r, const char *text)
{
    int year;
    char code[64];
    double target;
    int n = sscanf(text, RETURNED_MARKER " year=%d office=%63s target=%lf",
                   &year, code, &target);
    if (n < 2)
        return false;
    r->plan->year = year;
    r->plan->target = n == 3 ? target : NAN;
    r->plan->office_code = xstrdup(code);
    return r->have_marker = true;
}

/* The header row: every column of headers[] found by its text. */
static bool read_header(sheet_reader *r, const csv_record *rec)
{
    long col[N_COLS];
    size_t found = 0;
    char buf[256];
    for (int c = 0; c < N_COLS; c++) {
        col[c] = -1;
        for (size_t f = 0; f < rec->n_fields && col[c] < 0; f++) {
            field(rec, (long)f, buf, sizeof buf);
            if (strcmp(buf, headers[c][0]) == 0 ||
                strcmp(buf, headers[c][1]) == 0)
                col[c] = (long)f;
        }
        found += c < N_REQUIRED_COLS && col[c] >= 0;
    }
    if (found != N_REQUIRED_COLS)
        return false;
    memcpy(r->col, col, sizeof col);
    return r->have_header = true;
}

static bool parse_status(const char *text, returned_status *out)
{
    if (!*text) {
        *out = RETURNED_NOT_STARTED;
        return true;
    }
    for (int lang = LANG_TH; lang <= LANG_EN; lang++)
        for (int k = 0; k < RETURNED_N_STATUS; k++)
            if (strcasecmp_ascii(text, status_names[lang][k]) == 0) {
                *out = (returned_status)k;
                return true;
            }
    *out = RETURNED_NOT_STARTED;
    return false;
}

static void read_row(sheet_reader *r, const csv_record *rec)
{
    char item[256], buf[1024];
    if (!*field(rec, r->col[COL_ITEM], item, sizeof item))
        return;
    /* group rows (a tool or indicator, merged across) fill the Item cell
     * alone */
    bool data = false;
    for (int c = COL_ITEM + 1; c < N_COLS && !data; c++)
        data = *field(rec, r->col[c], buf, sizeof buf) != '\0';
    if (!data)
        return;
    returned_plan *p = r->plan;
    p->rows = xrealloc(p->rows, (p->n_rows + 1) * sizeof *p->rows);
    returned_row *row = &p->rows[p->n_rows++];
    *row = (returned_row){.item = xstrdup(item), .planned = NAN,
                          .line = (unsigned)rec->line};
    if (!parse_status(field(rec, r->col[COL_STATUS], buf, sizeof buf),
                      &row->status))
        diag_add_cell(r->diags, DIAG_WARNING, rec->file, rec->line,
                      (unsigned)r->col[COL_STATUS] + 1, p->office_code,
                      "plan_status",
                      "item %s: status \"%s\" is not one of the choices "
                      "(ยังไม่เริ่ม, กำลังดำเนินการ, ดำเนินการแล้ว / not "
                      "started, in progress, done): counted as not started",
                      item, buf);
    row->owner = xstrdup(field(rec, r->col[COL_OWNER], buf, sizeof buf));
    row->measure = xstrdup(field(rec, r->col[COL_MEASURE], buf, sizeof buf));
    row->budget = xstrdup(field(rec, r->col[COL_BUDGET], buf, sizeof buf));
    field(rec, r->col[COL_DUE], buf, sizeof buf);
    row->has_due = *buf && plans_parse_date(buf, true, &row->due);
    if (*buf && !row->has_due)
        diag_add_cell(r->diags, DIAG_WARNING, rec->file, rec->line,
                      (unsigned)r->col[COL_DUE] + 1, p->office_code,
                      "plan_due",
                      "item %s: due date \"%s\" is not a date: the row is "
                      "not counted as overdue",
                      item, buf);
    double goal;
    if (text_parse_number(field(rec, r->col[COL_GOAL], buf, sizeof buf),
                          &goal) == NUM_OK)
        row->planned = goal;
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
    for (size_t i = 0; i < p->n_rows; i++) {
        free(p->rows[i].item);
        free(p->rows[i].owner);
        free(p->rows[i].measure);
        free(p->rows[i].budget);
    }
    free(p->rows);
    free(p->file);
    free(p->office_code);
}

bool returned_read(returned_set *set, xlsx_book *book, const char *shown,
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
                 xlsxread_sheet(book, (size_t)sheet)->name, missing);
    if (!read || missing) {
        free_plan(&plan);
        return false;
    }
    set->plans = xrealloc(set->plans, (set->n + 1) * sizeof *set->plans);
    set->plans[set->n++] = plan;
    return true;
}

void returned_carry(plan_row *rows, size_t n, const model *m,
                    const returned_plan *old)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < old->n_rows && !rows[i].carried; k++)
            if (strcmp(old->rows[k].item, m->nodes[rows[i].item].id) == 0)
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

size_t returned_edits(const returned_plan *old, const model *m,
                      const office_score *s, plan_edit **out)
{
    *out = xmalloc((old->n_rows ? old->n_rows : 1) * sizeof **out);
    size_t n = 0;
    for (size_t k = 0; k < old->n_rows; k++) {
        const returned_row *row = &old->rows[k];
        int item = model_find(m, row->item);
        if (item < 0 || m->nodes[item].kind != NODE_ITEM)
            continue;
        bool seen = false;
        for (size_t e = 0; e < n && !seen; e++)
            seen = (*out)[e].item == item;
        if (seen)
            continue;
        double goal = row->planned;
        if (!isnan(goal) && !isnan(old->target) &&
            fabs(goal - default_goal(&m->nodes[item], s->node[item],
                                     old->target)) < GOAL_EPSILON)
            goal = NAN;
        (*out)[n++] = (plan_edit){.item = item, .goal = goal};
    }
    return n;
}

bool returned_measure_is_default(const char *text, const char *def)
{
    size_t n = strlen(text), k = strlen(def);
    while (k && (def[k - 1] == ' ' || def[k - 1] == '\n'))
        k--;
    if (n < k || strncmp(text + n - k, def, k) != 0)
        return false;
    return n == k || text[n - k - 1] == '\n';
}

bool returned_row_edited(const returned_row *old, const plan_row *row)
{
    bool other_due = old->has_due && plans_date_cmp(old->due, row->due) != 0;
    return old->status != RETURNED_NOT_STARTED || *old->owner ||
           *old->budget || other_due ||
           (*old->measure &&
            !returned_measure_is_default(old->measure, row->measure));
}

void returned_free(returned_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        free_plan(&set->plans[i]);
    free(set->plans);
    *set = (returned_set){0};
}
