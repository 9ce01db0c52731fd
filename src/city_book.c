#include "city_book.h"
#include "text.h"

#include <errno.h>
#include <math.h>
#include <openssl/evp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every sheet: title on row 0, notes on rows 1-2, its first table's header
 * on HEAD and data from FIRST. */
#define HEAD 3
#define FIRST (HEAD + 1)

/* How many offices the Summary lists at the top and at the bottom, and how
 * many weakest indicators. */
#define SUMMARY_TOP 5
#define SUMMARY_WEAK_INDICATORS 3

/* Significance level of the paired t-test stated on the Trend sheet. */
#define ALPHA 0.05

enum sheet_id {
    SH_SUMMARY, SH_RANKING, SH_INDICATORS, SH_DISTRIBUTION, SH_GAPS,
    SH_QUESTIONS, SH_OIT, SH_ZONES, SH_TREND, SH_QUALITY, SH_METHOD, N_SHEETS
};

typedef struct city city;

/* A column layout built at run time: fixed columns from a static table
 * plus one column per model node where the model says so. */
typedef struct {
    xlsx_column *cols;
    int *field;        /* what the column shows: a sheet's own enum */
    size_t *measure;   /* the measure of per-measure columns */
    size_t n, cap;
} layout;

struct city {
    xlsx_book *b;
    const report *rep;
    const model *m;
    const year_scores *ys;
    const city_stats *cs;
    lxw_worksheet *ws[N_SHEETS];
    char *ref[N_SHEETS];        /* quoted sheet names for formulas */
    size_t *main;               /* ITA, the tools, the indicators */
    size_t n_main;
    char **pool;                /* strings that live as long as the book */
    size_t n_pool;
    lxw_error err;              /* the first error of a libxlsxwriter call */
    /* where other sheets' formulas and charts find things */
    lxw_col_t rk_ita, rk_pass, rk_zone, rk_name;
    lxw_col_t ind_first;        /* Indicators: column of main[0] */
    lxw_row_t hist_first;       /* Distribution: first grade row */
    lxw_col_t hist_id, hist_count;
};

/* ------------------------------------------------------------------ */
/* small helpers                                                        */

static void note_err(city *c, lxw_error err)
{
    if (err != LXW_NO_ERROR && c->err == LXW_NO_ERROR)
        c->err = err;
}

/* Keeps a string until the book is written (table headers, chart names). */
static const char *keep(city *c, char *s)
{
    c->pool = xrealloc(c->pool, (c->n_pool + 1) * sizeof *c->pool);
    c->pool[c->n_pool++] = s;
    return s;
}

static const char *tr(const city *c, const char *th, const char *en)
{
    return xlsx_tr(c->rep, th, en);
}

static bool english(const city *c)
{
    return c->rep->lang == LANG_EN;
}

static const char *office_name(const city *c, int index)
{
    const office *o = &c->rep->r->offices[index];
    return english(c) ? o->name_en : o->name_th;
}

static const char *zone_name(const city *c, int zone_index)
{
    if (zone_index < 0 || (size_t)zone_index >= c->rep->r->n_zones)
        return "";
    const zone *z = &c->rep->r->zones[zone_index];
    return english(c) ? z->name_en : z->name_th;
}

static const char *measure_id(const city *c, size_t k)
{
    return k == STATS_ITA ? "ITA" : c->m->nodes[k - 1].id;
}

static const char *measure_label(const city *c, size_t k)
{
    if (k == STATS_ITA)
        return tr(c, "คะแนน ITA (รวม)", "ITA (overall)");
    const model_node *n = &c->m->nodes[k - 1];
    return english(c) ? n->label_en : n->label_th;
}

/* "IND1 การปฏิบัติหน้าที่"; owned by the pool. */
static const char *measure_title(city *c, size_t k)
{
    if (k == STATS_ITA)
        return "ITA";
    return keep(c, xasprintf("%s %s", measure_id(c, k), measure_label(c, k)));
}

static const office_score *ranked(const city *c, size_t i)
{
    return &c->ys->offices[c->ys->by_rank[i]];
}

static double value_of(const city *c, const office_score *s, size_t k)
{
    return stats_value(c->ys, s, k);
}

static void put_text(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                     const char *text, lxw_format *fmt)
{
    note_err(c, xlsx_write_text(c->b, ws, r, col, text, fmt));
}

static void put_num(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                    double v, lxw_format *fmt)
{
    note_err(c, xlsx_write_number(ws, r, col, v, fmt));
}

/* A score as the workbooks show it: rounded to 2 decimals. */
static void put_score(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                      double v)
{
    put_num(c, ws, r, col, isfinite(v) ? score_round2(v) : v,
            xlsx_format(c->b, XLSX_SCORE, false));
}

/* Writes formula (freed here) with its cached value. */
static void put_formula(city *c, lxw_worksheet *ws, lxw_row_t r,
                        lxw_col_t col, char *formula, double cached,
                        lxw_format *fmt)
{
    note_err(c, xlsx_write_formula(ws, r, col, formula, cached, fmt));
    free(formula);
}

static const char *book_font(const city *c)
{
    return c->rep->font && *c->rep->font ? c->rep->font : "TH Sarabun New";
}

static lxw_format *fmt(const city *c, xlsx_kind kind)
{
    return xlsx_format(c->b, kind, false);
}

static lxw_format *bold(const city *c, xlsx_kind kind)
{
    return xlsx_format(c->b, kind, true);
}

/* "B7" into buf. */
static const char *cell(char *buf, lxw_row_t r, lxw_col_t col)
{
    lxw_rowcol_to_cell(buf, r, col);
    return buf;
}

/* Returns a new "'Sheet'!$F$5:$F$54" for rows first..last of a column. */
static char *column_range(const city *c, enum sheet_id sheet, lxw_row_t first,
                          lxw_row_t last, lxw_col_t col)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range_abs(range, first, col, last, col);
    return xasprintf("%s!%s", c->ref[sheet], range);
}

/* The last data row of a table of n rows (an empty table keeps one). */
static lxw_row_t last_row(size_t n)
{
    return (lxw_row_t)(FIRST + (n ? n : 1) - 1);
}

/* A section heading: larger text in a taller row. */
static void subtitle(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                     const char *text)
{
    put_text(c, ws, r, col, text, c->b->f.subtitle);
    worksheet_set_row(ws, r, XLSX_LINE_HEIGHT * 1.5, NULL);
}

static void title(city *c, lxw_worksheet *ws, const char *th, const char *en)
{
    char *text = xasprintf("%s %d", tr(c, th, en), c->ys->year);
    put_text(c, ws, 0, 0, text, c->b->f.title);
    free(text);
    xlsx_row_lines(ws, 0, 2);
}

/* A note across columns 0..last_col of a row, as high as it needs. */
static void note(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t last_col,
                 double width, const char *text, lxw_format *format)
{
    if (last_col > 0)
        note_err(c, worksheet_merge_range(ws, r, 0, r, last_col, "", format));
    put_text(c, ws, r, 0, text, format);
    size_t lines = xlsx_text_lines(text, width);
    xlsx_row_lines(ws, r, format == c->b->f.warning ? lines + 1 : lines);
}

static double columns_width(const xlsx_column *cols, size_t n)
{
    double w = 0;
    for (size_t i = 0; i < n; i++)
        w += cols[i].width;
    return w;
}

static void lay_add(layout *l, const char *th, const char *en, double width,
                    xlsx_kind kind, int field, size_t measure)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->cols = xrealloc(l->cols, l->cap * sizeof *l->cols);
        l->field = xrealloc(l->field, l->cap * sizeof *l->field);
        l->measure = xrealloc(l->measure, l->cap * sizeof *l->measure);
    }
    l->cols[l->n] = (xlsx_column){th, en, width, kind};
    l->field[l->n] = field;
    l->measure[l->n] = measure;
    l->n++;
}

static void lay_free(layout *l)
{
    free(l->cols);
    free(l->field);
    free(l->measure);
    *l = (layout){0};
}

static lxw_col_t lay_find(const layout *l, int field)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->field[i] == field)
            return (lxw_col_t)i;
    return 0;
}

/* Columns, table, frozen header and print setup of a sheet whose one
 * table starts at HEAD. */
static void finish_table(city *c, lxw_worksheet *ws, const layout *l,
                         size_t n_rows, const char *table, lxw_col_t frozen)
{
    xlsx_set_columns(c->b, ws, 0, l->cols, l->n);
    note_err(c, xlsx_add_table(c->b, ws, HEAD, 0, n_rows, l->cols, l->n, table));
    worksheet_freeze_panes(ws, FIRST, frozen);
    xlsx_print_setup(c->b, ws, HEAD, HEAD);
}

static bool is_disclosure_item(const model_node *n)
{
    return n->kind == NODE_ITEM && n->answer_type &&
           strcasecmp_ascii(n->answer_type, "published") == 0;
}

/* ------------------------------------------------------------------ */
/* Ranking                                                              */

enum ranking_field {
    RK_RANK, RK_CODE, RK_NAME_TH, RK_NAME_EN, RK_ZONE, RK_ITA, RK_GRADE,
    RK_PASS, RK_GAP, RK_ZONE_RANK, RK_TOOLS, RK_PREVIOUS, RK_CHANGE
};

static const struct {
    xlsx_column col;
    enum ranking_field field;
} ranking_columns[] = {
    {{"อันดับ", "Rank", 7, XLSX_INT}, RK_RANK},
    {{"รหัส", "Code", 7, XLSX_TEXT}, RK_CODE},
    {{"สำนักงานเขต", "Office (Thai)", 18, XLSX_TEXT}, RK_NAME_TH},
    {{"ชื่อภาษาอังกฤษ", "Office", 20, XLSX_TEXT}, RK_NAME_EN},
    {{"กลุ่มเขต", "Zone", 17, XLSX_TEXT}, RK_ZONE},
    {{"ITA", "ITA", 8, XLSX_SCORE}, RK_ITA},
    {{"ระดับ", "Grade", 7, XLSX_TEXT}, RK_GRADE},
    {{"ผ่านเป้าหมาย", "Pass", 9, XLSX_FLAG}, RK_PASS},
    {{"ขาดจากเป้าหมาย", "Gap to target", 10, XLSX_SCORE}, RK_GAP},
    {{"อันดับในกลุ่มเขต", "Rank in zone", 9, XLSX_INT}, RK_ZONE_RANK},
    {{NULL, NULL, 8, XLSX_SCORE}, RK_TOOLS},
    {{NULL, NULL, 9, XLSX_SCORE}, RK_PREVIOUS},
    {{NULL, NULL, 9, XLSX_SCORE}, RK_CHANGE},
};

static void ranking_layout(city *c, layout *l)
{
    const year_scores *prev = c->rep->previous;
    for (size_t i = 0; i < sizeof ranking_columns / sizeof *ranking_columns; i++) {
        xlsx_column col = ranking_columns[i].col;
        int field = (int)ranking_columns[i].field;
        if (field == RK_TOOLS) {
            for (size_t t = 0; t < c->m->n_tools; t++) {
                const char *id = c->m->nodes[c->m->tools[t]].id;
                lay_add(l, id, id, col.width, col.kind, field,
                        1 + (size_t)c->m->tools[t]);
            }
            continue;
        }
        if (field == RK_PREVIOUS) {
            col.th = prev ? keep(c, xasprintf("ITA ปี %d", prev->year))
                          : "ITA ปีก่อน";
            col.en = prev ? keep(c, xasprintf("ITA %d", prev->year))
                          : "ITA previous year";
        } else if (field == RK_CHANGE) {
            col.th = prev ? keep(c, xasprintf("เปลี่ยนแปลงจากปี %d", prev->year))
                          : "เปลี่ยนแปลง";
            col.en = prev ? keep(c, xasprintf("Change since %d", prev->year))
                          : "Change";
        }
        lay_add(l, col.th, col.en, col.width, col.kind, field, STATS_ITA);
    }
}

