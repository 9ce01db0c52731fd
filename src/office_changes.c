#include "office_changes.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* One line of the table: an item, what the rerun did, what was typed and
 * the row of the edited sheet it was typed in. */
typedef struct {
    const char *item;    /* "" for none (a row added without a code) */
    const char *what;
    char *what_owned;    /* what, when made for this line; else NULL */
    const char *typed;   /* NULL or "": nothing typed to show */
    unsigned line;       /* 0: no row (a row deleted) */
} change;

/* The lines of the table, in the order found. */
typedef struct {
    change *rows;
    size_t n, cap;
} changes;

static void change_add(changes *c, change line)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 16;
        c->rows = xrealloc(c->rows, c->cap * sizeof *c->rows);
    }
    c->rows[c->n++] = line;
}

static void changes_free(changes *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->rows[i].what_owned);
    free(c->rows);
}

/* ---- the cells --------------------------------------------------------- */

static const void *change_at(const void *sheet, size_t i)
{
    return &((const changes *)sheet)->rows[i];
}

static const change *cell_change(const xlsx_cell *cell)
{
    return cell->item;
}

static void item_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_change(cell)->item);
}

static void what_cell(const xlsx_cell *cell)
{
    const char *what = cell_change(cell)->what;
    xlsx_cell_text(cell, what);
    xlsx_cell_fit(cell, what, cell->column->col.width);
}

/* What was typed, when there is something to show; else no cell. */
static void typed_cell(const xlsx_cell *cell)
{
    const char *typed = cell_change(cell)->typed;
    if (!typed || !*typed)
        return;
    xlsx_cell_text(cell, typed);
    xlsx_cell_fit(cell, typed, cell->column->col.width);
}

/* The row of the edited sheet; no cell for a row deleted. */
static void line_cell(const xlsx_cell *cell)
{
    unsigned line = cell_change(cell)->line;
    if (line)
        xlsx_cell_number(cell, line);
}

static const xlsx_table_column change_columns[] = {
    {{"ข้อ", "Item", 8, XLSX_TEXT}, item_cell, 0},
    {{"สิ่งที่ทำ", "What was done", 50, XLSX_WRAP}, what_cell, 0},
    {{"ค่าที่พิมพ์ไว้", "As typed", 40, XLSX_WRAP}, typed_cell, 0},
    {{"แถวในฉบับที่แก้ไข", "Row of the edited sheet", 12, XLSX_INT},
     line_cell, 0},
};
#define N_CC (sizeof change_columns / sizeof *change_columns)

/* ---- what the rerun did -------------------------------------------------- */

/* What the rerun did with one row read back. */
static void row_changes(changes *c, const report *rep, const returned_row *r,
                        const char *item, const char *after)
{
    if (r->follows) {
        char *what = xasprintf(
            xlsx_tr(rep, "แถวที่เพิ่มเอง (หรือแถวที่สองของข้อ): คงไว้ต่อจากข้อ %s",
                    "Row added (or a second row of an item): carried after "
                    "item %s"),
            after);
        change_add(c, (change){item, what, what,
                               *r->measure ? r->measure : r->owner, r->line});
    }
    if (!r->status_understood)
        change_add(c, (change){
            item,
            xlsx_tr(rep, "สถานะที่อ่านไม่ได้: เก็บไว้ตามที่พิมพ์ ไม่นับในความก้าวหน้า",
                    "Status not understood: kept as typed, not counted "
                    "in the progress"),
            NULL, r->status_text, r->line});
    if (!r->due_understood)
        change_add(c, (change){
            item,
            xlsx_tr(rep, "กำหนดเสร็จที่อ่านเป็นวันที่ไม่ได้: เก็บไว้ตามที่พิมพ์",
                    "Due date not understood: kept as typed"),
            NULL, r->due_text, r->line});
    if (!r->goal_understood)
        change_add(c, (change){
            item,
            xlsx_tr(rep, "คะแนนเป้าหมายที่อ่านไม่ได้หรือไม่อยู่ใน 0-100: "
                         "เก็บไว้ตามที่พิมพ์ ไม่นำไปคำนวณ",
                    "Target score not understood or outside 0-100: kept "
                    "as typed, not counted"),
            NULL, r->goal_text, r->line});
}

/* Rows deleted from the edited plan, then rows kept from it although no
 * longer below the target. */
