#include "office_changes.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

enum { CC_ITEM, CC_WHAT, CC_TYPED, CC_ROW, N_CC };

static const xlsx_column change_columns[N_CC] = {
    [CC_ITEM] = {"ข้อ", "Item", 8, XLSX_TEXT},
    [CC_WHAT] = {"สิ่งที่ทำ", "What was done", 50, XLSX_WRAP},
    [CC_TYPED] = {"ค่าที่พิมพ์ไว้", "As typed", 40, XLSX_WRAP},
    [CC_ROW] = {"แถวในฉบับที่แก้ไข", "Row of the edited sheet", 12, XLSX_INT},
};

typedef struct {
    xlsx_book *b;
    lxw_worksheet *ws;
    lxw_row_t row;
} changes;

/* One line of the table; line 0: no row (a row deleted). */
static void change(changes *c, const char *item, const char *what,
                   const char *typed, unsigned line)
{
    xlsx_row_fit fit = {1};
    xlsx_write_text(c->b, c->ws, c->row, CC_ITEM, *item ? item : NULL,
                    xlsx_format(c->b, XLSX_TEXT, false));
    xlsx_write_text(c->b, c->ws, c->row, CC_WHAT, what,
                    xlsx_format(c->b, XLSX_WRAP, false));
    xlsx_fit_text(&fit, c->b, what, change_columns[CC_WHAT].width);
    if (typed && *typed) {
        xlsx_write_text(c->b, c->ws, c->row, CC_TYPED, typed,
                        xlsx_format(c->b, XLSX_WRAP, false));
        xlsx_fit_text(&fit, c->b, typed, change_columns[CC_TYPED].width);
    }
    if (line)
        xlsx_write_number(c->b, c->ws, c->row, CC_ROW, line,
                          xlsx_format(c->b, XLSX_INT, false));
    xlsx_set_row_lines(c->ws, c->row, fit.lines,
                       xlsx_format(c->b, XLSX_WRAP, false));
    c->row++;
}

/* What the rerun did with one row read back. */
static void row_changes(changes *c, const returned_row *r, const char *item,
                        const char *after)
{
    const report *rep = xlsx_report(c->b);
    if (r->follows) {
        char *what = xasprintf(
            xlsx_tr(rep, "แถวที่เพิ่มเอง (หรือแถวที่สองของข้อ): คงไว้ต่อจากข้อ %s",
                    "Row added (or a second row of an item): carried after "
                    "item %s"),
            after);
        change(c, item, what, *r->measure ? r->measure : r->owner, r->line);
        free(what);
    }
    if (!r->status_understood)
        change(c, item,
               xlsx_tr(rep, "สถานะที่อ่านไม่ได้: เก็บไว้ตามที่พิมพ์ ไม่นับในความก้าวหน้า",
                       "Status not understood: kept as typed, not counted "
                       "in the progress"),
               r->status_text, r->line);
    if (!r->due_understood)
        change(c, item,
               xlsx_tr(rep, "กำหนดเสร็จที่อ่านเป็นวันที่ไม่ได้: เก็บไว้ตามที่พิมพ์",
                       "Due date not understood: kept as typed"),
               r->due_text, r->line);
    if (!r->goal_understood)
        change(c, item,
               xlsx_tr(rep, "คะแนนเป้าหมายที่อ่านไม่ได้หรือไม่อยู่ใน 0-100: "
                            "เก็บไว้ตามที่พิมพ์ ไม่นำไปคำนวณ",
                       "Target score not understood or outside 0-100: kept "
                       "as typed, not counted"),
               r->goal_text, r->line);
}

lxw_worksheet *office_changes_sheet_add(xlsx_book *b, const office_plan *plan,
                                        const returned_plan *old)
{
    lxw_worksheet *ws = xlsx_add_sheet(b, "การเปลี่ยนแปลง", "Changes");
    if (!ws)
        return NULL;
    const report *rep = xlsx_report(b);
    const model *m = rep->m;
    for (int c = 0; c < N_CC; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                             xlsx_column_width(change_columns[c].width),
                             NULL);
    double width = xlsx_columns_width(change_columns, N_CC);
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
    xlsx_write_headers(b, ws, 3, 0, change_columns, N_CC);
    changes c = {.b = b, .ws = ws, .row = 4};
    const char *leader = "";
    for (size_t k = 0; k < old->n_rows; k++) {
        const returned_row *r = &old->rows[k];
        const char *item = r->node >= 0 ? m->nodes[r->node].id : r->item;
        if (!r->follows)
            leader = item;
        row_changes(&c, r, item, leader);
    }
    int *gone;
    size_t n_gone = returned_deleted(old, m, &gone);
    for (size_t i = 0; i < n_gone; i++)
        change(&c, m->nodes[gone[i]].id,
               xlsx_tr(rep, "แถวที่ลบออกจากแผน: ไม่นำกลับมา (ยังต่ำกว่าค่าเป้าหมาย "
                            "พิมพ์รหัสข้อในแถวของแผนเพื่อนำกลับมา)",
                       "Row deleted from the plan: not brought back (type "
                       "its code in a row of the plan to have it back)"),
               NULL, 0);
    free(gone);
    for (size_t i = 0; i < plan->n_rows; i++)
        if (plan->rows[i].kept)
            change(&c, m->nodes[plan->rows[i].item].id,
                   xlsx_tr(rep, "คงไว้จากแผนที่แก้ไข: ไม่ต่ำกว่าค่าเป้าหมายแล้ว",
                           "Kept from the edited plan: no longer below the "
                           "target"),
                   NULL, plan->rows[i].carried ? plan->rows[i].carried->line
                                               : 0);
    if (c.row == 4)
        change(&c, "",
               xlsx_tr(rep, "ไม่มี: ทุกค่าที่พิมพ์ไว้คงไว้ตามเดิม",
                       "Nothing: every value typed is kept as it was"),
               NULL, 0);
    return ws;
}