static void write_ranking(city *c, lxw_worksheet *ws)
{
    layout l = {0};
    ranking_layout(c, &l);
    title(c, ws, "อันดับ ITA ของสำนักงานเขต ปีงบประมาณ",
          "ITA ranking of the district offices, fiscal year");
    note(c, ws, 1, (lxw_col_t)(l.n - 1), columns_width(l.cols, l.n),
         tr(c, "ผ่านเป้าหมายและส่วนที่ขาดเป็นสูตรที่อ้างอิงช่อง Target "
               "(ชีตสรุป): แก้เป้าหมายที่ช่องนั้นแล้วทั้งชีตจะคำนวณใหม่",
            "Pass and gap are formulas on the Target cell (Summary sheet): "
            "change the target there and the sheet follows."),
         c->b->f.note);
    const year_scores *ys = c->ys;
    for (size_t i = 0; i < ys->n; i++) {
        const office_score *s = ranked(c, i);
        const office *o = &c->rep->r->offices[s->office];
        const office_score *before =
            c->rep->previous ? scores_find(c->rep->previous, s->office) : NULL;
        lxw_row_t r = (lxw_row_t)(FIRST + i);
        char ita[LXW_MAX_CELL_NAME_LENGTH], prev[LXW_MAX_CELL_NAME_LENGTH];
        cell(ita, r, c->rk_ita);
        cell(prev, r, lay_find(&l, RK_PREVIOUS));
        for (size_t k = 0; k < l.n; k++) {
            lxw_col_t col = (lxw_col_t)k;
            lxw_format *f = fmt(c, l.cols[k].kind);
            switch ((enum ranking_field)l.field[k]) {
            case RK_RANK: put_num(c, ws, r, col, s->rank, f); break;
            case RK_CODE: put_text(c, ws, r, col, o->code, f); break;
            case RK_NAME_TH: put_text(c, ws, r, col, o->name_th, f); break;
            case RK_NAME_EN: put_text(c, ws, r, col, o->name_en, f); break;
            case RK_ZONE: put_text(c, ws, r, col, zone_name(c, o->zone), f); break;
            case RK_ITA: put_num(c, ws, r, col, s->ita_r2, f); break;
            case RK_GRADE:
                put_text(c, ws, r, col, c->m->grades[s->grade].id, c->b->f.center);
                break;
            case RK_PASS:
                put_formula(c, ws, r, col,
                            xasprintf("=IF(%s>=Target,1,0)", ita),
                            s->pass ? 1 : 0, f);
                break;
            case RK_GAP:
                put_formula(c, ws, r, col,
                            xasprintf("=MAX(0,Target-%s)", ita), s->gap, f);
                break;
            case RK_ZONE_RANK: put_num(c, ws, r, col, s->zone_rank, f); break;
            case RK_TOOLS: put_score(c, ws, r, col, value_of(c, s, l.measure[k])); break;
            case RK_PREVIOUS:
                put_num(c, ws, r, col, before ? before->ita_r2 : NAN, f);
                break;
            case RK_CHANGE:
                if (before)
                    put_formula(c, ws, r, col, xasprintf("=%s-%s", ita, prev),
                                s->ita_r2 - before->ita_r2, f);
                else
                    put_num(c, ws, r, col, NAN, f);
                break;
            }
        }
    }
    lxw_row_t last = last_row(ys->n);
    note_err(c, xlsx_grade_colours(c->b, ws, FIRST, lay_find(&l, RK_GRADE),
                                   last, lay_find(&l, RK_GRADE), false));
    note_err(c, xlsx_grade_colours(c->b, ws, FIRST, c->rk_ita, last, c->rk_ita,
                                   true));
    note_err(c, xlsx_pass_colours(c->b, ws, FIRST, c->rk_pass, last, c->rk_pass));
    finish_table(c, ws, &l, ys->n, "Ranking", (lxw_col_t)(lay_find(&l, RK_NAME_TH) + 1));
    lay_free(&l);
}

/* ------------------------------------------------------------------ */
/* Indicators                                                           */

enum indicator_field { IN_RANK, IN_CODE, IN_NAME, IN_ZONE, IN_MEASURE };

static const struct {
    const char *th, *en;
    size_t offset;      /* into stats_summary */
} indicator_stat_rows[] = {
    {"ค่าเฉลี่ยของเมือง", "City mean", offsetof(stats_summary, mean)},
    {"มัธยฐาน", "Median", offsetof(stats_summary, median)},
    {"ต่ำสุด", "Minimum", offsetof(stats_summary, min)},
    {"สูงสุด", "Maximum", offsetof(stats_summary, max)},
};

static double summary_field(const stats_summary *s, size_t offset)
{
    return *(const double *)((const char *)s + offset);
}

static void write_indicators(city *c, lxw_worksheet *ws)
{
    layout l = {0};
    lay_add(&l, "อันดับ", "Rank", 6, XLSX_INT, IN_RANK, 0);
    lay_add(&l, "รหัส", "Code", 7, XLSX_TEXT, IN_CODE, 0);
    lay_add(&l, "สำนักงานเขต", "Office", 16, XLSX_TEXT, IN_NAME, 0);
    lay_add(&l, "กลุ่มเขต", "Zone", 15, XLSX_TEXT, IN_ZONE, 0);
    c->ind_first = (lxw_col_t)l.n;
    for (size_t j = 0; j < c->n_main; j++) {
        const char *t = measure_title(c, c->main[j]);
        lay_add(&l, t, t, 10, XLSX_SCORE, IN_MEASURE, c->main[j]);
    }
    title(c, ws, "คะแนนรายตัวชี้วัดของสำนักงานเขต ปีงบประมาณ",
          "Indicator scores of the district offices, fiscal year");
    note(c, ws, 1, (lxw_col_t)(l.n - 1), columns_width(l.cols, l.n),
         tr(c, "สีแสดงตำแหน่งเทียบกับสำนักงานเขตอื่นในแต่ละคอลัมน์ "
               "(แดง = ต่ำสุด, เขียว = สูงสุด)",
            "Colours compare the offices within each column (red lowest, "
            "green highest)."),
         c->b->f.note);
    const year_scores *ys = c->ys;
    for (size_t i = 0; i < ys->n; i++) {
        const office_score *s = ranked(c, i);
        const office *o = &c->rep->r->offices[s->office];
        lxw_row_t r = (lxw_row_t)(FIRST + i);
        for (size_t k = 0; k < l.n; k++) {
            lxw_col_t col = (lxw_col_t)k;
            lxw_format *f = fmt(c, l.cols[k].kind);
            switch ((enum indicator_field)l.field[k]) {
            case IN_RANK: put_num(c, ws, r, col, s->rank, f); break;
            case IN_CODE: put_text(c, ws, r, col, o->code, f); break;
            case IN_NAME: put_text(c, ws, r, col, office_name(c, s->office), f); break;
            case IN_ZONE: put_text(c, ws, r, col, zone_name(c, o->zone), f); break;
            case IN_MEASURE: put_score(c, ws, r, col, value_of(c, s, l.measure[k])); break;
            }
        }
    }
    lxw_row_t last = last_row(ys->n);
    for (size_t j = 0; j < c->n_main; j++) {
        lxw_col_t col = (lxw_col_t)(c->ind_first + j);
        lxw_conditional_format scale = {
            .type = LXW_CONDITIONAL_3_COLOR_SCALE,
            .min_color = 0xF8696B, .mid_color = 0xFFEB84, .max_color = 0x63BE7B,
        };
        note_err(c, worksheet_conditional_format_range(ws, FIRST, col, last,
                                                       col, &scale));
    }
    /* city statistics under the table (not part of it, so that sorting and
     * filtering the table leaves them alone) */
    for (size_t s = 0; s < sizeof indicator_stat_rows / sizeof *indicator_stat_rows; s++) {
        lxw_row_t r = (lxw_row_t)(last + 2 + s);
        put_text(c, ws, r, 2, tr(c, indicator_stat_rows[s].th,
                                 indicator_stat_rows[s].en),
                 bold(c, XLSX_TEXT));
        for (size_t j = 0; j < c->n_main; j++)
            put_num(c, ws, r, (lxw_col_t)(c->ind_first + j),
                    summary_field(&c->cs->city[c->main[j]],
                                  indicator_stat_rows[s].offset),
                    bold(c, XLSX_SCORE));
    }
    finish_table(c, ws, &l, ys->n, "Indicators", 3);
    lay_free(&l);
}

/* ------------------------------------------------------------------ */
/* Distribution                                                         */

enum distribution_field {
    DI_ID, DI_LABEL, DI_N, DI_STAT, DI_BELOW, DI_SHARE, DI_LOW_FENCE,
    DI_HIGH_FENCE, DI_OUTLIERS
};

static const struct {
    xlsx_column col;
    enum distribution_field field;
    size_t offset;      /* into stats_summary, for DI_STAT */
} distribution_columns[] = {
    {{"รหัส", "Measure", 8, XLSX_TEXT}, DI_ID, 0},
    {{"ตัวชี้วัด", "Label", 24, XLSX_WRAP}, DI_LABEL, 0},
    {{"จำนวนเขต", "n", 7, XLSX_INT}, DI_N, 0},
    {{"ค่าเฉลี่ย", "Mean", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, mean)},
    {{"ส่วนเบี่ยงเบนมาตรฐาน", "SD", 9, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, sd)},
    {{"ต่ำสุด", "Min", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, min)},
    {{"ควอไทล์ 1", "Q1", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, q1)},
    {{"มัธยฐาน", "Median", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, median)},
    {{"ควอไทล์ 3", "Q3", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, q3)},
    {{"สูงสุด", "Max", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, max)},
    {{"พิสัยควอไทล์", "IQR", 8, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, iqr)},
    {{"ความเบ้", "Skewness", 9, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, skewness)},
    {{"ความโด่งส่วนเกิน", "Excess kurtosis", 9, XLSX_SCORE}, DI_STAT, offsetof(stats_summary, kurtosis)},
    {{"สัมประสิทธิ์การแปรผัน", "CV", 9, XLSX_PERCENT}, DI_STAT, offsetof(stats_summary, cv)},
    {{"ต่ำกว่าเป้าหมาย (เขต)", "Below target", 9, XLSX_INT}, DI_BELOW, 0},
    {{"สัดส่วนต่ำกว่าเป้าหมาย", "Share below target", 9, XLSX_PERCENT}, DI_SHARE, 0},
    {{"รั้วล่าง (Q1-1.5 IQR)", "Lower fence (Q1-1.5 IQR)", 10, XLSX_SCORE}, DI_LOW_FENCE, 0},
    {{"รั้วบน (Q3+1.5 IQR)", "Upper fence (Q3+1.5 IQR)", 10, XLSX_SCORE}, DI_HIGH_FENCE, 0},
    {{"ค่าผิดปกติ (Tukey)", "Outliers (Tukey)", 30, XLSX_WRAP}, DI_OUTLIERS, 0},
};
#define N_DISTRIBUTION_COLUMNS (sizeof distribution_columns / sizeof *distribution_columns)

/* Returns a new text naming the outliers: "low: A (61.20); high: B". */
static char *outlier_text(const city *c, const stats_outliers *o, size_t k)
{
    char *text = xstrdup("");
    for (size_t part = 0; part < 2; part++) {
        size_t from = part ? o->n_low : 0;
        size_t to = part ? o->n_low + o->n_high : o->n_low;
        if (from == to)
            continue;
        char *list = xstrdup("");
        for (size_t i = from; i < to; i++) {
            const office_score *s = &c->ys->offices[o->offices[i]];
            char *next = xasprintf("%s%s%s (%.2f)", list, i > from ? ", " : "",
                                   office_name(c, s->office),
                                   score_round2(value_of(c, s, k)));
            free(list);
            list = next;
        }
        char *next = xasprintf("%s%s%s: %s", text, *text ? "; " : "",
                               part ? tr(c, "สูง", "high") : tr(c, "ต่ำ", "low"),
                               list);
        free(list);
        free(text);
        text = next;
    }
    return text;
}

static lxw_row_t write_correlation(city *c, lxw_worksheet *ws, lxw_row_t r,
                                   stats_correlation_kind kind)
{
    size_t k = c->m->n_indicators;
    size_t *ms = xmalloc((k ? k : 1) * sizeof *ms);
    for (size_t i = 0; i < k; i++)
        ms[i] = 1 + (size_t)c->m->indicators[i];
    double *matrix = stats_correlation(c->cs, ms, k, kind);
    subtitle(c, ws, r, 0,
             kind == STATS_PEARSON
                 ? tr(c, "สหสัมพันธ์เพียร์สันระหว่างตัวชี้วัด",
                      "Pearson correlation of the indicators")
                 : tr(c, "สหสัมพันธ์สเปียร์แมน (อันดับ) ระหว่างตัวชี้วัด",
                      "Spearman (rank) correlation of the indicators"));
    r++;
    put_text(c, ws, r, 0, kind == STATS_PEARSON ? "Pearson r" : "Spearman rho",
             c->b->f.header);
    for (size_t j = 0; j < k; j++)
        put_text(c, ws, r, (lxw_col_t)(1 + j), measure_id(c, ms[j]),
                 c->b->f.header);
    for (size_t i = 0; i < k; i++) {
        put_text(c, ws, r + 1 + (lxw_row_t)i, 0, measure_id(c, ms[i]),
                 c->b->f.header);
        for (size_t j = 0; j < k; j++)
            put_num(c, ws, r + 1 + (lxw_row_t)i, (lxw_col_t)(1 + j),
                    matrix[i * k + j], fmt(c, XLSX_SCORE));
    }
    if (k > 0) {
        lxw_conditional_format scale = {
            .type = LXW_CONDITIONAL_3_COLOR_SCALE,
            .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .min_value = -1,
            .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .mid_value = 0,
            .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER, .max_value = 1,
            .min_color = 0x5A8AC6, .mid_color = 0xFFFFFF, .max_color = 0xF8696B,
        };
        note_err(c, worksheet_conditional_format_range(
                        ws, r + 1, 1, r + (lxw_row_t)k, (lxw_col_t)k, &scale));
    }
    free(matrix);
    free(ms);
    return r + 1 + (lxw_row_t)k;
}

