/* The movers sheets of the city workbook (city_sheets.h): who really moved
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

/* A row of the movers' table: an office's change in a headline
 * measure, up or down. */
typedef struct {
    size_t measure;
    bool up;
    uncertainty_change change;
    int office;
} mover_row;

/* What the movers' and the items' cells read: the city and the rows. */
typedef struct {
    const city *c;
    const void *rows;   /* mover_row[], or const uncertainty_city_change *[] */
} movers_sheet;

static const city *cell_city(const xlsx_cell *cell)
{
    return ((const movers_sheet *)cell->sheet)->c;
}

static const mover_row *cell_mover(const xlsx_cell *cell)
{
    return cell->item;
}

static const uncertainty_city_change *cell_item(const xlsx_cell *cell)
{
    return cell->item;
}

static const void *mover_at(const void *sheet, size_t i)
{
    return &((const mover_row *)((const movers_sheet *)sheet)->rows)[i];
}

static const void *item_at(const void *sheet, size_t i)
{
    return ((const uncertainty_city_change *const *)((const movers_sheet *)sheet)
                ->rows)[i];
}

const char *city_significance(const city *c, bool significant)
{
    return significant ? city_tr(c, "ใช่", "yes") : city_tr(c, "ไม่", "no");
}

/* A change, its interval, its q-value and whether the adjusted test
 * finds it (q < 0.05), as one cell shows it: the change (in bold when
 * the test finds it) and, when its basis is known, the rest. */
typedef enum { PART_CHANGE, PART_LOW, PART_HIGH, PART_Q, PART_SIGNIFICANT }
    change_part;

static void put_change_part(const xlsx_cell *cell, const uncertainty_change *ch)
{
    const city *c = cell_city(cell);
    bool known = ch->basis != UNCERTAINTY_UNKNOWN;
    switch ((change_part)cell->column->arg) {
    case PART_CHANGE:
        xlsx_write_number(cell->b, cell->ws, cell->row, cell->col,
                          score_round2(ch->delta),
                          ch->significant ? city_bold(c, XLSX_SCORE)
                                          : city_fmt(c, XLSX_SCORE));
        break;
    case PART_LOW:
        xlsx_write_score(cell->b, cell->ws, cell->row, cell->col,
                         known ? ch->low : NAN);
        break;
    case PART_HIGH:
        xlsx_write_score(cell->b, cell->ws, cell->row, cell->col,
                         known ? ch->high : NAN);
        break;
    case PART_Q:
        xlsx_cell_number(cell, known ? ch->q : NAN);
        break;
    case PART_SIGNIFICANT:
        xlsx_cell_text(cell, known ? city_significance(c, ch->significant)
                                   : NULL);
        break;
    }
}

static void mover_measure(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, city_measure_id(cell_city(cell), cell_mover(cell)->measure));
}

static void mover_office(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, xlsx_office_name(cell_city(cell)->rep,
                                          cell_mover(cell)->office));
}

static void mover_direction(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_mover(cell)->up
                             ? city_tr(cell_city(cell), "ขึ้น", "up")
                             : city_tr(cell_city(cell), "ลง", "down"));
}

static void mover_change(const xlsx_cell *cell)
{
    put_change_part(cell, &cell_mover(cell)->change);
}

static const xlsx_table_column mover_columns[] = {
    {{"ตัวชี้วัด", "Measure", 7, XLSX_TEXT}, mover_measure, 0},
    {{"สำนักงานเขต", "Office", 20, XLSX_TEXT}, mover_office, 0},
    {{"ทิศทาง", "Direction", 9, XLSX_TEXT}, mover_direction, 0},
    {{"เปลี่ยนแปลง", "Change", 8, XLSX_SCORE}, mover_change, PART_CHANGE},
    {{"ช่วง 95% ต่ำสุด", "95% low", 9, XLSX_SCORE}, mover_change, PART_LOW},
    {{"ช่วง 95% สูงสุด", "95% high", 8, XLSX_SCORE}, mover_change, PART_HIGH},
    {{"ค่า q", "q-value", 8, XLSX_PERCENT}, mover_change, PART_Q},
    {{"มีนัยสำคัญ", "Significant", 10, XLSX_TEXT}, mover_change,
     PART_SIGNIFICANT},
};
#define N_MOVER_COLUMNS (sizeof mover_columns / sizeof *mover_columns)

static void item_id(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_city(cell)->m->nodes[cell_item(cell)->measure - 1].id);
}

