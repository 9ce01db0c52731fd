/* The movers sections of the Trend sheet (city_sheets.h): who really moved
 * since the previous year, by ITA, tool and indicator, and which items
 * moved most city-wide, each change with its 95 % interval, its
 * Benjamini-Hochberg q-value and whether the adjusted test finds it
 * (uncertainty.h). */
#include "city_sheets.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>

/* Offices listed per measure and direction, and items listed per tool (so
 * that the OIT's 0/100 checks do not crowd out the survey items). */
#define MOVERS_PER_SIDE 3
#define TOP_ITEMS_PER_TOOL 4

/* The columns fit under the Trend table's own (code, office, ...). */
static const xlsx_column mover_columns[] = {
    {"ตัวชี้วัด", "Measure", 7, XLSX_TEXT},
    {"สำนักงานเขต", "Office", 20, XLSX_TEXT},
    {"ทิศทาง", "Direction", 9, XLSX_TEXT},
    {"เปลี่ยนแปลง", "Change", 8, XLSX_SCORE},
    {"ช่วง 95% ต่ำสุด", "95% low", 9, XLSX_SCORE},
    {"ช่วง 95% สูงสุด", "95% high", 8, XLSX_SCORE},
    {"ค่า q", "q-value", 8, XLSX_PERCENT},
    {"มีนัยสำคัญ", "Significant", 10, XLSX_TEXT},
};
#define N_MOVER_COLUMNS (sizeof mover_columns / sizeof *mover_columns)

static const xlsx_column item_columns[] = {
    {"ข้อ", "Item", 7, XLSX_TEXT},
    {"ข้อคำถาม", "Question", 20, XLSX_WRAP},
    {"เปลี่ยนแปลงเฉลี่ย", "Mean change", 9, XLSX_SCORE},
    {"SE", "SE", 8, XLSX_SCORE},
    {"ช่วง 95% ต่ำสุด", "95% low", 9, XLSX_SCORE},
    {"ช่วง 95% สูงสุด", "95% high", 8, XLSX_SCORE},
    {"ค่า q", "q-value", 8, XLSX_PERCENT},
    {"มีนัยสำคัญ", "Significant", 10, XLSX_TEXT},
    {"จำนวนเขต", "Offices", 9, XLSX_INT},
};
#define N_ITEM_COLUMNS (sizeof item_columns / sizeof *item_columns)

const char *city_significance(const city *c, bool significant)
{
    return significant ? city_tr(c, "ใช่", "yes") : city_tr(c, "ไม่", "no");
}

/* A change, its interval, its q-value and whether the adjusted test
 * finds it (q < 0.05) from column col on; the change in bold when it
 * does. */
static void put_change(city *c, lxw_worksheet *ws, lxw_row_t r, lxw_col_t col,
                       const unc_change *ch)
{
    bool known = ch->basis != UNC_UNKNOWN;
    xlsx_write_number(c->b, ws, r, col, score_round2(ch->delta),
                 ch->significant ? city_bold(c, XLSX_SCORE)
                                 : city_fmt(c, XLSX_SCORE));
    xlsx_write_score(c->b, ws, r, col + 1, known ? ch->low : NAN);
    xlsx_write_score(c->b, ws, r, col + 2, known ? ch->high : NAN);
    xlsx_write_number(c->b, ws, r, col + 3, known ? ch->q : NAN,
                 city_fmt(c, XLSX_PERCENT));
    xlsx_write_text(c->b, ws, r, col + 4,
                  known ? city_significance(c, ch->significant) : NULL,
                  city_fmt(c, XLSX_TEXT));
}

static lxw_row_t put_mover(city *c, lxw_worksheet *ws, lxw_row_t r,
                           size_t measure, bool up, const unc_mover *m)
{
    const unc_change *ch = &m->change;
    xlsx_write_text(c->b, ws, r, 0, city_measure_id(c, measure),
                  city_fmt(c, XLSX_TEXT));
    xlsx_write_text(c->b, ws, r, 1, xlsx_office_name(c->rep, m->office),
                  city_fmt(c, XLSX_TEXT));
    xlsx_write_text(c->b, ws, r, 2, up ? city_tr(c, "ขึ้น", "up")
                                  : city_tr(c, "ลง", "down"),
                  city_fmt(c, XLSX_TEXT));
    put_change(c, ws, r, 3, ch);
    return r + 1;
}

