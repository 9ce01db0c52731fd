/* The Ranking sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "text.h"

#include <math.h>

enum ranking_field {
    RK_RANK, RK_CODE, RK_NAME, RK_ZONE, RK_ITA, RK_ITA_LOW,
    RK_ITA_HIGH, RK_RANK_LOW, RK_RANK_HIGH, RK_ITA_SE, RK_P_PASS, RK_BASIS,
    RK_GRADE, RK_PASS, RK_GAP, RK_ZONE_RANK, RK_TOOLS, RK_PREVIOUS, RK_CHANGE,
    RK_SCORED_FROM
};

static const struct {
    xlsx_column col;
    enum ranking_field field;
} ranking_columns[] = {
    {{"อันดับ", "Rank", 7, XLSX_INT}, RK_RANK},
    {{"รหัส", "Code", 7, XLSX_TEXT}, RK_CODE},
    /* one name, in the workbook's language */
    {{"สำนักงานเขต", "Office", 20, XLSX_TEXT}, RK_NAME},
    {{"กลุ่มเขต", "Zone", 17, XLSX_TEXT}, RK_ZONE},
    {{"ITA", "ITA", 8, XLSX_SCORE}, RK_ITA},
    /* how sure the ITA and the rank are (uncertainty.h) */
    {{"ช่วง 95% ต่ำสุด", "95% interval, low", 9, XLSX_SCORE}, RK_ITA_LOW},
    {{"ช่วง 95% สูงสุด", "95% interval, high", 9, XLSX_SCORE}, RK_ITA_HIGH},
    {{"อันดับอาจดีได้ถึง", "Rank at best", 9, XLSX_INT}, RK_RANK_LOW},
    {{"อันดับอาจต่ำได้ถึง", "Rank at worst", 9, XLSX_INT}, RK_RANK_HIGH},
    {{"ความคลาดเคลื่อนมาตรฐาน (SE)", "SE", 8, XLSX_SCORE}, RK_ITA_SE},
    {{"โอกาสถึงเป้าหมาย", "Chance of reaching the target", 10, XLSX_CHANCE},
     RK_P_PASS},
    {{"ที่มาของช่วง", "Interval from", 22, XLSX_TEXT}, RK_BASIS},
    {{"ระดับ", "Grade", 7, XLSX_TEXT}, RK_GRADE},
    {{"ผ่านเป้าหมาย", "Pass", 9, XLSX_FLAG}, RK_PASS},
    {{"ขาดจากเป้าหมาย", "Gap to target", 10, XLSX_SCORE}, RK_GAP},
    {{"อันดับในกลุ่มเขต", "Rank in zone", 9, XLSX_INT}, RK_ZONE_RANK},
    {{NULL, NULL, 8, XLSX_SCORE}, RK_TOOLS},
    {{NULL, NULL, 9, XLSX_SCORE}, RK_PREVIOUS},
    {{NULL, NULL, 9, XLSX_SCORE}, RK_CHANGE},
    /* item scores, or published figures (issue 20) */
    {{"ที่มาของคะแนน", "Scores from", 12, XLSX_TEXT}, RK_SCORED_FROM},
};

static void ranking_layout(city *c, city_layout *l)
{
    const year_scores *prev = c->rep->previous;
    for (size_t i = 0; i < sizeof ranking_columns / sizeof *ranking_columns;
         i++) {
        xlsx_column col = ranking_columns[i].col;
        int field = (int)ranking_columns[i].field;
        if (field == RK_TOOLS) {
            for (size_t t = 0; t < c->m->n_tools; t++) {
                const char *id = c->m->nodes[c->m->tools[t]].id;
                city_lay_add(l, id, id, col.width, col.kind, field,
                             1 + (size_t)c->m->tools[t]);
            }
            continue;
        }
        /* the office columns as wide as their longest text */
        if (field == RK_CODE)
            col.width = c->w_code;
        else if (field == RK_NAME)
            col.width = c->w_name;
        else if (field == RK_ZONE)
            col.width = c->w_zone;
        else if (field == RK_SCORED_FROM) {
            const char *names[SCORE_BASIS_COUNT];
            for (int b = 0; b < SCORE_BASIS_COUNT; b++)
                names[b] = scores_basis_name((score_basis)b, c->rep->lang);
            col.width = city_fit_width(c, col.width, 30, names,
                                       SCORE_BASIS_COUNT);
        } else if (field == RK_BASIS) {
            const char *names[UNC_N_BASES];
            for (int b = 0; b < UNC_N_BASES; b++)
                names[b] = city_basis_name(c, (unc_basis)b);
            col.width = city_fit_width(c, col.width, 40, names, UNC_N_BASES);
        }
        if (field == RK_PREVIOUS) {
            col.th = prev ? city_keep(c, xasprintf("ITA ปี %d", prev->year))
                          : "ITA ปีก่อน";
            col.en = prev ? city_keep(c, xasprintf("ITA %d", prev->year))
                          : "ITA previous year";
        } else if (field == RK_CHANGE) {
            col.th = prev ? city_keep(c, xasprintf("เปลี่ยนแปลงจากปี %d", prev->year))
                          : "เปลี่ยนแปลง";
            col.en = prev ? city_keep(c, xasprintf("Change since %d", prev->year))
                          : "Change";
        }
        city_lay_add(l, col.th, col.en, col.width, col.kind, field, MEASURE_ITA);
    }
}