static void write_distribution(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_DISTRIBUTION_COLUMNS];
    for (size_t i = 0; i < N_DISTRIBUTION_COLUMNS; i++)
        cols[i] = distribution_columns[i].col;
    title(c, ws, "การกระจายของคะแนน ปีงบประมาณ", "Distribution of the scores, fiscal year");
    note(c, ws, 1, 13, 100,
         tr(c, "ควอไทล์คำนวณแบบ GSL (ค่าในตำแหน่ง (n-1)p ของข้อมูลที่เรียงแล้ว "
               "เทียบเท่า QUARTILE.INC) ค่าผิดปกติตามเกณฑ์ Tukey: ต่ำกว่ารั้วล่าง"
               "หรือสูงกว่ารั้วบน จำนวนที่ต่ำกว่าเป้าหมายเป็นสูตรที่อ้างอิงช่อง Target",
            "Quartiles as GSL computes them (the value at position (n-1)p of "
            "the sorted data, as QUARTILE.INC); outliers by Tukey's rule: "
            "below the lower or above the upper fence.  Counts below target "
            "are formulas on the Target cell."),
         c->b->f.note);
    lxw_row_t ind_last = last_row(c->ys->n);
    for (size_t j = 0; j < c->n_main; j++) {
        size_t k = c->main[j];
        const stats_summary *s = &c->cs->city[k];
        stats_outliers o;
        stats_tukey(c->cs, k, &o);
        lxw_row_t r = (lxw_row_t)(FIRST + j);
        size_t lines = 1;
        for (size_t i = 0; i < N_DISTRIBUTION_COLUMNS; i++) {
            lxw_col_t col = (lxw_col_t)i;
            lxw_format *f = fmt(c, cols[i].kind);
            switch (distribution_columns[i].field) {
            case DI_ID: put_text(c, ws, r, col, measure_id(c, k), f); break;
            case DI_LABEL: {
                const char *label = measure_label(c, k);
                put_text(c, ws, r, col, label, f);
                size_t l = xlsx_text_lines(label, cols[i].width);
                lines = l > lines ? l : lines;
                break;
            }
            case DI_N: put_num(c, ws, r, col, (double)s->n, f); break;
            case DI_STAT:
                put_num(c, ws, r, col,
                        summary_field(s, distribution_columns[i].offset), f);
                break;
            case DI_BELOW: {
                char *range = column_range(c, SH_INDICATORS, FIRST, ind_last,
                                           (lxw_col_t)(c->ind_first + j));
                put_formula(c, ws, r, col,
                            xasprintf("=COUNTIF(%s,\"<\"&Target)", range),
                            (double)s->below_target, f);
                free(range);
                break;
            }
            case DI_SHARE: {
                char n_cell[LXW_MAX_CELL_NAME_LENGTH], below[LXW_MAX_CELL_NAME_LENGTH];
                cell(n_cell, r, 2);
                for (size_t b = 0; b < N_DISTRIBUTION_COLUMNS; b++)
                    if (distribution_columns[b].field == DI_BELOW)
                        cell(below, r, (lxw_col_t)b);
                put_formula(c, ws, r, col,
                            xasprintf("=IF(%s>0,%s/%s,0)", n_cell, below, n_cell),
                            s->share_below, f);
                break;
            }
            case DI_LOW_FENCE: put_num(c, ws, r, col, o.low_fence, f); break;
            case DI_HIGH_FENCE: put_num(c, ws, r, col, o.high_fence, f); break;
            case DI_OUTLIERS: {
                char *text = outlier_text(c, &o, k);
                put_text(c, ws, r, col, text, f);
                size_t l = xlsx_text_lines(text, cols[i].width);
                lines = l > lines ? l : lines;
                free(text);
                break;
            }
            }
        }
        xlsx_row_lines(ws, r, lines);
        stats_outliers_free(&o);
    }
    xlsx_set_columns(c->b, ws, 0, cols, N_DISTRIBUTION_COLUMNS);
    note_err(c, xlsx_add_table(c->b, ws, HEAD, 0, c->n_main, cols,
                               N_DISTRIBUTION_COLUMNS, "Distribution"));
    worksheet_freeze_panes(ws, FIRST, 2);

    /* the grade histogram of ITA */
    static const xlsx_column grade_cols[] = {
        {"ระดับ", "Grade", 8, XLSX_TEXT},
        {"ความหมาย", "Meaning", 24, XLSX_TEXT},
        {"จำนวนเขต", "Offices", 7, XLSX_INT},
        {"ตั้งแต่", "From", 8, XLSX_SCORE},
    };
    const model *m = c->m;
    lxw_row_t hr = (lxw_row_t)(last_row(c->n_main) + 2);
    subtitle(c, ws, hr, 0, tr(c, "จำนวนสำนักงานเขตในแต่ละระดับ (ITA)",
                              "Offices by ITA grade"));
    hr++;
    size_t *counts = xcalloc(m->n_grades ? m->n_grades : 1, sizeof *counts);
    stats_grade_counts(c->cs, STATS_ITA, counts);
    c->hist_first = hr + 1;
    c->hist_id = 0;
    c->hist_count = 2;
    for (size_t g = 0; g < m->n_grades; g++) {
        lxw_row_t r = hr + 1 + (lxw_row_t)g;
        put_text(c, ws, r, 0, m->grades[g].id, fmt(c, XLSX_TEXT));
        put_text(c, ws, r, 1, english(c) ? m->grades[g].label_en
                                         : m->grades[g].label_th,
                 fmt(c, XLSX_TEXT));
        put_num(c, ws, r, 2, (double)counts[g], fmt(c, XLSX_INT));
        put_num(c, ws, r, 3, m->grades[g].min_score, fmt(c, XLSX_SCORE));
    }
    free(counts);
    lxw_table_column tc[4];
    lxw_table_column *tcl[5];
    for (size_t i = 0; i < 4; i++) {
        tc[i] = (lxw_table_column){
            .header = (char *)tr(c, grade_cols[i].th, grade_cols[i].en),
            .header_format = c->b->f.header};
        tcl[i] = &tc[i];
    }
    tcl[4] = NULL;
    lxw_table_options opt = {.name = "Grades", .columns = tcl,
                             .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                             .style_type_number = 9};
    note_err(c, worksheet_add_table(ws, hr, 0,
                                    hr + (lxw_row_t)(m->n_grades ? m->n_grades : 1),
                                    3, &opt));
    note_err(c, xlsx_grade_colours(c->b, ws, hr + 1, 0,
                                   hr + (lxw_row_t)m->n_grades, 0, false));

    lxw_row_t r = hr + (lxw_row_t)m->n_grades + 2;
    r = write_correlation(c, ws, r, STATS_PEARSON);
    write_correlation(c, ws, r + 1, STATS_SPEARMAN);
    xlsx_print_setup(c->b, ws, HEAD, HEAD);
}

/* ------------------------------------------------------------------ */
/* Gaps                                                                 */

enum gap_field { GP_RANK, GP_CODE, GP_NAME, GP_GAP, GP_LOSS, GP_TOTAL };

static void write_gaps(city *c, lxw_worksheet *ws)
{
    layout l = {0};
    lay_add(&l, "อันดับ", "Rank", 6, XLSX_INT, GP_RANK, 0);
    lay_add(&l, "รหัส", "Code", 7, XLSX_TEXT, GP_CODE, 0);
    lay_add(&l, "สำนักงานเขต", "Office", 16, XLSX_TEXT, GP_NAME, 0);
    for (size_t j = 0; j < c->n_main; j++) {
        const char *id = measure_id(c, c->main[j]);
        lay_add(&l, keep(c, xasprintf("ขาด %s", id)),
                keep(c, xasprintf("Gap %s", id)), 8, XLSX_SCORE, GP_GAP,
                c->main[j]);
    }
    for (size_t i = 0; i < c->m->n_indicators; i++) {
        const char *id = c->m->nodes[c->m->indicators[i]].id;
        lay_add(&l, keep(c, xasprintf("ITA ที่เสียจาก %s", id)),
                keep(c, xasprintf("ITA lost to %s", id)), 9, XLSX_SCORE,
                GP_LOSS, 1 + (size_t)c->m->indicators[i]);
    }
    lay_add(&l, "ITA ที่เสียรวมทุกตัวชี้วัด", "ITA lost, all indicators", 10,
            XLSX_SCORE, GP_TOTAL, 0);

    title(c, ws, "ส่วนที่ขาดจากเป้าหมาย ปีงบประมาณ", "Gaps to the target, fiscal year");
    note(c, ws, 1, (lxw_col_t)(l.n - 1), columns_width(l.cols, l.n),
         tr(c, "ขาด = max(0, Target - คะแนน) เป็นสูตรที่อ้างอิงช่อง Target; "
               "ITA ที่เสีย = น้ำหนักของตัวชี้วัดใน ITA (จากโมเดล) x ส่วนที่ขาด "
               "คือคะแนน ITA ที่เขตจะได้เพิ่มถ้าตัวชี้วัดนั้นถึงเป้าหมาย",
            "Gap = max(0, Target - score), a formula on the Target cell; ITA "
            "lost = the indicator's weight in ITA (from the model) x its gap: "
            "the ITA points the office would gain if the indicator reached the "
            "target."),
         c->b->f.note);
    /* no gap reads as a dash, so that the shortfalls stand out */
    lxw_format *gap_fmt = workbook_add_format(c->b->wb);
    format_set_font_name(gap_fmt, book_font(c));
    format_set_font_size(gap_fmt, 14);
    format_set_align(gap_fmt, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(gap_fmt, "0.00;-0.00;\"-\"");
    const year_scores *ys = c->ys;
    double target = ys->target;
    lxw_col_t first_loss = lay_find(&l, GP_LOSS), total_col = lay_find(&l, GP_TOTAL);
    double *column_total = xcalloc(l.n, sizeof *column_total);
    for (size_t i = 0; i < ys->n; i++) {
        const office_score *s = ranked(c, i);
        const office *o = &c->rep->r->offices[s->office];
        lxw_row_t r = (lxw_row_t)(FIRST + i);
        double total = 0;
        for (size_t k = 0; k < l.n; k++) {
            lxw_col_t col = (lxw_col_t)k;
            lxw_format *f = l.cols[k].kind == XLSX_SCORE ? gap_fmt
                                                         : fmt(c, l.cols[k].kind);
            double v = score_round2(value_of(c, s, l.measure[k]));
            double gap = fmax(0, target - v);
            switch ((enum gap_field)l.field[k]) {
            case GP_RANK: put_num(c, ws, r, col, s->rank, f); break;
            case GP_CODE: put_text(c, ws, r, col, o->code, f); break;
            case GP_NAME: put_text(c, ws, r, col, office_name(c, s->office), f); break;
            case GP_GAP:
                put_formula(c, ws, r, col,
                            xasprintf("=MAX(0,Target-%.2f)", v), gap, f);
                column_total[k] += gap;
                break;
            case GP_LOSS: {
                double w = c->m->nodes[l.measure[k] - 1].ita_weight;
                put_formula(c, ws, r, col,
                            xasprintf("=%.10g*MAX(0,Target-%.2f)", w, v),
                            w * gap, f);
                total += w * gap;
                column_total[k] += w * gap;
                break;
            }
            case GP_TOTAL: {
                char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
                put_formula(c, ws, r, col,
                            xasprintf("=SUM(%s:%s)", cell(a, r, first_loss),
                                      cell(b, r, (lxw_col_t)(total_col - 1))),
                            total, f);
                column_total[k] += total;
                break;
            }
            }
        }
    }
    /* city totals under the table: where the city's points are lost */
    lxw_row_t tr_row = (lxw_row_t)(last_row(ys->n) + 1);
    put_text(c, ws, tr_row, 2, tr(c, "รวมทั้งเมือง", "City total"), bold(c, XLSX_TEXT));
    for (size_t k = 0; k < l.n; k++) {
        if (l.field[k] != GP_GAP && l.field[k] != GP_LOSS && l.field[k] != GP_TOTAL)
            continue;
        char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
        put_formula(c, ws, tr_row, (lxw_col_t)k,
                    xasprintf("=SUM(%s:%s)", cell(a, FIRST, (lxw_col_t)k),
                              cell(b, last_row(ys->n), (lxw_col_t)k)),
                    column_total[k], bold(c, XLSX_SCORE));
    }
    free(column_total);
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR,
                                  .bar_color = 0xF1948A};
    note_err(c, worksheet_conditional_format_range(ws, FIRST, total_col,
                                                   last_row(ys->n), total_col,
                                                   &bar));
    finish_table(c, ws, &l, ys->n, "Gaps", 3);
    lay_free(&l);
}

/* ------------------------------------------------------------------ */
/* Questions                                                            */

enum question_field {
    QU_ORDER, QU_ITEM, QU_INDICATOR, QU_LABEL, QU_WEIGHT, QU_STAT, QU_LOW_NAME,
    QU_HIGH_NAME, QU_BELOW, QU_SHARE
};

static const struct {
    xlsx_column col;
    enum question_field field;
    size_t offset;
} question_columns[] = {
    {{"ลำดับ", "No.", 5, XLSX_INT}, QU_ORDER, 0},
    {{"ข้อ", "Item", 6, XLSX_TEXT}, QU_ITEM, 0},
    {{"ตัวชี้วัด", "Indicator", 8, XLSX_TEXT}, QU_INDICATOR, 0},
    {{"ข้อคำถาม", "Question", 40, XLSX_WRAP}, QU_LABEL, 0},
    {{"ITA ต่อ 1 คะแนน", "ITA per point", 8, XLSX_FINE}, QU_WEIGHT, 0},
    {{"ค่าเฉลี่ยของเมือง", "City mean", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, mean)},
    {{"มัธยฐาน", "Median", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, median)},
    {{"ต่ำสุด", "Min", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, min)},
    {{"สูงสุด", "Max", 8, XLSX_SCORE}, QU_STAT, offsetof(stats_summary, max)},
    {{"เขตที่ได้ต่ำสุด", "Lowest office", 15, XLSX_TEXT}, QU_LOW_NAME, 0},
    {{"เขตที่ได้สูงสุด", "Highest office", 15, XLSX_TEXT}, QU_HIGH_NAME, 0},
    {{"เขตที่ต่ำกว่าเป้าหมาย", "Offices below target", 9, XLSX_INT}, QU_BELOW, 0},
    {{"สัดส่วน", "Share", 8, XLSX_PERCENT}, QU_SHARE, 0},
};
#define N_QUESTION_COLUMNS (sizeof question_columns / sizeof *question_columns)

