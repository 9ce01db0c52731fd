/* The Ranking sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>

/* What the Ranking sheet's cells read: the city, and the table's columns
 * (the change is a formula on the previous year's column). */
typedef struct {
    city *c;
    const xlsx_columns *t;
} ranking;

static const void *ranking_row(const void *sheet, size_t i)
{
    return city_ranked(((const ranking *)sheet)->c, i);
}

static city *cell_city(const xlsx_cell *cell)
{
    return ((const ranking *)cell->sheet)->c;
}

static const office_score *cell_office(const xlsx_cell *cell)
{
    return cell->item;
}

static void ita_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_office(cell)->ita_r2);
}

/* "F5": the cell of the row's ITA, for the formulas on it. */
static const char *ita_name(const xlsx_cell *cell,
                            char name[static LXW_MAX_CELL_NAME_LENGTH])
{
    return city_cell(name, cell->row, cell_city(cell)->rk_ita);
}

/* The name of where an interval comes from, in the report's language. */
const char *city_basis_name(const city *c, uncertainty_basis basis)
{
    static const char *const names[][2] = {
        [UNCERTAINTY_UNKNOWN] = {"ไม่ทราบ", "unknown"},
        [UNCERTAINTY_BOUND] = {"โดยประมาณจากจำนวนผู้ตอบ",
                       "approximate, from respondents"},
        [UNCERTAINTY_COUNTS] = {"จากจำนวนคำตอบ", "answer counts"},
        [UNCERTAINTY_SD] = {"จากส่วนเบี่ยงเบนมาตรฐานของเครื่องมือ", "the tool's sd"},
        [UNCERTAINTY_RESPONDENTS] = {"จากคำตอบรายผู้ตอบ", "respondent-level answers"},
        [UNCERTAINTY_EXACT] = {"ไม่มีความคลาดเคลื่อน", "no sampling error"},
    };
    return city_tr(c, names[basis][0], names[basis][1]);
}

/* The chance that the ITA in cell ita (2 decimals) with its SE in cell se
 * reaches Target, as uncertainty_p_pass: Phi((ITA - (T2 - 0.005)) / SE)
 * with T2 = ROUNDUP(Target, 2), 1 or 0 with SE 0.  A formula, so that it
 * follows an edited Target; NORM.DIST is _xlfn-prefixed as Excel stores
 * it, and LibreOffice reads it so. */
static char *p_pass_formula(const char *ita, const char *se)
{
    return xasprintf("=IF(%2$s>0,_xlfn.NORM.DIST(%1$s,ROUNDUP(Target,2)-0.005,"
                     "%2$s,TRUE),IF(%1$s>=ROUNDUP(Target,2),1,0))",
                     ita, se);
}

/* How sure the office's ITA and rank are (uncertainty.h) into *ita and
 * *o; false, with the cell left blank, when the run has no uncertainty. */
static bool uncertainty_at_cell(const xlsx_cell *cell, uncertainty_interval *ita,
                    const uncertainty_office **o)
{
    const city *c = cell_city(cell);
    const year_uncertainty *yu = c->rep->uncertainty;
    if (!yu) {
        xlsx_cell_number(cell, NAN);
        return false;
    }
    size_t pos = (size_t)(cell_office(cell) - c->ys->offices);
    *ita = uncertainty_of(yu, pos, MEASURE_ITA);
    *o = &yu->offices[pos];
    return true;
}

static void ita_low_cell(const xlsx_cell *cell)
{
    uncertainty_interval ita;
    const uncertainty_office *o;
    if (uncertainty_at_cell(cell, &ita, &o))
        xlsx_write_score(cell->b, cell->ws, cell->row, cell->col, ita.low);
}

static void ita_high_cell(const xlsx_cell *cell)
{
    uncertainty_interval ita;
    const uncertainty_office *o;
    if (uncertainty_at_cell(cell, &ita, &o))
        xlsx_write_score(cell->b, cell->ws, cell->row, cell->col, ita.high);
}

static void rank_low_cell(const xlsx_cell *cell)
{
    uncertainty_interval ita;
    const uncertainty_office *o;
    if (uncertainty_at_cell(cell, &ita, &o))
        xlsx_cell_number(cell, o->rank_low ? o->rank_low : NAN);
}