static void plan_changes(changes *c, const report *rep,
                         const office_plan *plan, const returned_plan *old)
{
    const model *m = rep->m;
    int *gone;
    size_t n_gone = returned_deleted(old, m, &gone);
    for (size_t i = 0; i < n_gone; i++)
        change_add(c, (change){
            m->nodes[gone[i]].id,
            xlsx_tr(rep, "แถวที่ลบออกจากแผน: ไม่นำกลับมา (ยังต่ำกว่าค่าเป้าหมาย "
                         "พิมพ์รหัสข้อในแถวของแผนเพื่อนำกลับมา)",
                    "Row deleted from the plan: not brought back (type "
                    "its code in a row of the plan to have it back)"),
            NULL, NULL, 0});
    free(gone);
    for (size_t i = 0; i < plan->n_rows; i++)
        if (plan->rows[i].kept)
            change_add(c, (change){
                m->nodes[plan->rows[i].item].id,
                xlsx_tr(rep, "คงไว้จากแผนที่แก้ไข: ไม่ต่ำกว่าค่าเป้าหมายแล้ว",
                        "Kept from the edited plan: no longer below the "
                        "target"),
                NULL, NULL,
                plan->rows[i].carried ? plan->rows[i].carried->line : 0});
}

/* Every line of the table, in the order of the edited plan's rows; one
 * saying so when nothing was done. */
static changes all_changes(const report *rep, const office_plan *plan,
                           const returned_plan *old)
{
    changes c = {0};
    const char *leader = "";
    for (size_t k = 0; k < old->n_rows; k++) {
        const returned_row *r = &old->rows[k];
        const char *item = r->node >= 0 ? rep->m->nodes[r->node].id : r->item;
        if (!r->follows)
            leader = item;
        row_changes(&c, rep, r, item, leader);
    }
    plan_changes(&c, rep, plan, old);
    if (c.n == 0)
        change_add(&c, (change){
            "",
            xlsx_tr(rep, "ไม่มี: ทุกค่าที่พิมพ์ไว้คงไว้ตามเดิม",
                    "Nothing: every value typed is kept as it was"),
            NULL, NULL, 0});
    return c;
}

/* ---- the sheet ------------------------------------------------------------ */

/* The title and the note above the table, across its columns. */
static void write_heading(xlsx_book *b, lxw_worksheet *ws,
                          const xlsx_column *cols)
{
    const report *rep = xlsx_report(b);
    double width = xlsx_columns_width(cols, N_CC);
    xlsx_wide_line(b, ws, 0, N_CC - 1, width,
                   xlsx_tr(rep, "การเปลี่ยนแปลงจากฉบับที่แก้ไข",
                           "Changes since your edited version"),
                   b->f.title);
    const char *intro = xlsx_tr(
        rep,
        "แผนในสมุดงานนี้คงสิ่งที่พิมพ์ไว้ในฉบับที่แก้ไข (เก็บไว้ข้างกันเป็น "
        "<ชื่อ>.edited-<วันที่>.xlsx) ไว้ทุกข้อ (สถานะ ผู้ดำเนินการ กำหนดเสร็จ "
        "งบประมาณ มาตรการ คะแนนเป้าหมาย) ตามรหัสข้อ "
        "ด้านล่างคือสิ่งที่ไม่ได้คงไว้ตามเดิมทุกประการ",
        "The plan of this workbook keeps what was typed in your edited "
        "version (kept beside it as <name>.edited-<date>.xlsx), item by item "
        "(status, owner, due date, budget, measures, target score). Below: "
        "what was not simply kept.");
    xlsx_wide_line(b, ws, 1, N_CC - 1, width, intro, b->f.note);
}

lxw_worksheet *office_changes_sheet_add(xlsx_book *b, const office_plan *plan,
                                        const returned_plan *old)
{
    lxw_worksheet *ws = xlsx_add_sheet(b, "การเปลี่ยนแปลง", "Changes");
    if (!ws)
        return NULL;
    xlsx_column cols[N_CC];
    xlsx_table_layout(change_columns, N_CC, cols);
    /* widths only: nobody types on this sheet, so no column formats; its
     * row numbers are short enough for Thai digits at the plain width */
    for (lxw_col_t c = 0; c < N_CC; c++)
        worksheet_set_column(ws, c, c, xlsx_column_width(cols[c].width), NULL);
    write_heading(b, ws, cols);
    const lxw_row_t header = 3;
    xlsx_write_headers(b, ws, header, 0, cols, N_CC);
    changes c = all_changes(xlsx_report(b), plan, old);
    xlsx_write_rows_spec(b, ws, &(xlsx_rows_spec){.first_row = header + 1,
                                                  .cols = change_columns,
                                                  .n_cols = N_CC,
                                                  .n_rows = c.n,
                                                  .sheet = &c,
                                                  .row_at = change_at});
    changes_free(&c);
    return ws;
}