static void write_questions(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_QUESTION_COLUMNS];
    for (size_t i = 0; i < N_QUESTION_COLUMNS; i++)
        cols[i] = question_columns[i].col;
    const model *m = c->m;
    size_t n = m->n_items;
    size_t *order = xmalloc((n ? n : 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = 1 + (size_t)m->items[i];
    stats_sort_weakest(c->cs, order, n, STATS_BY_BELOW_TARGET);

    title(c, ws, "ข้อคำถามทุกข้อ เรียงจากจุดอ่อนร่วมของเมือง ปีงบประมาณ",
          "Every question, city-wide weaknesses first, fiscal year");
    char *text = xasprintf(
        tr(c, "เรียงตามจำนวนเขตที่ได้ต่ำกว่าเป้าหมาย %.2f (มากไปน้อย) แล้วตามค่าเฉลี่ย"
              "ของเมือง (น้อยไปมาก) จำนวนนับตามเป้าหมายขณะสร้างไฟล์",
           "Sorted by the number of offices below the target of %.2f (most "
           "first), then by city mean (lowest first); counted at the target "
           "of the run."),
        c->ys->target);
    note(c, ws, 1, (lxw_col_t)(N_QUESTION_COLUMNS - 1),
         columns_width(cols, N_QUESTION_COLUMNS), text, c->b->f.note);
    free(text);
    for (size_t q = 0; q < n; q++) {
        size_t k = order[q];
        const model_node *node = &m->nodes[k - 1];
        const stats_summary *s = &c->cs->city[k];
        lxw_row_t r = (lxw_row_t)(FIRST + q);
        bool any = c->ys->n > 0;
        const office_score *low = any ? &c->ys->offices[s->worst] : NULL;
        const office_score *high = any ? &c->ys->offices[s->best] : NULL;
        for (size_t i = 0; i < N_QUESTION_COLUMNS; i++) {
            lxw_col_t col = (lxw_col_t)i;
            lxw_format *f = fmt(c, cols[i].kind);
            switch (question_columns[i].field) {
            case QU_ORDER: put_num(c, ws, r, col, (double)(q + 1), f); break;
            case QU_ITEM: put_text(c, ws, r, col, node->id, f); break;
            case QU_INDICATOR:
                put_text(c, ws, r, col,
                         node->indicator >= 0 ? m->nodes[node->indicator].id : "", f);
                break;
            case QU_LABEL: {
                const char *label = english(c) ? node->label_en : node->label_th;
                put_text(c, ws, r, col, label, f);
                xlsx_row_lines(ws, r, xlsx_text_lines(label, cols[i].width));
                break;
            }
            case QU_WEIGHT: put_num(c, ws, r, col, node->ita_weight, f); break;
            case QU_STAT:
                put_num(c, ws, r, col, summary_field(s, question_columns[i].offset), f);
                break;
            case QU_LOW_NAME:
                put_text(c, ws, r, col, low ? office_name(c, low->office) : NULL, f);
                break;
            case QU_HIGH_NAME:
                put_text(c, ws, r, col, high ? office_name(c, high->office) : NULL, f);
                break;
            case QU_BELOW: put_num(c, ws, r, col, (double)s->below_target, f); break;
            case QU_SHARE: put_num(c, ws, r, col, s->share_below, f); break;
            }
        }
    }
    free(order);
    lxw_conditional_format bar = {.type = LXW_CONDITIONAL_DATA_BAR,
                                  .bar_color = 0xF1948A};
    lxw_col_t below_col = (lxw_col_t)(N_QUESTION_COLUMNS - 2);
    note_err(c, worksheet_conditional_format_range(ws, FIRST, below_col,
                                                   last_row(n), below_col, &bar));
    xlsx_set_columns(c->b, ws, 0, cols, N_QUESTION_COLUMNS);
    note_err(c, xlsx_add_table(c->b, ws, HEAD, 0, n, cols, N_QUESTION_COLUMNS,
                               "Questions"));
    worksheet_freeze_panes(ws, FIRST, 2);
    xlsx_print_setup(c->b, ws, HEAD, HEAD);
}

/* ------------------------------------------------------------------ */
/* OIT                                                                  */

enum oit_field { OI_CODE, OI_NAME, OI_ITEM, OI_MISSING };

static void write_oit(city *c, lxw_worksheet *ws)
{
    const model *m = c->m;
    layout l = {0};
    lay_add(&l, "รหัส", "Code", 7, XLSX_TEXT, OI_CODE, 0);
    lay_add(&l, "สำนักงานเขต", "Office", 16, XLSX_TEXT, OI_NAME, 0);
    for (size_t i = 0; i < m->n_items; i++)
        if (is_disclosure_item(&m->nodes[m->items[i]]))
            lay_add(&l, m->nodes[m->items[i]].id, m->nodes[m->items[i]].id, 5.5,
                    XLSX_SCORE, OI_ITEM, 1 + (size_t)m->items[i]);
    size_t n_items = l.n - 2;
    lay_add(&l, "ข้อที่ยังไม่เปิดเผย", "Items missing", 9, XLSX_INT, OI_MISSING, 0);

    /* 0/100 stay numbers, shown as words */
    lxw_format *shown = workbook_add_format(c->b->wb);
    format_set_font_name(shown, book_font(c));
    format_set_font_size(shown, 12);
    format_set_align(shown, LXW_ALIGN_CENTER);
    format_set_num_format(shown, tr(c, "[=100]\"มี\";[=0]\"ไม่มี\";0.00",
                                    "[=100]\"yes\";[=0]\"no\";0.00"));

    title(c, ws, "การเปิดเผยข้อมูลสาธารณะ (OIT) รายข้อ ปีงบประมาณ",
          "Open data (OIT) item by item, fiscal year");
    note(c, ws, 1, 14, 100,
         tr(c, "มี = เปิดเผยแล้ว (100), ไม่มี = ยังไม่เปิดเผย (0); ชื่อข้อดูได้ในชีตข้อคำถาม "
               "แถวล่างสุดนับจำนวนเขตที่ยังไม่เปิดเผยแต่ละข้อ",
            "yes = published (100), no = missing (0); item titles are on the "
            "Questions sheet.  The row under the table counts the offices "
            "missing each item."),
         c->b->f.note);
    const year_scores *ys = c->ys;
    lxw_row_t last = last_row(ys->n);
    double *missing = xcalloc(l.n, sizeof *missing);
    lxw_col_t first_item = 2, last_item = (lxw_col_t)(1 + n_items);
    for (size_t i = 0; i < ys->n; i++) {
        const office_score *s = ranked(c, i);
        lxw_row_t r = (lxw_row_t)(FIRST + i);
        double office_missing = 0;
        for (size_t k = 0; k < l.n; k++) {
            lxw_col_t col = (lxw_col_t)k;
            switch ((enum oit_field)l.field[k]) {
            case OI_CODE:
                put_text(c, ws, r, col, c->rep->r->offices[s->office].code,
                         fmt(c, XLSX_TEXT));
                break;
            case OI_NAME:
                put_text(c, ws, r, col, office_name(c, s->office), fmt(c, XLSX_TEXT));
                break;
            case OI_ITEM: {
                double v = score_round2(value_of(c, s, l.measure[k]));
                put_num(c, ws, r, col, v, shown);
                bool miss = v < 100;
                office_missing += miss;
                missing[k] += miss;
                break;
            }
            case OI_MISSING: {
                char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
                put_formula(c, ws, r, col,
                            xasprintf("=COUNTIF(%s:%s,\"<100\")",
                                      cell(a, r, first_item), cell(b, r, last_item)),
                            office_missing, fmt(c, XLSX_INT));
                break;
            }
            }
        }
    }
    lxw_row_t count_row = last + 1;
    put_text(c, ws, count_row, 1, tr(c, "เขตที่ยังไม่เปิดเผย", "Offices missing it"),
             bold(c, XLSX_TEXT));
    for (size_t k = 0; k < l.n; k++) {
        if (l.field[k] != OI_ITEM)
            continue;
        char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
        put_formula(c, ws, count_row, (lxw_col_t)k,
                    xasprintf("=COUNTIF(%s:%s,\"<100\")", cell(a, FIRST, (lxw_col_t)k),
                              cell(b, last, (lxw_col_t)k)),
                    missing[k], bold(c, XLSX_INT));
    }
    free(missing);
    if (n_items > 0) {
        lxw_conditional_format miss = {
            .type = LXW_CONDITIONAL_TYPE_CELL,
            .criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN,
            .value = 100,
            .format = c->b->f.fail,
        };
        note_err(c, worksheet_conditional_format_range(ws, FIRST, first_item,
                                                       last, last_item, &miss));
    }
    finish_table(c, ws, &l, ys->n, "OpenData", 2);
    lay_free(&l);
}

/* ------------------------------------------------------------------ */
/* Zones                                                                */

enum zone_field { ZO_NAME, ZO_N, ZO_STAT, ZO_PASS, ZO_BEST, ZO_WORST };

static const struct {
    xlsx_column col;
    enum zone_field field;
    size_t offset;
} zone_columns[] = {
    {{"กลุ่มเขต", "Zone", 18, XLSX_TEXT}, ZO_NAME, 0},
    {{"จำนวนเขต", "Offices", 8, XLSX_INT}, ZO_N, 0},
    {{"ค่าเฉลี่ย ITA", "Mean ITA", 9, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, mean)},
    {{"มัธยฐาน ITA", "Median ITA", 9, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, median)},
    {{"ต่ำสุด", "Min ITA", 8, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, min)},
    {{"สูงสุด", "Max ITA", 8, XLSX_SCORE}, ZO_STAT, offsetof(stats_summary, max)},
    {{"ผ่านเป้าหมาย (เขต)", "Offices passing", 9, XLSX_INT}, ZO_PASS, 0},
    {{"เขตที่ดีที่สุด", "Best office", 16, XLSX_TEXT}, ZO_BEST, 0},
    {{"เขตที่ต้องพัฒนาที่สุด", "Weakest office", 16, XLSX_TEXT}, ZO_WORST, 0},
};
#define N_ZONE_COLUMNS (sizeof zone_columns / sizeof *zone_columns)

/* Under the zones table, in the same columns: each column is as wide as
 * the wider of the two tables needs. */
static const xlsx_column zone_rank_columns[] = {
    {"กลุ่มเขต", "Zone", 18, XLSX_TEXT},
    {"อันดับในกลุ่ม", "Rank in zone", 8, XLSX_INT},
    {"สำนักงานเขต", "Office", 16, XLSX_TEXT},
    {"รหัส", "Code", 9, XLSX_TEXT},
    {"ITA", "ITA", 8, XLSX_SCORE},
    {"ระดับ", "Grade", 8, XLSX_TEXT},
    {"อันดับในเมือง", "City rank", 9, XLSX_INT},
};
#define N_ZONE_RANK_COLUMNS (sizeof zone_rank_columns / sizeof *zone_rank_columns)

static void write_zones(city *c, lxw_worksheet *ws)
{
    xlsx_column cols[N_ZONE_COLUMNS];
    for (size_t i = 0; i < N_ZONE_COLUMNS; i++)
        cols[i] = zone_columns[i].col;
    const registry *reg = c->rep->r;
    const year_scores *ys = c->ys;
    title(c, ws, "เปรียบเทียบกลุ่มเขต ปีงบประมาณ", "The zones compared, fiscal year");
    note(c, ws, 1, (lxw_col_t)(N_ZONE_COLUMNS - 1), columns_width(cols, N_ZONE_COLUMNS),
         tr(c, "จำนวนที่ผ่านเป้าหมายเป็นสูตรที่นับจากชีตอันดับ",
            "Offices passing is a formula counting the Ranking sheet's pass flags."),
         c->b->f.note);
    char *zone_range = column_range(c, SH_RANKING, FIRST, last_row(ys->n), c->rk_zone);
    char *pass_range = column_range(c, SH_RANKING, FIRST, last_row(ys->n), c->rk_pass);
    for (size_t z = 0; z < reg->n_zones; z++) {
        stats_summary s;
        stats_zone_summary(c->cs, z, STATS_ITA, &s);
        lxw_row_t r = (lxw_row_t)(FIRST + z);
        for (size_t i = 0; i < N_ZONE_COLUMNS; i++) {
            lxw_col_t col = (lxw_col_t)i;
            lxw_format *f = fmt(c, cols[i].kind);
            switch (zone_columns[i].field) {
            case ZO_NAME: put_text(c, ws, r, col, zone_name(c, (int)z), f); break;
            case ZO_N: put_num(c, ws, r, col, (double)s.n, f); break;
            case ZO_STAT: put_num(c, ws, r, col, summary_field(&s, zone_columns[i].offset), f); break;
            case ZO_PASS: {
                char name[LXW_MAX_CELL_NAME_LENGTH];
                put_formula(c, ws, r, col,
                            xasprintf("=COUNTIFS(%s,%s,%s,1)", zone_range,
                                      cell(name, r, 0), pass_range),
                            (double)(s.n - s.below_target), f);
                break;
            }
            case ZO_BEST:
            case ZO_WORST: {
                const char *who = NULL;
                if (s.n)
                    who = office_name(c, ys->offices[zone_columns[i].field == ZO_BEST
                                                         ? s.best : s.worst].office);
                put_text(c, ws, r, col, who, f);
                break;
            }
            }
        }
    }
    free(zone_range);
    free(pass_range);
    for (size_t i = 0; i < N_ZONE_COLUMNS && i < N_ZONE_RANK_COLUMNS; i++)
        if (zone_rank_columns[i].width > cols[i].width)
            cols[i].width = zone_rank_columns[i].width;
    xlsx_set_columns(c->b, ws, 0, cols, N_ZONE_COLUMNS);
    note_err(c, xlsx_add_table(c->b, ws, HEAD, 0, reg->n_zones, cols,
                               N_ZONE_COLUMNS, "Zones"));
    worksheet_freeze_panes(ws, FIRST, 0);

    /* every office ranked within its zone */
    lxw_row_t hr = (lxw_row_t)(last_row(reg->n_zones) + 3);
    subtitle(c, ws, hr - 1, 0, tr(c, "อันดับภายในกลุ่มเขต", "Ranks within each zone"));
    xlsx_write_headers(c->b, ws, hr, 0, zone_rank_columns, N_ZONE_RANK_COLUMNS);
    lxw_row_t r = hr + 1;
    for (size_t z = 0; z < reg->n_zones; z++) {
        for (size_t i = 0; i < ys->n; i++) {
            const office_score *s = ranked(c, i);
            const office *o = &reg->offices[s->office];
            if (o->zone != (int)z)
                continue;
            put_text(c, ws, r, 0, zone_name(c, o->zone), fmt(c, XLSX_TEXT));
            put_num(c, ws, r, 1, s->zone_rank, fmt(c, XLSX_INT));
            put_text(c, ws, r, 2, office_name(c, s->office), fmt(c, XLSX_TEXT));
            put_text(c, ws, r, 3, o->code, fmt(c, XLSX_TEXT));
            put_num(c, ws, r, 4, s->ita_r2, fmt(c, XLSX_SCORE));
            put_text(c, ws, r, 5, c->m->grades[s->grade].id, c->b->f.center);
            put_num(c, ws, r, 6, s->rank, fmt(c, XLSX_INT));
            r++;
        }
    }
    lxw_table_column tc[N_ZONE_RANK_COLUMNS];
    lxw_table_column *tcl[N_ZONE_RANK_COLUMNS + 1];
    for (size_t i = 0; i < N_ZONE_RANK_COLUMNS; i++) {
        tc[i] = (lxw_table_column){
            .header = (char *)tr(c, zone_rank_columns[i].th, zone_rank_columns[i].en),
            .header_format = c->b->f.header};
        tcl[i] = &tc[i];
    }
    tcl[N_ZONE_RANK_COLUMNS] = NULL;
    lxw_table_options opt = {.name = "ZoneRanks", .columns = tcl,
                             .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                             .style_type_number = 9};
    note_err(c, worksheet_add_table(ws, hr, 0, r > hr + 1 ? r - 1 : hr + 1,
                                    (lxw_col_t)(N_ZONE_RANK_COLUMNS - 1), &opt));
    if (r > hr + 1)
        note_err(c, xlsx_grade_colours(c->b, ws, hr + 1, 5, r - 1, 5, false));
    xlsx_print_setup(c->b, ws, HEAD, HEAD);
}

/* ------------------------------------------------------------------ */
/* Trend                                                                */

enum trend_field { TR_CODE, TR_NAME, TR_ITA, TR_GRADE, TR_CHANGE };

static const struct {
    const char *th, *en;
    size_t offset;      /* into stats_paired */
    xlsx_kind kind;
} paired_rows[] = {
    {"ค่าเฉลี่ยการเปลี่ยนแปลง (คะแนน)", "Mean change (points)", offsetof(stats_paired, mean_change), XLSX_SCORE},
    {"SD ของการเปลี่ยนแปลง", "SD of the changes", offsetof(stats_paired, sd_change), XLSX_SCORE},
    {"ค่าสถิติ t", "t", offsetof(stats_paired, t), XLSX_SCORE},
    {"องศาอิสระ", "Degrees of freedom", offsetof(stats_paired, df), XLSX_INT},
    {"ค่า p (สองทาง)", "p-value (two-sided)", offsetof(stats_paired, p), XLSX_FINE},
    {"ช่วงความเชื่อมั่น 95% ล่าง", "95% confidence interval, low", offsetof(stats_paired, ci_low), XLSX_SCORE},
    {"ช่วงความเชื่อมั่น 95% บน", "95% confidence interval, high", offsetof(stats_paired, ci_high), XLSX_SCORE},
};

static double paired_field(const stats_paired *p, size_t offset)
{
    return *(const double *)((const char *)p + offset);
}

/* Returns a new plain sentence stating the paired t-test. */
static char *paired_sentence(const city *c, const stats_paired *t)
{
    const year_scores *prev = c->rep->previous;
    if (!isfinite(t->p))
        return xasprintf(
            tr(c, "มีสำนักงานเขต %zu แห่งที่มีผลทั้งปี %d และ %d ไม่พอสำหรับการทดสอบ t",
               "%zu offices have results in both %d and %d: too few (or too "
               "uniform) for a t-test."),
            t->n, prev->year, c->ys->year);
    bool significant = t->p < ALPHA;
    return xasprintf(
        tr(c, "สำนักงานเขต %zu แห่งที่มีผลทั้งปี %d และ %d: ITA เปลี่ยนไปเฉลี่ย %+.2f คะแนน "
              "(t = %.2f, df = %.0f, p = %.4f) ถ้า ITA ของเมืองไม่ได้เปลี่ยนจริง "
              "โอกาสที่จะเห็นการเปลี่ยนแปลงเฉลี่ยขนาดนี้หรือมากกว่าโดยบังเอิญคือ %.1f%% "
              "จึง%sที่ระดับนัยสำคัญ 0.05",
           "%zu offices have results in both %d and %d: their ITA changed by "
           "%+.2f points on average (t = %.2f, df = %.0f, p = %.4f).  If the "
           "city's ITA had not really changed, a mean change this large or "
           "larger would arise by chance %.1f%% of the time, so the change is "
           "%s at the 5%% level."),
        t->n, prev->year, c->ys->year, t->mean_change, t->t, t->df, t->p,
        100 * t->p,
        significant ? tr(c, "ถือว่าเปลี่ยนแปลงอย่างมีนัยสำคัญทางสถิติ",
                         "statistically significant")
                    : tr(c, "ยังไม่ถือว่าเปลี่ยนแปลงอย่างมีนัยสำคัญทางสถิติ",
                         "not statistically significant"));
}

static void write_trend(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    layout l = {0};
    lay_add(&l, "รหัส", "Code", 7, XLSX_TEXT, TR_CODE, 0);
    lay_add(&l, "สำนักงานเขต", "Office", 16, XLSX_TEXT, TR_NAME, 0);
    size_t prev_year = (size_t)-1, cur_year = (size_t)-1;
    for (size_t y = 0; y < rep->n_years; y++) {
        int year = rep->years[y]->year;
        lay_add(&l, keep(c, xasprintf("ITA ปี %d", year)),
                keep(c, xasprintf("ITA %d", year)), 9, XLSX_SCORE, TR_ITA, y);
        lay_add(&l, keep(c, xasprintf("ระดับ ปี %d", year)),
                keep(c, xasprintf("Grade %d", year)), 8, XLSX_TEXT, TR_GRADE, y);
        if (rep->years[y] == rep->previous)
            prev_year = y;
        if (rep->years[y] == rep->current)
            cur_year = y;
    }
    if (rep->previous)
        lay_add(&l, keep(c, xasprintf("เปลี่ยนแปลง %d-%d", rep->previous->year, c->ys->year)),
                keep(c, xasprintf("Change %d-%d", rep->previous->year, c->ys->year)),
                10, XLSX_SCORE, TR_CHANGE, 0);
    title(c, ws, "แนวโน้ม ITA รายปี ถึงปีงบประมาณ", "ITA year by year, up to fiscal year");
    note(c, ws, 1, (lxw_col_t)(l.n - 1), columns_width(l.cols, l.n) + 40,
         rep->previous
             ? tr(c, "การเปลี่ยนแปลงเป็นสูตร (ITA ปีนี้ - ปีก่อน); การทดสอบ t แบบจับคู่อยู่ใต้ตาราง",
                  "Change is a formula (this year's ITA - last year's); the "
                  "paired t-test is under the table.")
             : tr(c, "ข้อมูลนำเข้ามีผลเพียงปีเดียว (หรือไม่มีปีก่อนหน้าติดกัน): "
                     "ยังเปรียบเทียบการเปลี่ยนแปลงไม่ได้",
                  "The input has one year only (or not the year before): no "
                  "change to compare."),
         c->b->f.note);

    /* offices of this year by rank, then those seen only in other years */
    const registry *reg = rep->r;
    int *rows = xmalloc((reg->n_offices ? reg->n_offices : 1) * sizeof *rows);
    size_t n_rows = 0;
    for (size_t i = 0; i < c->ys->n; i++)
        rows[n_rows++] = ranked(c, i)->office;
    for (size_t o = 0; o < reg->n_offices; o++) {
        if (scores_find(c->ys, (int)o))
            continue;
        for (size_t y = 0; y < rep->n_years; y++)
            if (scores_find(rep->years[y], (int)o)) {
                rows[n_rows++] = (int)o;
                break;
            }
    }
    lxw_col_t prev_col = 0, cur_col = 0;
    for (size_t k = 0; k < l.n; k++) {
        if (l.field[k] == TR_ITA && l.measure[k] == prev_year)
            prev_col = (lxw_col_t)k;
        if (l.field[k] == TR_ITA && l.measure[k] == cur_year)
            cur_col = (lxw_col_t)k;
    }
    for (size_t i = 0; i < n_rows; i++) {
        lxw_row_t r = (lxw_row_t)(FIRST + i);
        for (size_t k = 0; k < l.n; k++) {
            lxw_col_t col = (lxw_col_t)k;
            lxw_format *f = fmt(c, l.cols[k].kind);
            const office_score *s =
                l.field[k] == TR_ITA || l.field[k] == TR_GRADE
                    ? scores_find(rep->years[l.measure[k]], rows[i]) : NULL;
            switch ((enum trend_field)l.field[k]) {
            case TR_CODE: put_text(c, ws, r, col, reg->offices[rows[i]].code, f); break;
            case TR_NAME: put_text(c, ws, r, col, office_name(c, rows[i]), f); break;
            case TR_ITA: put_num(c, ws, r, col, s ? s->ita_r2 : NAN, f); break;
            case TR_GRADE:
                put_text(c, ws, r, col, s ? c->m->grades[s->grade].id : NULL,
                         c->b->f.center);
                break;
            case TR_CHANGE: {
                const office_score *now = scores_find(rep->current, rows[i]);
                const office_score *before = scores_find(rep->previous, rows[i]);
                if (now && before) {
                    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
                    put_formula(c, ws, r, col,
                                xasprintf("=%s-%s", cell(a, r, cur_col),
                                          cell(b, r, prev_col)),
                                now->ita_r2 - before->ita_r2, f);
                } else {
                    put_num(c, ws, r, col, NAN, f);
                }
                break;
            }
            }
        }
    }
    free(rows);
    for (size_t k = 0; k < l.n; k++)
        if (l.field[k] == TR_GRADE && n_rows > 0)
            note_err(c, xlsx_grade_colours(c->b, ws, FIRST, (lxw_col_t)k,
                                           last_row(n_rows), (lxw_col_t)k, false));
    finish_table(c, ws, &l, n_rows, "Trend", 2);

    if (rep->previous) {
        stats_paired t;
        stats_paired_change(rep->previous, rep->current, STATS_ITA, &t);
        lxw_row_t r = (lxw_row_t)(last_row(n_rows) + 2);
        char *heading = xasprintf(tr(c, "การทดสอบ t แบบจับคู่: ITA ปี %d เทียบกับปี %d",
                                     "Paired t-test: ITA %d against %d"),
                                  c->ys->year, rep->previous->year);
        subtitle(c, ws, r++, 0, heading);
        free(heading);
        put_text(c, ws, r, 0, tr(c, "เขตที่มีผลทั้งสองปี", "Offices in both years"),
                 c->b->f.label);
        put_num(c, ws, r++, 3, (double)t.n, fmt(c, XLSX_INT));
        for (size_t i = 0; i < sizeof paired_rows / sizeof *paired_rows; i++) {
            put_text(c, ws, r, 0, tr(c, paired_rows[i].th, paired_rows[i].en),
                     c->b->f.label);
            put_num(c, ws, r++, 3, paired_field(&t, paired_rows[i].offset),
                     fmt(c, paired_rows[i].kind));
        }
        char *sentence = paired_sentence(c, &t);
        note(c, ws, r + 1, (lxw_col_t)(l.n > 6 ? l.n - 1 : 6),
             columns_width(l.cols, l.n), sentence, c->b->f.note);
        free(sentence);
    }
    lay_free(&l);
}

/* ------------------------------------------------------------------ */
/* Data quality                                                         */

static const xlsx_column quality_columns[] = {
    {"ระดับ", "Severity", 11, XLSX_TEXT},
    {"รหัสเขต", "Office", 8, XLSX_TEXT},
    {"ไฟล์", "File", 34, XLSX_TEXT},
    {"บรรทัด", "Line", 7, XLSX_INT},
    {"การตรวจ", "Check", 21, XLSX_TEXT},
    {"รายละเอียด", "Message", 70, XLSX_WRAP},
};
#define N_QUALITY_COLUMNS (sizeof quality_columns / sizeof *quality_columns)

static const char *const severity_th[] = {"หมายเหตุ", "คำเตือน", "ข้อผิดพลาด"};

static void write_quality(city *c, lxw_worksheet *ws)
{
    const diag_list *dl = c->rep->diags;
    title(c, ws, "คุณภาพข้อมูลนำเข้า ปีงบประมาณ", "Data quality of the input, fiscal year");
    char *summary = xasprintf(
        tr(c, "ข้อผิดพลาด %zu คำเตือน %zu หมายเหตุ %zu รายการ%s",
           "%zu errors, %zu warnings, %zu notes%s"),
        diag_count(dl, DIAG_ERROR), diag_count(dl, DIAG_WARNING),
        diag_count(dl, DIAG_NOTE),
        dl->dropped ? tr(c, " (แสดงเฉพาะรายการแรก ๆ; ดูทั้งหมดใน data_quality CSV)",
                         " (only the first are listed; the data_quality CSV has all)")
                    : "");
    note(c, ws, 1, (lxw_col_t)(N_QUALITY_COLUMNS - 1),
         columns_width(quality_columns, N_QUALITY_COLUMNS), summary, c->b->f.note);
    free(summary);
    for (size_t i = 0; i < dl->n; i++) {
        const diag *d = &dl->items[i];
        lxw_row_t r = (lxw_row_t)(FIRST + i);
        put_text(c, ws, r, 0,
                 english(c) ? diag_severity_name(d->severity) : severity_th[d->severity],
                 fmt(c, XLSX_TEXT));
        put_text(c, ws, r, 1, d->office_code, fmt(c, XLSX_TEXT));
        put_text(c, ws, r, 2, d->file, fmt(c, XLSX_TEXT));
        put_num(c, ws, r, 3, d->line ? (double)d->line : NAN, fmt(c, XLSX_INT));
        put_text(c, ws, r, 4, d->check, fmt(c, XLSX_TEXT));
        put_text(c, ws, r, 5, d->message, fmt(c, XLSX_WRAP));
        xlsx_row_lines(ws, r, xlsx_text_lines(d->message, quality_columns[5].width));
    }
    xlsx_set_columns(c->b, ws, 0, quality_columns, N_QUALITY_COLUMNS);
    note_err(c, xlsx_add_table(c->b, ws, HEAD, 0, dl->n, quality_columns,
                               N_QUALITY_COLUMNS, "DataQuality"));
    worksheet_freeze_panes(ws, FIRST, 0);
    xlsx_print_setup(c->b, ws, HEAD, HEAD);
}

/* ------------------------------------------------------------------ */
/* Method                                                               */

/* The hex SHA-256 of a file's bytes into out; false when unreadable. */
static bool file_sha256(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    unsigned char buf[65536];
    size_t got;
    while (ok && (got = fread(buf, 1, sizeof buf, f)) > 0)
        ok = EVP_DigestUpdate(ctx, buf, got) == 1;
    ok = ok && !ferror(f);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
    EVP_MD_CTX_free(ctx);
    fclose(f);
    if (ok)
        for (unsigned i = 0; i < len; i++)
            snprintf(out + 2 * i, 3, "%02x", md[i]);
    return ok;
}

/* Returns a new path for display: relative to the working folder when the
 * file is below it (so the workbook names files as the user typed them and
 * carries no absolute path of this machine), else as given. */
static char *display_path(const char *path)
{
    char *real = realpath(path, NULL);
    char *cwd = getcwd(NULL, 0);
    char *out = NULL;
    if (real && cwd) {
        size_t n = strlen(cwd);
        if (strncmp(real, cwd, n) == 0 && real[n] == '/')
            out = xstrdup(real + n + 1);
    }
    free(real);
    free(cwd);
    return out ? out : xstrdup(path);
}

static const xlsx_column method_columns[] = {
    {"ประเภท", "Kind", 24, XLSX_TEXT},
    {"รหัส", "Id", 10, XLSX_TEXT},
    {"อยู่ภายใต้", "Parent", 10, XLSX_TEXT},
    {"น้ำหนัก", "Weight", 9, XLSX_FINE},
    {"สัดส่วนในระดับเดียวกัน", "Share among siblings", 11, XLSX_PERCENT},
    {"ITA ต่อ 1 คะแนน", "ITA points per point", 11, XLSX_FINE},
    {"ชื่อภาษาไทย", "Thai label", 44, XLSX_WRAP},
    {"ชื่อภาษาอังกฤษ", "English label", 66, XLSX_WRAP},
};
#define N_METHOD_COLUMNS (sizeof method_columns / sizeof *method_columns)

static const char *const node_kind_name[][2] = {
    [NODE_TOOL] = {"เครื่องมือ", "tool"},
    [NODE_INDICATOR] = {"ตัวชี้วัด", "indicator"},
    [NODE_SUB] = {"ตัวชี้วัดย่อย", "sub-indicator"},
    [NODE_ITEM] = {"ข้อคำถาม", "item"},
};

/* Adds a small table of plain columns at (hr, first_col). */
static void small_table(city *c, lxw_worksheet *ws, lxw_row_t hr,
                        lxw_col_t first_col, size_t n_rows,
                        const xlsx_column *cols, size_t n, const char *name)
{
    note_err(c, xlsx_add_table(c->b, ws, hr, first_col, n_rows, cols, n, name));
}

static void write_method(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    const model *m = c->m;
    title(c, ws, "วิธีการและที่มาของข้อมูล ปีงบประมาณ", "Method and sources, fiscal year");
    lxw_row_t r = 1;
    if (rep->synthetic) {
        note(c, ws, r, 7, 180,
             tr(c, "ข้อมูลตัวอย่างสังเคราะห์: ไฟล์นำเข้าสร้างขึ้นโดยโปรแกรม (itagen) จากค่าตั้งต้นคงที่ "
                   "ไม่ใช่ผลการประเมินจริงของสำนักงานเขตใด",
                "SYNTHETIC SAMPLE DATA: the input files were made up by a "
                "program (itagen) from a fixed seed; they are not any office's "
                "real results."),
             c->b->f.warning);
    }
    r = 2;
    /* key facts */
    char *program = xasprintf("itabench %s", rep->version ? rep->version : "");
    char *year = xasprintf("%d", c->ys->year);
    char *offices = xasprintf("%zu", c->ys->n);
    char *model_path = display_path(m->path);
    char *registry_path = display_path(rep->r->path);
    const struct {
        const char *th, *en, *value;
    } facts[] = {
        {"โปรแกรม", "Program", program},
        {"ปีงบประมาณ", "Fiscal year", year},
        {"จำนวนสำนักงานเขตที่ประเมิน", "Offices assessed", offices},
        {"ไฟล์โมเดลการให้คะแนน", "Scoring model file", model_path},
        {"ไฟล์รายชื่อสำนักงานเขต", "Office registry file", registry_path},
        {"การคำนวณ", "Computation",
         tr(c, "คะแนนทุกระดับคำนวณใหม่จากคะแนนรายข้อตามโมเดล (ค่าเฉลี่ยถ่วงน้ำหนัก) "
               "ปัดเป็นทศนิยม 2 ตำแหน่งก่อนจัดระดับและเทียบเป้าหมาย สถิติคำนวณด้วย GSL",
            "Every score is recomputed from the item scores with the model "
            "(weighted means), rounded to 2 decimals before grading and "
            "comparing with the target; statistics by GSL.")},
    };
    for (size_t i = 0; i < sizeof facts / sizeof *facts; i++, r++) {
        put_text(c, ws, r + 1, 0, tr(c, facts[i].th, facts[i].en), c->b->f.label);
        put_text(c, ws, r + 1, 2, facts[i].value, fmt(c, XLSX_TEXT));
    }
    r++;
    put_text(c, ws, r, 0, tr(c, "เป้าหมาย (ช่อง Target ในชีตสรุป)",
                             "Target (the Target cell, Summary sheet)"),
             c->b->f.label);
    put_formula(c, ws, r, 2, xstrdup("=Target"), c->ys->target, fmt(c, XLSX_SCORE));
    free(program);
    free(year);
    free(offices);
    free(model_path);
    free(registry_path);

    /* the model */
    r += 2;
    subtitle(c, ws, r++, 0, tr(c, "โมเดลการให้คะแนน", "The scoring model"));
    lxw_row_t hr = r;
    for (size_t i = 0; i < m->n_nodes; i++) {
        const model_node *n = &m->nodes[i];
        lxw_row_t row = hr + 1 + (lxw_row_t)i;
        double siblings = 0;
        if (n->parent >= 0) {
            const model_node *p = &m->nodes[n->parent];
            for (size_t k = 0; k < p->n_children; k++)
                siblings += m->nodes[p->children[k]].weight;
        } else {
            for (size_t t = 0; t < m->n_tools; t++)
                siblings += m->nodes[m->tools[t]].weight;
        }
        put_text(c, ws, row, 0, node_kind_name[n->kind][english(c)], fmt(c, XLSX_TEXT));
        put_text(c, ws, row, 1, n->id, fmt(c, XLSX_TEXT));
        put_text(c, ws, row, 2, n->parent >= 0 ? m->nodes[n->parent].id : "ITA",
                 fmt(c, XLSX_TEXT));
        put_num(c, ws, row, 3, n->weight, fmt(c, XLSX_FINE));
        put_num(c, ws, row, 4, siblings > 0 ? n->weight / siblings : NAN,
                fmt(c, XLSX_PERCENT));
        put_num(c, ws, row, 5, n->ita_weight, fmt(c, XLSX_FINE));
        put_text(c, ws, row, 6, n->label_th, fmt(c, XLSX_WRAP));
        put_text(c, ws, row, 7, n->label_en, fmt(c, XLSX_WRAP));
        size_t lines = xlsx_text_lines(n->label_th, method_columns[6].width);
        size_t en_lines = xlsx_text_lines(n->label_en, method_columns[7].width);
        xlsx_row_lines(ws, row, lines > en_lines ? lines : en_lines);
    }
    xlsx_set_columns(c->b, ws, 0, method_columns, N_METHOD_COLUMNS);
    small_table(c, ws, hr, 0, m->n_nodes, method_columns, N_METHOD_COLUMNS, "Model");
    r = hr + 1 + (lxw_row_t)(m->n_nodes ? m->n_nodes : 1) + 1;

    /* the grade bands */
    static const xlsx_column grade_cols[] = {
        {"ระดับ", "Grade", 24, XLSX_TEXT},
        {"ตั้งแต่", "From", 10, XLSX_SCORE},
        {"ถึง", "To", 10, XLSX_SCORE},
    };
    subtitle(c, ws, r++, 0, tr(c, "ระดับผลการประเมิน", "Grade bands"));
    hr = r;
    for (size_t g = 0; g < m->n_grades; g++) {
        lxw_row_t row = hr + 1 + (lxw_row_t)g;
        char *label = xasprintf("%s %s", m->grades[g].id,
                                english(c) ? m->grades[g].label_en : m->grades[g].label_th);
        put_text(c, ws, row, 0, label, fmt(c, XLSX_TEXT));
        free(label);
        put_num(c, ws, row, 1, m->grades[g].min_score, fmt(c, XLSX_SCORE));
        /* bands are published to 2 decimals: each ends 0.01 below the next */
        put_num(c, ws, row, 2, g == 0 ? 100 : m->grades[g - 1].min_score - 0.01,
                fmt(c, XLSX_SCORE));
    }
    small_table(c, ws, hr, 0, m->n_grades, grade_cols, 3, "GradeBands");
    note_err(c, xlsx_grade_colours(c->b, ws, hr + 1, 1,
                                   hr + (lxw_row_t)(m->n_grades ? m->n_grades : 1),
                                   1, true));
    r = hr + 1 + (lxw_row_t)(m->n_grades ? m->n_grades : 1) + 1;

    /* the files read, with their digests: in the wide columns F-H */
    static const xlsx_column file_cols[] = {
        {"ประเภท", "Role", 11, XLSX_TEXT},
        {"ไฟล์", "File", 44, XLSX_TEXT},
        {"SHA-256", "SHA-256", 66, XLSX_TEXT},
    };
    const lxw_col_t file_col = 5;
    subtitle(c, ws, r++, file_col, tr(c, "ไฟล์ที่อ่าน และค่า SHA-256",
                                      "Files read, with their SHA-256"));
    hr = r;
    const dataset *d = rep->d;
    const struct {
        const char *th, *en, *path;
    } reference[] = {
        {"โมเดล", "model", m->path},
        {"รายชื่อเขต", "registry", rep->r->path},
    };
    size_t n_ref = sizeof reference / sizeof *reference;
    for (size_t i = 0; i < n_ref + d->n_files; i++) {
        lxw_row_t row = hr + 1 + (lxw_row_t)i;
        const char *path = i < n_ref ? reference[i].path : d->files[i - n_ref];
        char digest[65];
        bool ok = path && file_sha256(path, digest);
        put_text(c, ws, row, file_col,
                 i < n_ref ? tr(c, reference[i].th, reference[i].en)
                           : tr(c, "ข้อมูลนำเข้า", "input"),
                 fmt(c, XLSX_TEXT));
        char *shown = path ? display_path(path) : NULL;
        put_text(c, ws, row, file_col + 1, shown, fmt(c, XLSX_TEXT));
        free(shown);
        put_text(c, ws, row, file_col + 2,
                 ok ? digest : tr(c, "(อ่านไม่ได้)", "(unreadable)"), fmt(c, XLSX_TEXT));
    }
    small_table(c, ws, hr, file_col, n_ref + d->n_files, file_cols, 3, "Files");
    worksheet_freeze_panes(ws, 1, 0);
    xlsx_print_setup(c->b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT);
}

/* ------------------------------------------------------------------ */
/* Summary                                                              */

static const xlsx_column summary_columns[] = {
    {"", "", 30, XLSX_TEXT}, {"", "", 16, XLSX_TEXT}, {"", "", 16, XLSX_TEXT},
    {"", "", 11, XLSX_TEXT}, {"", "", 11, XLSX_TEXT}, {"", "", 11, XLSX_TEXT},
};
#define N_SUMMARY_COLUMNS (sizeof summary_columns / sizeof *summary_columns)

static void header_row(city *c, lxw_worksheet *ws, lxw_row_t r,
                       const char *const (*labels)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_text(c, ws, r, (lxw_col_t)i, labels[i][english(c)], c->b->f.header);
}

static lxw_chart_font chart_font(const city *c, double size)
{
    return (lxw_chart_font){
        .name = (char *)book_font(c),
        .size = size};
}

/* Returns the next free row. */
static lxw_row_t summary_charts(city *c, lxw_worksheet *ws, lxw_row_t r,
                                lxw_row_t radar_first, size_t n_radar)
{
    lxw_workbook *wb = c->b->wb;
    const year_scores *ys = c->ys;
    lxw_chart_font title_font = chart_font(c, 14), axis_font = chart_font(c, 10);
    title_font.bold = 1;
    const char *ranking = c->b->sheet_names[SH_RANKING];
    const char *distribution = c->b->sheet_names[SH_DISTRIBUTION];
    const char *summary = c->b->sheet_names[SH_SUMMARY];

    /* ITA by office, best first, with the only gridline at the target */
    lxw_chart *bar = workbook_add_chart(wb, LXW_CHART_COLUMN);
    lxw_chart_series *s = chart_add_series(bar, NULL, NULL);
    chart_series_set_categories(s, ranking, FIRST, c->rk_name, last_row(ys->n), c->rk_name);
    chart_series_set_values(s, ranking, FIRST, c->rk_ita, last_row(ys->n), c->rk_ita);
    chart_series_set_name(s, "ITA");
    /* see-through bars keep the target gridline visible behind them */
    lxw_chart_fill fill = {.color = 0x4472C4, .transparency = 35};
    chart_series_set_fill(s, &fill);
    chart_set_series_gap(bar, 40);
    char *bar_title = xasprintf(tr(c, "ITA รายสำนักงานเขต เรียงจากมากไปน้อย (เส้นแดง = เป้าหมาย %.2f)",
                                   "ITA by office, best first (red line: target %.2f)"),
                                ys->target);
    chart_title_set_name(bar, bar_title);
    free(bar_title);
    chart_title_set_name_font(bar, &title_font);
    chart_legend_set_position(bar, LXW_CHART_LEGEND_NONE);
    lxw_chart_axis *x = chart_axis_get(bar, LXW_CHART_AXIS_TYPE_X);
    lxw_chart_axis *y = chart_axis_get(bar, LXW_CHART_AXIS_TYPE_Y);
    lxw_chart_font x_font = axis_font;
    x_font.rotation = -90;
    chart_axis_set_num_font(x, &x_font);
    chart_axis_set_num_font(y, &axis_font);
    /* the axis starts low enough to show every office, and its major unit
     * is the distance to the target, so that the one gridline inside the
     * plot is the target */
    double low = ys->n ? c->cs->city[STATS_ITA].min : ys->target;
    double axis_min = fmax(0, fmin(floor(low / 5) * 5 - 5, ys->target - 10));
    chart_axis_set_min(y, axis_min);
    chart_axis_set_max(y, 100);
    chart_axis_set_major_unit(y, ys->target - axis_min);
    chart_axis_set_num_format(y, "0.00");
    lxw_chart_line target_line = {.color = 0xC00000, .width = 2,
                                  .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_axis_major_gridlines_set_visible(y, LXW_TRUE);
    chart_axis_major_gridlines_set_line(y, &target_line);
    lxw_chart_options big = {.x_scale = 1.45, .y_scale = 1.6};
    /* charts start one row below their page break, clear of its edge */
    lxw_row_t bar_row = r++;
    note_err(c, worksheet_insert_chart_opt(ws, r, 0, bar, &big));
    r += 25;

    /* the grade histogram */
    const model *m = c->m;
    lxw_chart *hist = workbook_add_chart(wb, LXW_CHART_COLUMN);
    s = chart_add_series(hist, NULL, NULL);
    lxw_row_t hl = c->hist_first + (lxw_row_t)(m->n_grades ? m->n_grades - 1 : 0);
    chart_series_set_categories(s, distribution, c->hist_first, c->hist_id, hl, c->hist_id);
    chart_series_set_values(s, distribution, c->hist_first, c->hist_count, hl, c->hist_count);
    chart_series_set_name(s, tr(c, "จำนวนเขต", "Offices"));
    chart_series_set_labels(s);
    chart_title_set_name(hist, tr(c, "จำนวนสำนักงานเขตตามระดับ ITA", "Offices by ITA grade"));
    chart_title_set_name_font(hist, &title_font);
    chart_legend_set_position(hist, LXW_CHART_LEGEND_NONE);
    chart_axis_set_num_font(chart_axis_get(hist, LXW_CHART_AXIS_TYPE_X), &axis_font);
    chart_axis_set_num_font(chart_axis_get(hist, LXW_CHART_AXIS_TYPE_Y), &axis_font);
    lxw_chart_fill hist_fill = {.color = 0x70AD47};
    chart_series_set_fill(s, &hist_fill);
    lxw_row_t second_row = r++;
    lxw_chart_options half = {.x_scale = 0.69, .y_scale = 1.3};
    note_err(c, worksheet_insert_chart_opt(ws, r, 0, hist, &half));

    /* the indicators' city means against the target */
    lxw_chart *radar = workbook_add_chart(wb, LXW_CHART_RADAR_WITH_MARKERS);
    lxw_row_t rl = radar_first + (lxw_row_t)(n_radar ? n_radar - 1 : 0);
    s = chart_add_series(radar, NULL, NULL);
    chart_series_set_categories(s, summary, radar_first, 0, rl, 0);
    chart_series_set_values(s, summary, radar_first, 1, rl, 1);
    chart_series_set_name(s, tr(c, "ค่าเฉลี่ยของเมือง", "City mean"));
    s = chart_add_series(radar, NULL, NULL);
    chart_series_set_categories(s, summary, radar_first, 0, rl, 0);
    chart_series_set_values(s, summary, radar_first, 2, rl, 2);
    chart_series_set_name(s, tr(c, "เป้าหมาย", "Target"));
    lxw_chart_line red = {.color = 0xC00000, .width = 1.5,
                          .dash_type = LXW_CHART_LINE_DASH_DASH};
    chart_series_set_line(s, &red);
    chart_title_set_name(radar, tr(c, "ค่าเฉลี่ยของเมืองรายตัวชี้วัด เทียบกับเป้าหมาย",
                                   "Indicators: city mean against the target"));
    chart_title_set_name_font(radar, &title_font);
    chart_legend_set_position(radar, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(radar, &axis_font);
    chart_axis_set_num_font(chart_axis_get(radar, LXW_CHART_AXIS_TYPE_X), &axis_font);
    lxw_chart_axis *ry = chart_axis_get(radar, LXW_CHART_AXIS_TYPE_Y);
    chart_axis_set_num_font(ry, &axis_font);
    double radar_low = ys->target;
    for (size_t i = 0; i < m->n_indicators; i++)
        radar_low = fmin(radar_low, c->cs->city[1 + (size_t)m->indicators[i]].mean);
    chart_axis_set_min(ry, isfinite(radar_low) ? fmax(0, floor(radar_low / 10) * 10 - 10) : 0);
    chart_axis_set_max(ry, 100);
    lxw_chart_options radar_opt = {.x_scale = 0.74, .y_scale = 1.3, .x_offset = 8};
    note_err(c, worksheet_insert_chart_opt(ws, r, 2, radar, &radar_opt));
    /* each chart row starts a page; a fixed scale, since Excel ignores
     * page breaks on sheets fitted to the page (the sheet fits at 100 %) */
    lxw_row_t breaks[] = {bar_row, second_row, 0};
    note_err(c, worksheet_set_h_pagebreaks(ws, breaks));
    return r + 19;
}

static void write_summary(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    const year_scores *ys = c->ys;
    const stats_summary *ita = &c->cs->city[STATS_ITA];
    const model *m = c->m;
    xlsx_set_columns(c->b, ws, 0, summary_columns, N_SUMMARY_COLUMNS);
    title(c, ws, "ITA สำนักงานเขตกรุงเทพมหานคร: ภาพรวมปีงบประมาณ",
          "ITA of the Bangkok district offices: overview, fiscal year");
    if (rep->synthetic)
        note(c, ws, 1, (lxw_col_t)(N_SUMMARY_COLUMNS - 1), 95,
             tr(c, "ข้อมูลตัวอย่างสังเคราะห์ ไม่ใช่ผลจริงของสำนักงานเขตใด (ดูชีตวิธีการ)",
                "SYNTHETIC SAMPLE DATA: not any office's real results (see the "
                "Method sheet)."),
             c->b->f.warning);

    /* key facts; the Target cell is the one users edit */
    lxw_row_t r = 3;
    char *pass_range = column_range(c, SH_RANKING, FIRST, last_row(ys->n), c->rk_pass);
    size_t n_pass = 0;
    for (size_t i = 0; i < ys->n; i++)
        n_pass += ys->offices[i].pass;
    put_text(c, ws, r, 0, tr(c, "ปีงบประมาณ", "Fiscal year"), c->b->f.label);
    put_num(c, ws, r++, 1, ys->year, fmt(c, XLSX_INT));
    put_text(c, ws, r, 0, tr(c, "เป้าหมาย (แก้ได้ที่ช่องนี้)", "Target (edit this cell)"),
             c->b->f.label);
    note_err(c, xlsx_define_target(c->b, ws, r, 1));
    worksheet_set_row(ws, r, XLSX_LINE_HEIGHT * 1.3, NULL);
    put_text(c, ws, r++, 2, tr(c, "ส่วนที่ขาดและการผ่านเป้าหมายทุกชีตคำนวณจากช่องนี้",
                               "every gap and pass flag follows this cell"),
             c->b->f.hint);
    lxw_row_t n_row = r;
    put_text(c, ws, r, 0, tr(c, "จำนวนสำนักงานเขต", "Offices"), c->b->f.label);
    put_num(c, ws, r++, 1, (double)ys->n, fmt(c, XLSX_INT));
    const struct {
        const char *th, *en;
        double value;
    } numbers[] = {
        {"ค่าเฉลี่ย ITA ของเมือง", "City mean ITA", ita->mean},
        {"มัธยฐาน ITA", "Median ITA", ita->median},
        {"ITA ต่ำสุด", "Lowest ITA", ita->min},
        {"ITA สูงสุด", "Highest ITA", ita->max},
    };
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        put_text(c, ws, r, 0, tr(c, numbers[i].th, numbers[i].en), c->b->f.label);
        put_num(c, ws, r++, 1, numbers[i].value, fmt(c, XLSX_SCORE));
    }
    char n_cell[LXW_MAX_CELL_NAME_LENGTH], pass_cell[LXW_MAX_CELL_NAME_LENGTH];
    cell(n_cell, n_row, 1);
    put_text(c, ws, r, 0, tr(c, "ผ่านเป้าหมาย (เขต)", "Offices at or above target"),
             c->b->f.label);
    put_formula(c, ws, r, 1, xasprintf("=SUM(%s)", pass_range), (double)n_pass,
                fmt(c, XLSX_INT));
    cell(pass_cell, r, 1);
    put_formula(c, ws, r++, 2, xasprintf("=IF(%s>0,%s/%s,0)", n_cell, pass_cell, n_cell),
                ys->n ? (double)n_pass / (double)ys->n : 0, fmt(c, XLSX_PERCENT));
    put_text(c, ws, r, 0, tr(c, "ต่ำกว่าเป้าหมาย (เขต)", "Offices below target"),
             c->b->f.label);
    put_formula(c, ws, r++, 1, xasprintf("=%s-%s", n_cell, pass_cell),
                (double)(ys->n - n_pass), fmt(c, XLSX_INT));
    free(pass_range);

    /* grades */
    r++;
    static const char *const grade_head[][2] = {
        {"ระดับ", "Grade"}, {"จำนวนเขต", "Offices"}, {"สัดส่วน", "Share"}};
    header_row(c, ws, r++, grade_head, 3);
    size_t *counts = xcalloc(m->n_grades ? m->n_grades : 1, sizeof *counts);
    stats_grade_counts(c->cs, STATS_ITA, counts);
    size_t mode = 0;
    lxw_row_t grade_first = r;
    for (size_t g = 0; g < m->n_grades; g++, r++) {
        char *label = xasprintf("%s %s", m->grades[g].id,
                                english(c) ? m->grades[g].label_en : m->grades[g].label_th);
        put_text(c, ws, r, 0, label, fmt(c, XLSX_TEXT));
        free(label);
        put_num(c, ws, r, 1, (double)counts[g], fmt(c, XLSX_INT));
        put_num(c, ws, r, 2, ys->n ? (double)counts[g] / (double)ys->n : NAN,
                fmt(c, XLSX_PERCENT));
        if (counts[g] > counts[mode])
            mode = g;
    }
    /* grade labels start with the id: colour by the id's text */
    for (size_t g = 0; g < m->n_grades; g++) {
        char *prefix = xasprintf("%s ", m->grades[g].id);
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_TEXT,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH,
                                     .value_string = prefix,
                                     .format = c->b->f.grade[g < c->b->f.n_grades ? g : c->b->f.n_grades - 1],
                                     .stop_if_true = 1};
        note_err(c, worksheet_conditional_format_range(ws, grade_first, 0, r - 1, 0, &cf));
        free(prefix);
    }

    /* best and weakest offices */
    static const char *const office_head[][2] = {
        {"สำนักงานเขต", "Office"}, {"กลุ่มเขต", "Zone"}, {"ITA", "ITA"},
        {"ระดับ", "Grade"}, {"อันดับ", "Rank"}};
    for (size_t part = 0; part < 2; part++) {
        r++;
        subtitle(c, ws, r++, 0,
                 part ? tr(c, "5 เขตที่คะแนนต่ำสุด", "The five weakest offices")
                      : tr(c, "5 เขตที่คะแนนสูงสุด", "The five best offices"));
        header_row(c, ws, r++, office_head, 5);
        size_t shown = ys->n < SUMMARY_TOP ? ys->n : SUMMARY_TOP;
        for (size_t i = 0; i < shown; i++, r++) {
            const office_score *s = ranked(c, part ? ys->n - 1 - i : i);
            put_text(c, ws, r, 0, office_name(c, s->office), fmt(c, XLSX_TEXT));
            put_text(c, ws, r, 1, zone_name(c, rep->r->offices[s->office].zone),
                     fmt(c, XLSX_TEXT));
            put_num(c, ws, r, 2, s->ita_r2, fmt(c, XLSX_SCORE));
            put_text(c, ws, r, 3, m->grades[s->grade].id, c->b->f.center);
            put_num(c, ws, r, 4, s->rank, fmt(c, XLSX_INT));
        }
    }

    /* the weakest indicators */
    size_t n_ind = m->n_indicators;
    size_t *weak = xmalloc((n_ind ? n_ind : 1) * sizeof *weak);
    for (size_t i = 0; i < n_ind; i++)
        weak[i] = 1 + (size_t)m->indicators[i];
    stats_sort_weakest(c->cs, weak, n_ind, STATS_BY_MEAN);
    r++;
    subtitle(c, ws, r++, 0, tr(c, "3 ตัวชี้วัดที่ค่าเฉลี่ยของเมืองต่ำสุด",
                               "The three weakest indicators city-wide"));
    static const char *const weak_head[][2] = {
        {"ตัวชี้วัด", "Indicator"}, {"ค่าเฉลี่ยของเมือง", "City mean"},
        {"เขตที่ต่ำกว่าเป้าหมาย", "Offices below target"}};
    header_row(c, ws, r++, weak_head, 3);
    for (size_t i = 0; i < n_ind && i < SUMMARY_WEAK_INDICATORS; i++, r++) {
        put_text(c, ws, r, 0, measure_title(c, weak[i]), fmt(c, XLSX_TEXT));
        put_num(c, ws, r, 1, c->cs->city[weak[i]].mean, fmt(c, XLSX_SCORE));
        put_num(c, ws, r, 2, (double)c->cs->city[weak[i]].below_target, fmt(c, XLSX_INT));
    }

    /* every indicator's city mean against the target: the radar's data */
    r++;
    subtitle(c, ws, r++, 0, tr(c, "ค่าเฉลี่ยของเมืองรายตัวชี้วัด", "City mean by indicator"));
    static const char *const radar_head[][2] = {
        {"ตัวชี้วัด", "Indicator"}, {"ค่าเฉลี่ยของเมือง", "City mean"},
        {"เป้าหมาย", "Target"}};
    header_row(c, ws, r++, radar_head, 3);
    lxw_row_t radar_first = r;
    for (size_t i = 0; i < n_ind; i++, r++) {
        size_t k = 1 + (size_t)m->indicators[i];
        put_text(c, ws, r, 0, measure_title(c, k), fmt(c, XLSX_TEXT));
        put_num(c, ws, r, 1, c->cs->city[k].mean, fmt(c, XLSX_SCORE));
        put_formula(c, ws, r, 2, xstrdup("=Target"), ys->target, fmt(c, XLSX_SCORE));
    }

    /* the facts in sentences */
    r++;
    subtitle(c, ws, r++, 0, tr(c, "สรุปเป็นข้อความ", "In words"));
    char *sentences[6] = {0};
    size_t n_sentences = 0;
    if (ys->n > 0) {
        const office_score *best = ranked(c, 0), *worst = ranked(c, ys->n - 1);
        sentences[n_sentences++] = xasprintf(
            tr(c, "ปีงบประมาณ %d มีสำนักงานเขตที่ได้รับการประเมิน %zu แห่ง ค่าเฉลี่ย ITA ของเมือง "
                  "%.2f คะแนน มัธยฐาน %.2f คะแนน",
               "In fiscal year %d, %zu offices were assessed: the city mean ITA "
               "is %.2f and the median %.2f."),
            ys->year, ys->n, ita->mean, ita->median);
        sentences[n_sentences++] = xasprintf(
            tr(c, "%zu จาก %zu แห่ง (%.0f%%) ได้ ITA ตั้งแต่เป้าหมาย %.2f คะแนนขึ้นไป อีก %zu แห่ง"
                  "ต่ำกว่าเป้าหมาย",
               "%zu of %zu offices (%.0f%%) reach the target of %.2f; %zu are "
               "below it."),
            n_pass, ys->n, 100.0 * (double)n_pass / (double)ys->n, ys->target,
            ys->n - n_pass);
        sentences[n_sentences++] = xasprintf(
            tr(c, "คะแนนสูงสุดคือเขต%s (%.2f) ต่ำสุดคือเขต%s (%.2f) ห่างกัน %.2f คะแนน",
               "Highest: %s (%.2f); lowest: %s (%.2f); %.2f points apart."),
            office_name(c, best->office), best->ita_r2, office_name(c, worst->office),
            worst->ita_r2, best->ita_r2 - worst->ita_r2);
        if (m->n_grades)
            sentences[n_sentences++] = xasprintf(
                tr(c, "ระดับที่มีสำนักงานเขตมากที่สุดคือ %s (%zu จาก %zu แห่ง)",
                   "The most common grade is %s (%zu of %zu offices)."),
                m->grades[mode].id, counts[mode], ys->n);
        if (n_ind)
            sentences[n_sentences++] = xasprintf(
                tr(c, "ตัวชี้วัดที่ค่าเฉลี่ยของเมืองต่ำที่สุดคือ %s (%.2f คะแนน มี %zu เขตต่ำกว่าเป้าหมาย)",
                   "The indicator with the lowest city mean is %s (%.2f; %zu "
                   "offices below the target)."),
                measure_title(c, weak[0]), c->cs->city[weak[0]].mean,
                c->cs->city[weak[0]].below_target);
        if (rep->previous) {
            stats_paired t;
            stats_paired_change(rep->previous, rep->current, STATS_ITA, &t);
            if (isfinite(t.p))
                sentences[n_sentences++] = xasprintf(
                    tr(c, "เทียบกับปี %d สำนักงานเขต %zu แห่งที่มีผลทั้งสองปี ITA เปลี่ยนไปเฉลี่ย "
                          "%+.2f คะแนน (การทดสอบ t แบบจับคู่ p = %.4f ดูชีตแนวโน้ม)",
                       "Compared with %d, the ITA of the %zu offices assessed in "
                       "both years changed by %+.2f points on average (paired "
                       "t-test p = %.4f; see the Trend sheet)."),
                    rep->previous->year, t.n, t.mean_change, t.p);
        }
    }
    for (size_t i = 0; i < n_sentences; i++, r++) {
        note(c, ws, r, (lxw_col_t)(N_SUMMARY_COLUMNS - 1), 90, sentences[i],
             fmt(c, XLSX_WRAP));
        free(sentences[i]);
    }
    free(counts);
    free(weak);

    r++;
    worksheet_activate(ws);
    xlsx_print_setup(c->b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT);
    worksheet_set_print_scale(ws, 100);
    summary_charts(c, ws, r, radar_first, n_ind);
}

/* ------------------------------------------------------------------ */
/* the workbook                                                         */

static const struct {
    const char *th, *en;
    void (*write)(city *c, lxw_worksheet *ws);
} sheets[N_SHEETS] = {
    [SH_SUMMARY] = {"สรุป", "Summary", write_summary},
    [SH_RANKING] = {"อันดับ", "Ranking", write_ranking},
    [SH_INDICATORS] = {"ตัวชี้วัด", "Indicators", write_indicators},
    [SH_DISTRIBUTION] = {"การกระจาย", "Distribution", write_distribution},
    [SH_GAPS] = {"ส่วนที่ขาด", "Gaps", write_gaps},
    [SH_QUESTIONS] = {"ข้อคำถาม", "Questions", write_questions},
    [SH_OIT] = {"OIT", "OIT", write_oit},
    [SH_ZONES] = {"กลุ่มเขต", "Zones", write_zones},
    [SH_TREND] = {"แนวโน้ม", "Trend", write_trend},
    [SH_QUALITY] = {"คุณภาพข้อมูล", "Data quality", write_quality},
    [SH_METHOD] = {"วิธีการ", "Method", write_method},
};

/* Sheets are created in the order above, but filled so that what a sheet
 * refers to (columns of Ranking and Indicators, rows of the histogram) is
 * placed first. */
static const enum sheet_id fill_order[N_SHEETS] = {
    SH_RANKING, SH_INDICATORS, SH_DISTRIBUTION, SH_GAPS, SH_QUESTIONS, SH_OIT,
    SH_ZONES, SH_TREND, SH_QUALITY, SH_METHOD, SH_SUMMARY,
};

static void city_free(city *c)
{
    for (size_t i = 0; i < N_SHEETS; i++)
        free(c->ref[i]);
    for (size_t i = 0; i < c->n_pool; i++)
        free(c->pool[i]);
    free(c->pool);
    free(c->main);
}

bool city_book_write(const report *rep, const char *path,
                     city_book_extra_fn extra, void *extra_ctx)
{
    xlsx_book b;
    char *doc_title = xasprintf(xlsx_tr(rep, "ITA ปีงบประมาณ %d: เปรียบเทียบสำนักงานเขต",
                                        "ITA fiscal year %d: district offices compared"),
                                rep->current->year);
    bool opened = xlsx_book_open(&b, path, rep, doc_title,
                                 rep->synthetic ? "Synthetic sample data" : "");
    free(doc_title);
    if (!opened)
        return false;
    city c = {.b = &b, .rep = rep, .m = rep->m, .ys = rep->current,
              .cs = rep->stats};
    const model *m = rep->m;
    c.main = xmalloc((1 + m->n_tools + m->n_indicators) * sizeof *c.main);
    c.main[c.n_main++] = STATS_ITA;
    for (size_t t = 0; t < m->n_tools; t++)
        c.main[c.n_main++] = 1 + (size_t)m->tools[t];
    for (size_t i = 0; i < m->n_indicators; i++)
        c.main[c.n_main++] = 1 + (size_t)m->indicators[i];

    for (size_t i = 0; i < N_SHEETS; i++) {
        c.ws[i] = xlsx_add_sheet(&b, sheets[i].th, sheets[i].en);
        if (!c.ws[i]) {
            city_free(&c);
            xlsx_book_abort(&b);
            errno = EINVAL;
            return false;
        }
        c.ref[i] = xlsx_sheet_ref(c.ws[i]);
    }
    /* the Ranking columns other sheets refer to */
    layout rl = {0};
    ranking_layout(&c, &rl);
    c.rk_ita = lay_find(&rl, RK_ITA);
    c.rk_pass = lay_find(&rl, RK_PASS);
    c.rk_zone = lay_find(&rl, RK_ZONE);
    c.rk_name = lay_find(&rl, english(&c) ? RK_NAME_EN : RK_NAME_TH);
    lay_free(&rl);

    for (size_t i = 0; i < N_SHEETS; i++)
        sheets[fill_order[i]].write(&c, c.ws[fill_order[i]]);

    bool extra_ok = !extra || extra(&b, extra_ctx);
    lxw_error err = c.err;
    city_free(&c);
    if (err != LXW_NO_ERROR || !extra_ok) {
        if (err != LXW_NO_ERROR)
            fprintf(stderr, "itabench: %s: libxlsxwriter: %s\n", path,
                    lxw_strerror(err));
        xlsx_book_abort(&b);
        errno = EIO;
        return false;
    }
    return xlsx_book_close(&b);
}