static void rank_high_cell(const xlsx_cell *cell)
{
    uncertainty_interval ita;
    const uncertainty_office *o;
    if (uncertainty_at_cell(cell, &ita, &o))
        xlsx_cell_number(cell, o->rank_high ? o->rank_high : NAN);
}

static void se_cell(const xlsx_cell *cell)
{
    uncertainty_interval ita;
    const uncertainty_office *o;
    if (uncertainty_at_cell(cell, &ita, &o))
        xlsx_cell_number(cell, ita.se);
}

static void p_pass_cell(const xlsx_cell *cell)
{
    uncertainty_interval ita;
    const uncertainty_office *o;
    if (!uncertainty_at_cell(cell, &ita, &o))
        return;
    if (isnan(o->p_pass)) {
        xlsx_cell_number(cell, NAN);
        return;
    }
    char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      p_pass_formula(ita_name(cell, a),
                                     city_cell(b, cell->row,
                                               cell_city(cell)->rk_se)),
                      o->p_pass, cell->fmt);
}

static void basis_cell(const xlsx_cell *cell)
{
    uncertainty_interval ita;
    const uncertainty_office *o;
    if (uncertainty_at_cell(cell, &ita, &o))
        xlsx_cell_text(cell, city_basis_name(cell_city(cell), ita.basis));
}

static void grade_cell(const xlsx_cell *cell)
{
    const city *c = cell_city(cell);
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col,
                    c->m->grades[cell_office(cell)->grade].id, c->b->f.center);
}

static void pass_cell(const xlsx_cell *cell)
{
    char ita[LXW_MAX_CELL_NAME_LENGTH];
    xlsx_write_pass(cell->b, cell->ws, cell->row, cell->col,
                    ita_name(cell, ita), cell_office(cell)->pass, cell->fmt);
}

static void gap_cell(const xlsx_cell *cell)
{
    char ita[LXW_MAX_CELL_NAME_LENGTH];
    xlsx_write_gap(cell->b, cell->ws, cell->row, cell->col,
                   ita_name(cell, ita), cell_office(cell)->gap, cell->fmt);
}

static void zone_rank_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_office(cell)->zone_rank);
}

/* The office's score on the column's tool (arg). */
static void tool_cell(const xlsx_cell *cell)
{
    xlsx_write_score(cell->b, cell->ws, cell->row, cell->col,
                     scores_value(cell_office(cell), cell->column->arg));
}

/* The office's score of the previous year in the input, or NULL. */
static const office_score *cell_before(const xlsx_cell *cell)
{
    const year_scores *prev = cell_city(cell)->rep->previous;
    return prev ? scores_find(prev, cell_office(cell)->office) : NULL;
}

static void previous_cell(const xlsx_cell *cell)
{
    const office_score *before = cell_before(cell);
    xlsx_cell_number(cell, before ? before->ita_r2 : NAN);
}

static void change_cell(const xlsx_cell *cell)
{
    const office_score *before = cell_before(cell);
    if (!before) {
        xlsx_cell_number(cell, NAN);
        return;
    }
    char ita[LXW_MAX_CELL_NAME_LENGTH], prev[LXW_MAX_CELL_NAME_LENGTH];
    lxw_col_t prev_col =
        city_column_of(((const ranking *)cell->sheet)->t, previous_cell);
    xlsx_take_formula(cell->b, cell->ws, cell->row, cell->col,
                      xasprintf("=%s-%s", ita_name(cell, ita),
                                city_cell(prev, cell->row, prev_col)),
                      cell_office(cell)->ita_r2 - before->ita_r2, cell->fmt);
}

static void scored_from_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, scores_basis_name(cell_office(cell)->basis,
                                           cell_city(cell)->rep->lang));
}

/* The columns right of the office's rank, code, name and zone; the tool
 * entry stands for one column per tool (ranking_columns). */