static void item_question(const xlsx_cell *cell)
{
    const char *label = xlsx_node_label(cell_city(cell)->rep,
                                        (int)cell_item(cell)->measure - 1);
    xlsx_cell_text(cell, label);
    xlsx_cell_fit(cell, label, cell->column->col.width);
}

/* The item's city-wide change as an office's (put_change_part): the
 * mean change, its interval of z standard errors, the q-value. */
static void item_change(const xlsx_cell *cell)
{
    const uncertainty_city_change *ic = cell_item(cell);
    bool known = !isnan(ic->se);
    double margin = known ? cell_city(cell)->rep->uncertainty->z * ic->se : NAN;
    uncertainty_change ch = {.delta = ic->mean_delta,
                     .low = ic->mean_delta - margin,
                     .high = ic->mean_delta + margin,
                     .q = ic->q,
                     .significant = ic->significant,
                     /* only whether it is known matters here */
                     .basis = known ? UNCERTAINTY_COUNTS : UNCERTAINTY_UNKNOWN};
    put_change_part(cell, &ch);
}

static void item_se(const xlsx_cell *cell)
{
    xlsx_write_score(cell->b, cell->ws, cell->row, cell->col, cell_item(cell)->se);
}

static void item_offices(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, (double)cell_item(cell)->n);
}

static const xlsx_table_column item_columns[] = {
    {{"ข้อ", "Item", 7, XLSX_TEXT}, item_id, 0},
    {{"ข้อคำถาม", "Question", 45, XLSX_WRAP}, item_question, 0},
    {{"เปลี่ยนแปลงเฉลี่ย", "Mean change", 9, XLSX_SCORE}, item_change,
     PART_CHANGE},
    {{"SE", "SE", 8, XLSX_SCORE}, item_se, 0},
    {{"ช่วง 95% ต่ำสุด", "95% low", 9, XLSX_SCORE}, item_change, PART_LOW},
    {{"ช่วง 95% สูงสุด", "95% high", 8, XLSX_SCORE}, item_change, PART_HIGH},
    {{"ค่า q", "q-value", 8, XLSX_PERCENT}, item_change, PART_Q},
    {{"มีนัยสำคัญ", "Significant", 10, XLSX_TEXT}, item_change,
     PART_SIGNIFICANT},
    {{"จำนวนเขต", "Offices", 9, XLSX_INT}, item_offices, 0},
};
#define N_ITEM_COLUMNS (sizeof item_columns / sizeof *item_columns)

/* The table of a movers sheet: its columns and name, and where its rows
 * come from. */
typedef struct {
    const xlsx_table_column *cols;
    size_t n_cols;
    const char *name;
    const void *(*row_at)(const void *sheet, size_t i);
} movers_table;

/* A sheet of one table: the note (under the title) on row 1, the table's
 * n rows from CITY_HEAD down, its header repeated on every printed page
 * (city_finish_columns).  The office column, if any, as wide as every
 * office's name needs. */
static void write_sheet(city *c, lxw_worksheet *ws, const movers_table *t,
                        movers_sheet *sheet, size_t n, const char *note)
{
    xlsx_columns cols = {0};
    xlsx_columns_add_all(&cols, t->cols, t->n_cols);
    size_t office = xlsx_columns_find(&cols, mover_office);
    if (office < cols.n)
        cols.cols[office].col.width = c->w_name;
    xlsx_column *layout = xlsx_columns_layout(&cols);
    xlsx_wide_line(c->b, ws, 1, (lxw_col_t)(cols.n - 1),
              xlsx_columns_width(layout, cols.n), note, c->b->f.note);
    free(layout);
    xlsx_write_rows(c->b, ws, CITY_FIRST, cols.cols, cols.n, n, sheet,
                    t->row_at);
    /* no print area: one cut the Thai title at the table's edge, and a
     * spreadsheet prints a title's overflow with the columns it crosses */
    city_finish_columns(c, ws, &cols, n, t->name, 0);
    xlsx_columns_free(&cols);
}

/* Appends the mover m of measure, up or down, to rows[*n]. */
static void add_mover(mover_row *rows, size_t *n, size_t measure, bool up,
                      const uncertainty_mover *m)
{
    rows[(*n)++] = (mover_row){measure, up, m->change, m->office};
}

/* The biggest rises and falls of every headline measure (a new array,
 * *n of them). */