/* The biggest rises and falls of every headline measure; returns the row
 * after the table. */
static lxw_row_t write_movers(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    lxw_row_t head = r++;
    for (size_t k = 0; k < c->n_main; k++) {
        size_t n;
        unc_mover *m = uncertainty_movers(c->rep->previous_uncertainty,
                                          c->rep->uncertainty, c->main[k], &n);
        for (size_t i = 0; i < n && i < MOVERS_PER_SIDE && m[i].change.delta > 0;
             i++)
            r = put_mover(c, ws, r, c->main[k], true, &m[i]);
        for (size_t i = n, shown = 0;
             i-- > 0 && shown < MOVERS_PER_SIDE && m[i].change.delta < 0;
             shown++)
            r = put_mover(c, ws, r, c->main[k], false, &m[i]);
        free(m);
    }
    city_note_err(c, xlsx_add_table(c->b, ws, head, 0, (size_t)(r - head - 1),
                                    mover_columns, N_MOVER_COLUMNS,
                                    "Movers"));
    return r + (r == head + 1);
}

/* One item's city-wide change on row r. */
static void put_item_change(city *c, lxw_worksheet *ws, lxw_row_t r,
                            const unc_city_change *ic)
{
    int node = (int)ic->measure - 1;
    xlsx_write_text(c->b, ws, r, 0, c->m->nodes[node].id, city_fmt(c, XLSX_TEXT));
    const char *label = xlsx_node_label(c->rep, node);
    xlsx_write_text(c->b, ws, r, 1, label, city_fmt(c, XLSX_WRAP));
    xlsx_row_fit fit = {1};
    xlsx_fit_text(&fit, c->b, label, item_columns[1].width);
    xlsx_set_row_lines(ws, r, fit.lines, city_fmt(c, XLSX_WRAP));
    bool known = !isnan(ic->se);
    double margin = known ? c->rep->uncertainty->z * ic->se : NAN;
    xlsx_write_number(c->b, ws, r, 2, score_round2(ic->mean_delta),
                 ic->significant ? city_bold(c, XLSX_SCORE)
                                 : city_fmt(c, XLSX_SCORE));
    xlsx_write_score(c->b, ws, r, 3, ic->se);
    xlsx_write_score(c->b, ws, r, 4, ic->mean_delta - margin);
    xlsx_write_score(c->b, ws, r, 5, ic->mean_delta + margin);
    xlsx_write_number(c->b, ws, r, 6, known ? ic->q : NAN, city_fmt(c, XLSX_PERCENT));
    xlsx_write_text(c->b, ws, r, 7,
                  known ? city_significance(c, ic->significant) : NULL,
                  city_fmt(c, XLSX_TEXT));
    xlsx_write_number(c->b, ws, r, 8, (double)ic->n, city_fmt(c, XLSX_INT));
}

/* The items whose city-wide mean moved most, the first few of each tool in
 * the model's order of tools; returns the row after the table. */
static lxw_row_t write_item_changes(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const model *m = c->m;
    unc_city_change *items = uncertainty_item_changes(
        c->rep->previous_uncertainty, c->rep->uncertainty);
    lxw_row_t head = r++;
    for (size_t t = 0; t < m->n_tools; t++)
        for (size_t i = 0, shown = 0;
             i < m->n_items && shown < TOP_ITEMS_PER_TOOL && items[i].n; i++)
            if (m->nodes[items[i].measure - 1].tool == m->tools[t]) {
                put_item_change(c, ws, r++, &items[i]);
                shown++;
            }
    free(items);
    city_note_err(c, xlsx_add_table(c->b, ws, head, 0, (size_t)(r - head - 1),
                                    item_columns, N_ITEM_COLUMNS,
                                    "ItemChanges"));
    return r + (r == head + 1);
}