static const xlsx_table_column ranking_table[] = {
    {{"ITA", "ITA", 8, XLSX_SCORE}, ita_cell, 0},
    /* how sure the ITA and the rank are (uncertainty.h) */
    {{"ช่วง 95% ต่ำสุด", "95% interval, low", 9, XLSX_SCORE}, ita_low_cell, 0},
    {{"ช่วง 95% สูงสุด", "95% interval, high", 9, XLSX_SCORE}, ita_high_cell, 0},
    {{"อันดับอาจดีได้ถึง", "Rank at best", 9, XLSX_INT}, rank_low_cell, 0},
    {{"อันดับอาจต่ำได้ถึง", "Rank at worst", 9, XLSX_INT}, rank_high_cell, 0},
    {{"ความคลาดเคลื่อนมาตรฐาน (SE)", "SE", 8, XLSX_SCORE}, se_cell, 0},
    {{"โอกาสถึงเป้าหมาย", "Chance of reaching the target", 10, XLSX_CHANCE},
     p_pass_cell, 0},
    {{"ที่มาของช่วง", "Interval from", 22, XLSX_TEXT}, basis_cell, 0},
    {{"ระดับ", "Grade", 7, XLSX_TEXT}, grade_cell, 0},
    {{"ผ่านเป้าหมาย", "Pass", 9, XLSX_FLAG}, pass_cell, 0},
    {{"ขาดจากเป้าหมาย", "Gap to target", 10, XLSX_SCORE}, gap_cell, 0},
    {{"อันดับในกลุ่มเขต", "Rank in zone", 9, XLSX_INT}, zone_rank_cell, 0},
    {{NULL, NULL, 8, XLSX_SCORE}, tool_cell, 0},
    /* headed by the previous year (ranking_year_headers) */
    {{"ITA ปีก่อน", "ITA previous year", 9, XLSX_SCORE}, previous_cell, 0},
    {{"เปลี่ยนแปลง", "Change", 9, XLSX_SCORE}, change_cell, 0},
    /* item scores, or published figures (issue 20) */
    {{"ที่มาของคะแนน", "Scores from", 12, XLSX_TEXT}, scored_from_cell, 0},
};
#define N_RANKING_TABLE (sizeof ranking_table / sizeof *ranking_table)

/* The previous and change columns headed by the previous year of the
 * input, when it has one. */
static void ranking_year_headers(city *c, xlsx_columns *t)
{
    const year_scores *prev = c->rep->previous;
    if (!prev)
        return;
    xlsx_column *before = &t->cols[city_column_of(t, previous_cell)].col,
                *change = &t->cols[city_column_of(t, change_cell)].col;
    before->th = city_pool(c, xasprintf("ITA ปี %d", prev->year));
    before->en = city_pool(c, xasprintf("ITA %d", prev->year));
    change->th = city_pool(c, xasprintf("เปลี่ยนแปลงจากปี %d", prev->year));
    change->en = city_pool(c, xasprintf("Change since %d", prev->year));
}

/* The columns of names (where the interval and the scores come from) as
 * wide as their longest name. */
static void ranking_fit_names(city *c, xlsx_columns *t)
{
    const char *scored[SCORE_BASIS_COUNT], *basis_names[UNCERTAINTY_N_BASES];
    for (int b = 0; b < SCORE_BASIS_COUNT; b++)
        scored[b] = scores_basis_name((score_basis)b, c->rep->lang);
    for (int b = 0; b < UNCERTAINTY_N_BASES; b++)
        basis_names[b] = city_basis_name(c, (uncertainty_basis)b);
    xlsx_column *from = &t->cols[city_column_of(t, scored_from_cell)].col,
                *basis = &t->cols[city_column_of(t, basis_cell)].col;
    from->width = city_fit_width(c, from->width, 30, scored, SCORE_BASIS_COUNT);
    basis->width = city_fit_width(c, basis->width, 40, basis_names, UNCERTAINTY_N_BASES);
}

/* Rank, code, office and zone, then ranking_table with one column per
 * tool (arg: its measure). */
static void ranking_columns(city *c, xlsx_columns *t)
{
    xlsx_table_column rank = city_rank_column(c), code = city_code_column(c),
                      name = city_name_column(c), zone = city_zone_column(c);
    rank.col.width = 7;   /* Ranking's own, wider than the other sheets' */
    xlsx_columns_add_all(t, (xlsx_table_column[]){rank, code, name, zone}, 4);
    for (size_t i = 0; i < N_RANKING_TABLE; i++) {
        if (ranking_table[i].cell != tool_cell) {
            xlsx_columns_add(t, ranking_table[i]);
            continue;
        }
        for (size_t k = 0; k < c->m->n_tools; k++) {
            xlsx_table_column tool = ranking_table[i];
            tool.col.th = tool.col.en = c->m->nodes[c->m->tools[k]].id;
            tool.arg = 1 + (size_t)c->m->tools[k];
            xlsx_columns_add(t, tool);
        }
    }
    ranking_year_headers(c, t);
    ranking_fit_names(c, t);
}

