#include "office_book.h"
#include "names.h"
#include "office_changes.h"
#include "office_sheets.h"
#include "pdf_export.h"
#include "text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* File-name parts are cut to these lengths (bytes). */
#define CODE_NAME_MAX 32
#define SLUG_NAME_MAX 64

/* The Action plan sheet is written as it is added (office_plan_sheet_add,
 * which the city workbook uses too). */
static lxw_worksheet *add_plan_sheet(office_ctx *o, const char *th,
                                     const char *en)
{
    return office_plan_sheet_add(o->b, o->plan, th, en, o->protect,
                                 &o->plan_cells);
}

static lxw_worksheet *add_sheet(office_ctx *o, const char *th, const char *en)
{
    return xlsx_add_sheet(o->b, th, en);
}

/* The sheets of an office workbook, in order: a new sheet is one more
 * entry (and one in fill_order). */
enum { SHEET_PROFILE, SHEET_ITEMS, SHEET_ANALYSIS, SHEET_PLAN, SHEET_REPORT,
       SHEET_PATH, SHEET_PEERS, N_SHEETS };
static const struct {
    const char *th, *en;
    lxw_worksheet *(*add)(office_ctx *o, const char *th, const char *en);
    void (*write)(office_ctx *o, lxw_worksheet *ws);   /* NULL: add writes */
    pdf_place print;   /* the signed document it belongs to (--pdf) */
} sheets[N_SHEETS] = {
    [SHEET_PROFILE] = {PLANS_SHEET_PROFILE, add_sheet,
                       office_sheet_profile_write, {PDF_NOT_PRINTED, 0}},
    [SHEET_ITEMS] = {"รายข้อ", "Items", add_sheet, office_sheet_items_write,
                     {PDF_NOT_PRINTED, 0}},
    [SHEET_PLAN] = {PLANS_SHEET_PLAN, add_plan_sheet, NULL, {PDF_O42, 2}},
    [SHEET_PATH] = {"เส้นทางสู่เป้าหมาย", "Path to target", add_sheet,
                    office_sheet_path_write, {PDF_NOT_PRINTED, 0}},
    [SHEET_PEERS] = {"เทียบกลุ่มเขต", "Peers", add_sheet,
                     office_sheet_peers_write, {PDF_NOT_PRINTED, 0}},
    /* the documents a district publishes with the plan (O42 opens with
     * the analysis; O43 reports on the plan): in the enum, around the
     * plan, in the order they are signed */
    [SHEET_ANALYSIS] = {PLANS_SHEET_ANALYSIS, add_sheet,
                        office_sheet_analysis_write, {PDF_O42, 1}},
    [SHEET_REPORT] = {PLANS_SHEET_REPORT, add_sheet,
                      office_sheet_report_write, {PDF_O43, 1}},
};

size_t office_book_document_sheets(report_lang lang, pdf_document document,
                                   const char **names, size_t max)
{
    size_t n = 0;
    /* by page order: a handful of sheets, so a selection each time */
    for (int order = 1; order <= N_SHEETS; order++)
        for (int i = 0; i < N_SHEETS; i++)
            if (sheets[i].print.document == document &&
                document != PDF_NOT_PRINTED &&
                sheets[i].print.page_order == order && n < max)
                names[n++] = lang == LANG_EN ? sheets[i].en : sheets[i].th;
    return n;
}

/* Sheets are filled so that what a sheet refers to is placed first:
 * Profile refers to cells of Items and Path to target, the O43 report to
 * the plan's. */
static const int fill_order[N_SHEETS] = {
    SHEET_PLAN, SHEET_ITEMS, SHEET_PATH, SHEET_PROFILE, SHEET_PEERS,
    SHEET_ANALYSIS, SHEET_REPORT,
};

char *office_book_file_name(const report *rep, int office_index)
{
    const office *o = &rep->r->offices[office_index];
    char *code = names_file_component(o->code, CODE_NAME_MAX);
    char *slug = names_file_component(o->name_en, SLUG_NAME_MAX);
    char *name = xasprintf("ita_%d_%s_%s.xlsx", rep->current->year, code, slug);
    free(code);
    free(slug);
    return name;
}

/* ---- the workbooks -------------------------------------------------- */

bool office_book_write(const report *rep, const office_plan *plan,
                       const returned_plan *old, const char *path,
                       bool protect, outfile *pending)
{
    xlsx_book b;
    char *name = plans_office_name(rep->r, rep->lang, plan->office);
    char *title = xasprintf("ITA %d: %s", rep->current->year, name);
    free(name);
    bool opened = xlsx_ita_book_open(
        &b, path, rep, title,
        xlsx_tr(rep, "ผลการประเมิน แผนปฏิบัติการ และเส้นทางสู่ค่าเป้าหมาย",
                "Results, action plan and path to the target"));
    free(title);
    if (!opened)
        return false;
    office_ctx o = {.b = &b, .plan = plan, .protect = protect};
    lxw_worksheet *ws[N_SHEETS];
    for (int i = 0; i < N_SHEETS; i++) {
        ws[i] = sheets[i].add(&o, sheets[i].th, sheets[i].en);
        if (!ws[i]) {
            xlsx_book_abort(&b);
            errno = EINVAL;
            return false;
        }
    }
    o.x = office_formats_make(&b);
    for (int i = 0; i < N_SHEETS; i++)
        if (sheets[fill_order[i]].write)
            sheets[fill_order[i]].write(&o, ws[fill_order[i]]);
    free(o.refs.items_sheet);
    free(o.refs.path_sheet);
    office_plan_cells_free(&o.plan_cells);
    /* what a rerun did with the edits it carries (office_changes.h) */
    if (old && !office_changes_sheet_add(&b, plan, old)) {
        xlsx_book_abort(&b);
        errno = EINVAL;
        return false;
    }
    worksheet_activate(ws[SHEET_PROFILE]);
    return pending ? xlsx_book_close_pending(&b, pending)
                   : xlsx_book_close(&b);
}