/* Each section starts a printed page (the Trend table's header is not
 * repeated over them: city_sheet_trend_write). */
static void start_pages(city *c, lxw_worksheet *ws, lxw_row_t movers,
                        lxw_row_t items)
{
    lxw_row_t breaks[] = {movers, items, 0};
    city_note_err(c, worksheet_set_h_pagebreaks(ws, breaks));
}

/* The offices whose ITA change is tested, for the wording of the test. */
static size_t offices_tested(const city *c)
{
    size_t n;
    unc_mover *m = uncertainty_movers(c->rep->previous_uncertainty,
                                      c->rep->uncertainty, MEASURE_ITA, &n);
    size_t known = 0;
    for (size_t i = 0; i < n; i++)
        known += !isnan(m[i].change.q);
    free(m);
    return known;
}

void city_sheet_trend_movers(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const double width = 80;
    size_t tested = offices_tested(c);
    size_t items = c->m->n_items;
    lxw_row_t movers_at = r;
    city_subtitle(c, ws, r++, 0,
                  city_tr(c, "ใครเปลี่ยนไปจริง: การเปลี่ยนแปลงมากที่สุด ขึ้นและลง",
                          "Who really moved: the biggest changes up and down"));
    char *note = xasprintf(
        city_tr(c, "ความคลาดเคลื่อนมาตรฐานของการเปลี่ยนแปลงคือ √(SE ปีนี้² + SE ปีก่อน²) "
                   "ค่า q คือค่า p ที่ปรับตามวิธีของเบนจามินีและฮอคเบิร์ก (Benjamini-Hochberg) สำหรับการทดสอบ"
                   "สำนักงานเขต %zu แห่งพร้อมกัน (แยกแต่ละตัวชี้วัด) การเปลี่ยนแปลงที่ค่า q "
                   "ต่ำกว่า 5%% มีนัยสำคัญหลังคำนึงถึงการทดสอบสำนักงานเขต %zu แห่งพร้อมกัน "
                   "(ตัวเลขตัวหนา)",
                "The standard error of a change is √(SE this year² + SE last "
                "year²). The q-value is its p-value adjusted (Benjamini–Hochberg) "
                "for testing %zu offices at once, measure by measure; a change "
                "with q below 5%% is significant after allowing for testing %zu "
                "offices at once (bold)."),
        tested, tested);
    city_note(c, ws, r++, N_MOVER_COLUMNS - 1, width, note, c->b->f.note);
    free(note);
    r = write_movers(c, ws, r) + 1;
    lxw_row_t items_at = r;
    city_subtitle(c, ws, r++, 0,
                  city_tr(c, "ข้อคำถามที่เปลี่ยนมากที่สุดทั้งเมือง (เฉลี่ยทุกเขต) ในแต่ละเครื่องมือ",
                          "Items that moved most city-wide (mean over the offices), "
                          "by tool"));
    city_note(c, ws, r++, N_ITEM_COLUMNS - 1, width,
              note = xasprintf(
                  city_tr(c, "ความคลาดเคลื่อนมาตรฐานของค่าเฉลี่ย = √(ผลรวม SE²) / จำนวนเขต "
                             "(ถือว่าแต่ละเขตสุ่มตัวอย่างแยกกัน) ข้อ OIT เป็นการตรวจของผู้ประเมิน "
                             "จึงไม่มีความคลาดเคลื่อนจากการสุ่ม ค่า q ปรับสำหรับการทดสอบ "
                             "ข้อคำถาม %zu ข้อพร้อมกัน: มีนัยสำคัญเมื่อค่า q ต่ำกว่า 5%%",
                          "The standard error of the mean change is √(sum of SE²) / "
                          "offices (each office sampled on its own); OIT items are "
                          "an assessor's check, without sampling error. The q-value "
                          "allows for testing %zu items at once: significant when "
                          "below 5%%."),
                  items),
              c->b->f.note);
    free(note);
    write_item_changes(c, ws, r);
    start_pages(c, ws, movers_at, items_at);
}