void city_sheet_ranking_locate(city *c)
{
    city_layout l = {0};
    ranking_layout(c, &l);
    c->rk_ita = city_lay_find(&l, RK_ITA);
    c->rk_pass = city_lay_find(&l, RK_PASS);
    c->rk_zone = city_lay_find(&l, RK_ZONE);
    c->rk_name = city_lay_find(&l, RK_NAME);
    c->rk_low = city_lay_find(&l, RK_ITA_LOW);
    c->rk_high = city_lay_find(&l, RK_ITA_HIGH);
    c->rk_p_pass = city_lay_find(&l, RK_P_PASS);
    c->rk_se = city_lay_find(&l, RK_ITA_SE);
    c->rk_width = l.n;
    city_lay_free(&l);
}

/* The name of where an interval comes from, in the report's language. */
const char *city_basis_name(const city *c, unc_basis basis)
{
    static const char *const names[][2] = {
        [UNC_UNKNOWN] = {"ไม่ทราบ", "unknown"},
        [UNC_BOUND] = {"โดยประมาณจากจำนวนผู้ตอบ",
                       "approximate, from respondents"},
        [UNC_COUNTS] = {"จากจำนวนคำตอบ", "answer counts"},
        [UNC_SD] = {"จากส่วนเบี่ยงเบนมาตรฐานของเครื่องมือ", "the tool's sd"},
        [UNC_RESPONDENTS] = {"จากคำตอบรายผู้ตอบ", "respondent-level answers"},
        [UNC_EXACT] = {"ไม่มีความคลาดเคลื่อน", "no sampling error"},
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

/* A cell of how sure an office's ITA and rank are; blank when unknown. */
static void write_sure(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                       int field, const office_score *s, lxw_format *f)
{
    const year_uncertainty *yu = c->rep->uncertainty;
    if (!yu) {
        xlsx_write_number(c->b, ws, r, col, NAN, f);
        return;
    }
    size_t pos = (size_t)(s - c->ys->offices);
    unc_interval ita = uncertainty_of(yu, pos, MEASURE_ITA);
    const unc_office *o = &yu->offices[pos];
    switch ((enum ranking_field)field) {
    case RK_ITA_LOW: xlsx_write_score(c->b, ws, r, col, ita.low); break;
    case RK_ITA_HIGH: xlsx_write_score(c->b, ws, r, col, ita.high); break;
    case RK_RANK_LOW:
        xlsx_write_number(c->b, ws, r, col, o->rank_low ? o->rank_low : NAN, f);
        break;
    case RK_RANK_HIGH:
        xlsx_write_number(c->b, ws, r, col, o->rank_high ? o->rank_high : NAN, f);
        break;
    case RK_ITA_SE: xlsx_write_number(c->b, ws, r, col, ita.se, f); break;
    case RK_P_PASS:
        if (isnan(o->p_pass)) {
            xlsx_write_number(c->b, ws, r, col, NAN, f);
        } else {
            char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
            xlsx_take_formula(c->b, ws, r, col,
                             p_pass_formula(city_cell(a, r, c->rk_ita),
                                            city_cell(b, r, c->rk_se)),
                             o->p_pass, f);
        }
        break;
    case RK_BASIS:
        xlsx_write_text(c->b, ws, r, col, city_basis_name(c, ita.basis), f);
        break;
    default: break;
    }
}

/* The notes under the title: formulas on Target, and where the intervals
 * come from. */
static void write_notes(city *c, lxw_worksheet *ws, const city_layout *l)
{
    city_note(c, ws, 1, (lxw_col_t)(l->n - 1), xlsx_columns_width(l->cols, l->n),
              city_tr(c, "ผ่านเป้าหมาย ส่วนที่ขาด และโอกาสถึงเป้าหมาย เป็นสูตรที่อ้างอิงช่อง Target "
                         "(ชีตสรุป): แก้เป้าหมายที่ช่องนั้นแล้วทั้งชีตจะคำนวณใหม่",
                      "Pass, gap and the chance of reaching the target are formulas "
                      "on the Target cell (Summary sheet): change the target there "
                      "and the sheet follows."),
              c->b->f.note);
    city_note(c, ws, 2, (lxw_col_t)(l->n - 1), xlsx_columns_width(l->cols, l->n),
              city_tr(c, "ช่วง 95% ช่วงอันดับ และโอกาสถึงเป้าหมาย มาจากความคลาดเคลื่อนจากการสุ่ม"
                         "ตัวอย่างของแบบสำรวจ (ดูชีตวิธีการ) ช่วงที่ระบุว่าโดยประมาณคำนวณจากจำนวน"
                         "ผู้ตอบเท่านั้น แผนภูมิใต้ตารางแสดง ITA ของทุกเขตพร้อมช่วง 95%",
                      "The 95% interval, the rank interval and the chance of reaching "
                      "the target come from the surveys' sampling error (see Method); "
                      "intervals marked approximate come from respondent counts alone. "
                      "The chart under the table shows every office's ITA with its "
                      "interval."),
              c->b->f.note);
}

/* The row of the office ranked i-th, every column of layout l. */
static void write_office_row(city *c, lxw_worksheet *ws, const city_layout *l,
                             size_t i)
{
    const office_score *s = city_ranked(c, i);
    const office *o = &c->rep->r->offices[s->office];
    const office_score *before =
        c->rep->previous ? scores_find(c->rep->previous, s->office) : NULL;
    lxw_row_t r = (lxw_row_t)(CITY_FIRST + i);
    char ita[LXW_MAX_CELL_NAME_LENGTH], prev[LXW_MAX_CELL_NAME_LENGTH];
    city_cell(ita, r, c->rk_ita);
    city_cell(prev, r, city_lay_find(l, RK_PREVIOUS));
    for (size_t k = 0; k < l->n; k++) {
        lxw_col_t col = (lxw_col_t)k;
        lxw_format *f = city_fmt(c, l->cols[k].kind);
        switch ((enum ranking_field)l->field[k]) {
        case RK_RANK: xlsx_write_number(c->b, ws, r, col, s->rank, f); break;
        case RK_CODE: xlsx_write_text(c->b, ws, r, col, o->code, f); break;
        case RK_NAME:
            xlsx_write_text(c->b, ws, r, col,
                          xlsx_office_name(c->rep, s->office), f);
            break;
        case RK_ZONE:
            xlsx_write_text(c->b, ws, r, col, xlsx_zone_name(c->rep, o->zone),
                          f);
            break;
        case RK_ITA: xlsx_write_number(c->b, ws, r, col, s->ita_r2, f); break;
        default: /* how sure: RK_ITA_LOW ... RK_BASIS */
            write_sure(c, ws, r, col, l->field[k], s, f);
            break;
        case RK_GRADE:
            xlsx_write_text(c->b, ws, r, col, c->m->grades[s->grade].id,
                          c->b->f.center);
            break;
        case RK_PASS:
            xlsx_write_pass(c->b, ws, r, col, ita, s->pass, f);
            break;
        case RK_GAP:
            xlsx_write_gap(c->b, ws, r, col, ita, s->gap, f);
            break;
        case RK_ZONE_RANK:
            xlsx_write_number(c->b, ws, r, col, s->zone_rank, f);
            break;
        case RK_TOOLS:
            xlsx_write_score(c->b, ws, r, col, scores_value(s, l->measure[k]));
            break;
        case RK_PREVIOUS:
            xlsx_write_number(c->b, ws, r, col, before ? before->ita_r2 : NAN, f);
            break;
        case RK_SCORED_FROM:
            xlsx_write_text(c->b, ws, r, col,
                          scores_basis_name(s->basis, c->rep->lang), f);
            break;
        case RK_CHANGE:
            if (before)
                xlsx_take_formula(c->b, ws, r, col,
                                 xasprintf("=%s-%s", ita, prev),
                                 s->ita_r2 - before->ita_r2, f);
            else
                xlsx_write_number(c->b, ws, r, col, NAN, f);
            break;
        }
    }
}

void city_sheet_ranking_write(city *c, lxw_worksheet *ws)
{
    city_layout l = {0};
    ranking_layout(c, &l);
    city_title(c, ws, "อันดับ ITA ของสำนักงานเขต ปีงบประมาณ",
               "ITA ranking of the district offices, fiscal year");
    write_notes(c, ws, &l);
    const year_scores *ys = c->ys;
    for (size_t i = 0; i < ys->n; i++)
        write_office_row(c, ws, &l, i);
    lxw_row_t last = city_last_row(ys->n);
    city_note_err(c, xlsx_grade_colours(c->b, ws, CITY_FIRST,
                                        city_lay_find(&l, RK_GRADE), last,
                                        city_lay_find(&l, RK_GRADE), false));
    city_note_err(c, xlsx_grade_colours(c->b, ws, CITY_FIRST, c->rk_ita, last,
                                        c->rk_ita, true));
    city_note_err(c, xlsx_pass_colours(c->b, ws, CITY_FIRST, c->rk_pass, last,
                                       c->rk_pass));
    int scale = city_finish_table(c, ws, &l, ys->n, "Ranking",
                                  (lxw_col_t)(city_lay_find(&l, RK_NAME) + 1));
    city_sheet_ranking_chart(c, ws, scale);
    city_lay_free(&l);
}