void city_sheet_ranking_locate(city *c)
{
    xlsx_columns t = {0};
    ranking_columns(c, &t);
    c->rk_ita = city_column_of(&t, ita_cell);
    c->rk_pass = city_column_of(&t, pass_cell);
    c->rk_zone = city_column_of(&t, city_cell_zone);
    c->rk_name = city_column_of(&t, city_cell_name);
    c->rk_low = city_column_of(&t, ita_low_cell);
    c->rk_high = city_column_of(&t, ita_high_cell);
    c->rk_p_pass = city_column_of(&t, p_pass_cell);
    c->rk_se = city_column_of(&t, se_cell);
    c->rk_width = t.n;
    xlsx_columns_free(&t);
}

/* The notes under the title: formulas on Target, and where the intervals
 * come from. */
static void write_notes(city *c, lxw_worksheet *ws, const xlsx_column *cols,
                        size_t n)
{
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(n - 1), xlsx_columns_width(cols, n),
              city_tr(c, "ผ่านเป้าหมาย ส่วนที่ขาด และโอกาสถึงเป้าหมาย เป็นสูตรที่อ้างอิงช่อง Target "
                         "(ชีตสรุป): แก้เป้าหมายที่ช่องนั้นแล้วทั้งชีตจะคำนวณใหม่",
                      "Pass, gap and the chance of reaching the target are formulas "
                      "on the Target cell (Summary sheet): change the target there "
                      "and the sheet follows."),
              c->b->f.note);
    xlsx_wide_line(c->b, ws, 2, (lxw_col_t)(n - 1), xlsx_columns_width(cols, n),
              city_tr(c, "ช่วง 95% ช่วงอันดับ และโอกาสถึงเป้าหมาย มาจากความคลาดเคลื่อนจากการสุ่ม"
                         "ตัวอย่างของแบบสำรวจ (ดูชีตวิธีการ) ช่วงที่ระบุว่าโดยประมาณคำนวณจากจำนวน"
                         "ผู้ตอบเท่านั้น แผนภูมิในชีตช่วง ITA แสดง ITA ของทุกเขตพร้อมช่วง 95%",
                      "The 95% interval, the rank interval and the chance of reaching "
                      "the target come from the surveys' sampling error (see Method); "
                      "intervals marked approximate come from respondent counts alone. "
                      "The ITA intervals sheet charts every office's ITA with its "
                      "interval."),
              c->b->f.note);
}

void city_sheet_ranking_write(city *c, lxw_worksheet *ws)
{
    xlsx_columns t = {0};
    ranking_columns(c, &t);
    xlsx_column *layout = xlsx_columns_layout(&t);
    city_title(c, ws, "อันดับ ITA ของสำนักงานเขต ปีงบประมาณ",
               "ITA ranking of the district offices, fiscal year");
    write_notes(c, ws, layout, t.n);
    free(layout);
    const year_scores *ys = c->ys;
    ranking sheet = {c, &t};
    xlsx_write_rows(c->b, ws, CITY_FIRST, t.cols, t.n, ys->n, &sheet,
                    ranking_row);
    lxw_row_t last = city_last_row(ys->n);
    lxw_col_t grade_col = city_column_of(&t, grade_cell);
    city_note_err(c, xlsx_grade_colours(c->b, ws, CITY_FIRST, grade_col, last,
                                        grade_col, false));
    city_note_err(c, xlsx_grade_colours(c->b, ws, CITY_FIRST, c->rk_ita, last,
                                        c->rk_ita, true));
    city_note_err(c, xlsx_pass_colours(c->b, ws, CITY_FIRST, c->rk_pass, last,
                                       c->rk_pass));
    city_finish_columns(c, ws, &t, ys->n, "Ranking",
                        (lxw_col_t)(c->rk_name + 1));
    xlsx_columns_free(&t);
}