static mover_row *movers(const city *c, size_t *n_rows)
{
    mover_row *rows = xmalloc((c->n_main ? c->n_main : 1) * 2 *
                              MOVERS_PER_SIDE * sizeof *rows);
    *n_rows = 0;
    for (size_t k = 0; k < c->n_main; k++) {
        size_t n;
        uncertainty_mover *m = uncertainty_movers(c->rep->previous_uncertainty,
                                          c->rep->uncertainty, c->main[k], &n);
        for (size_t i = 0; i < n && i < MOVERS_PER_SIDE && m[i].change.delta > 0;
             i++)
            add_mover(rows, n_rows, c->main[k], true, &m[i]);
        for (size_t i = n, shown = 0;
             i-- > 0 && shown < MOVERS_PER_SIDE && m[i].change.delta < 0;
             shown++)
            add_mover(rows, n_rows, c->main[k], false, &m[i]);
        free(m);
    }
    return rows;
}

/* The offices whose ITA change is tested, for the wording of the test. */
static size_t offices_tested(const city *c)
{
    size_t n;
    uncertainty_mover *m = uncertainty_movers(c->rep->previous_uncertainty,
                                      c->rep->uncertainty, MEASURE_ITA, &n);
    size_t known = 0;
    for (size_t i = 0; i < n; i++)
        known += !isnan(m[i].change.q);
    free(m);
    return known;
}

void city_sheet_movers_write(city *c, lxw_worksheet *ws)
{
    size_t tested = offices_tested(c);
    city_title(c, ws, "ใครเปลี่ยนไปจริง: ขึ้นและลงมากที่สุดจากปีก่อน ปีงบประมาณ",
               "Who really moved since the year before, fiscal year");
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
    size_t n;
    mover_row *rows = movers(c, &n);
    static const movers_table table = {mover_columns, N_MOVER_COLUMNS,
                                       "Movers", mover_at};
    write_sheet(c, ws, &table, &(movers_sheet){c, rows}, n, note);
    free(rows);
    free(note);
}

void city_sheet_item_changes_write(city *c, lxw_worksheet *ws)
{
    const model *m = c->m;
    city_title(c, ws, "ข้อคำถามที่เปลี่ยนมากที่สุดทั้งเมือง ปีงบประมาณ",
               "Items that moved most city-wide, fiscal year");
    char *note = xasprintf(
        city_tr(c, "การเปลี่ยนแปลงเฉลี่ยทุกเขต ข้อที่เปลี่ยนมากที่สุด %d ข้อแรกของแต่ละเครื่องมือ "
                   "ความคลาดเคลื่อนมาตรฐานของค่าเฉลี่ย = √(ผลรวม SE²) / จำนวนเขต "
                   "(ถือว่าแต่ละเขตสุ่มตัวอย่างแยกกัน) ข้อ OIT เป็นการตรวจของผู้ประเมิน "
                   "จึงไม่มีความคลาดเคลื่อนจากการสุ่ม ค่า q ปรับสำหรับการทดสอบ "
                   "ข้อคำถาม %zu ข้อพร้อมกัน: มีนัยสำคัญเมื่อค่า q ต่ำกว่า 5%%",
                "The mean change over the offices, the first %d items of "
                "each tool.  The standard error of the mean change is "
                "√(sum of SE²) / "
                "offices (each office sampled on its own); OIT items are "
                "an assessor's check, without sampling error. The q-value "
                "allows for testing %zu items at once: significant when "
                "below 5%%."),
        TOP_ITEMS_PER_TOOL, m->n_items);
    uncertainty_city_change *items = uncertainty_item_changes(
        c->rep->previous_uncertainty, c->rep->uncertainty);
    const uncertainty_city_change **rows =
        xmalloc((m->n_items ? m->n_items : 1) * sizeof *rows);
    size_t n = 0;
    for (size_t t = 0; t < m->n_tools; t++)
        for (size_t i = 0, shown = 0;
             i < m->n_items && shown < TOP_ITEMS_PER_TOOL && items[i].n; i++)
            if (m->nodes[items[i].measure - 1].tool == m->tools[t]) {
                rows[n++] = &items[i];
                shown++;
            }
    static const movers_table table = {item_columns, N_ITEM_COLUMNS,
                                       "ItemChanges", item_at};
    write_sheet(c, ws, &table, &(movers_sheet){c, rows}, n, note);
    free(rows);
    free(items);
    free(note);
}
