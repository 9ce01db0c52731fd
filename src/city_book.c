#include "city_book.h"
#include "city_sheets.h"
#include "text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Plan progress only when action plans came back. */
static bool plans_came_back(const report *rep)
{
    return rep->progress != NULL;
}

/* The ITA intervals only when the ITA's uncertainty is known. */
static bool intervals_known(const report *rep)
{
    return rep->uncertainty && rep->current->n > 0;
}

/* The city's trend only when the input holds two years or more. */
static bool years_to_compare(const report *rep)
{
    return rep->n_years >= 2;
}

/* The movers only when the change since the previous year can be
 * tested. */
static bool change_tested(const report *rep)
{
    return rep->previous && rep->previous_uncertainty;
}

static const struct {
    const char *th, *en;
    void (*write)(city *c, lxw_worksheet *ws);
    bool streamed;   /* written row by row (xlsx_add_streamed_sheet) */
    bool (*wanted)(const report *rep);   /* NULL: in every workbook */
    pdf_place print; /* the document it belongs to (--pdf); {0}: none */
} sheets[CITY_N_SHEETS] = {
    [CITY_SUMMARY] = {"สรุป", "Summary", city_sheet_summary_write, false, NULL,
                      {PDF_CITY_SUMMARY, 1}},
    [CITY_RANKING] = {"อันดับ", "Ranking", city_sheet_ranking_write, false, NULL,
                      {0}},
    [CITY_INTERVALS] = {"ช่วง ITA", "ITA intervals",
                        city_sheet_intervals_write, false, intervals_known,
                        {0}},
    [CITY_INDICATORS] = {"ตัวชี้วัด", "Indicators", city_sheet_indicators_write,
                         true, NULL, {0}},
    [CITY_DISTRIBUTION] = {"การกระจาย", "Distribution",
                           city_sheet_distribution_write, false, NULL, {0}},
    [CITY_GRADES] = {"ระดับและสหสัมพันธ์", "Grades and correlations",
                     city_sheet_grades_write, false, NULL, {0}},
    [CITY_GAPS] = {"ส่วนที่ขาด", "Gaps", city_sheet_gaps_write, true, NULL, {0}},
    [CITY_QUESTIONS] = {"ข้อคำถาม", "Questions", city_sheet_questions_write,
                        false, NULL, {0}},
    [CITY_OIT] = {"OIT", "OIT", city_sheet_oit_write, true, NULL, {0}},
    [CITY_ZONES] = {"กลุ่มเขต", "Zones", city_sheet_zones_write, false, NULL,
                    {0}},
    [CITY_CITY_TREND] = {"แนวโน้มของเมือง", "City trend",
                         city_sheet_city_trend_write, false, years_to_compare,
                         {0}},
    [CITY_TREND] = {"แนวโน้ม", "Trend", city_sheet_trend_write, false, NULL,
                    {0}},
    [CITY_MOVERS] = {"ผู้เปลี่ยนแปลงมากที่สุด", "Movers", city_sheet_movers_write,
                     false, change_tested, {0}},
    [CITY_ITEM_CHANGES] = {"ข้อที่เปลี่ยนมากที่สุด", "Item changes",
                           city_sheet_item_changes_write, false, change_tested,
                           {0}},
    [CITY_QUALITY] = {"คุณภาพข้อมูล", "Data quality", city_sheet_quality_write,
                      false, NULL, {0}},
    [CITY_METHOD] = {"วิธีการ", "Method", city_sheet_method_write, false, NULL,
                     {0}},
    [CITY_MODEL] = {"โมเดลการให้คะแนน", "Scoring model",
                    city_sheet_model_write, false, NULL, {0}},
    [CITY_ITEM_SCORES] = {"คะแนนรายข้อ", "Item scores",
                          city_sheet_item_scores_write, true, NULL, {0}},
    [CITY_PROGRESS] = {"ความก้าวหน้าของแผน", "Plan progress",
                       city_sheet_progress_write, false, plans_came_back,
                       {PDF_CITY_PROGRESS, 1}},
    [CITY_PROGRESS_DETAILS] = {"ความก้าวหน้าของแผน รายละเอียด",
                               "Plan progress details",
                               city_sheet_progress_details_write, false,
                               plans_came_back, {PDF_CITY_PROGRESS, 2}},
};

/* Whether a sheet is in this run's workbook. */
static bool sheet_wanted(const report *rep, enum city_sheet sheet)
{
    return !sheets[sheet].wanted || sheets[sheet].wanted(rep);
}

size_t city_book_document_sheets(const report *rep, pdf_document document,
                                 const char **names, size_t max)
{
    size_t n = 0;
    /* by page order: a handful of sheets, so a selection each time */
    for (int order = 1; order <= CITY_N_SHEETS; order++)
        for (size_t i = 0; i < CITY_N_SHEETS; i++)
            if (sheets[i].print.document == document &&
                document != PDF_NOT_PRINTED &&
                sheets[i].print.page_order == order &&
                sheet_wanted(rep, (enum city_sheet)i) && n < max)
                names[n++] = rep->lang == LANG_EN ? sheets[i].en
                                                  : sheets[i].th;
    return n;
}

/* Sheets are created in the order above, but filled so that what a sheet
 * refers to (columns of Ranking and Indicators, rows of the histogram) is
 * placed first. */
static const enum city_sheet fill_order[CITY_N_SHEETS] = {
    CITY_RANKING, CITY_INTERVALS, CITY_INDICATORS, CITY_DISTRIBUTION,
    CITY_GRADES, CITY_GAPS,
    CITY_QUESTIONS, CITY_OIT, CITY_ZONES, CITY_CITY_TREND, CITY_TREND,
    CITY_MOVERS, CITY_ITEM_CHANGES, CITY_QUALITY, CITY_METHOD, CITY_MODEL,
    CITY_SUMMARY, CITY_PROGRESS,
    CITY_PROGRESS_DETAILS, CITY_ITEM_SCORES,
};

static void city_free(city *c)
{
    for (size_t i = 0; i < CITY_N_SHEETS; i++)
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
    bool opened = xlsx_ita_book_open(&b, path, rep, doc_title,
                                 rep->synthetic ? "Synthetic sample data" : "");
    free(doc_title);
    if (!opened)
        return false;
    city c = {.b = &b, .rep = rep, .m = rep->m, .ys = rep->current,
              .cs = rep->stats};
    c.main = xlsx_headline_measures(rep->m, &c.n_main);

    for (size_t i = 0; i < CITY_N_SHEETS; i++) {
        if (!sheet_wanted(rep, (enum city_sheet)i))
            continue;
        c.ws[i] = sheets[i].streamed
                      ? xlsx_add_streamed_sheet(&b, sheets[i].th, sheets[i].en)
                      : xlsx_add_sheet(&b, sheets[i].th, sheets[i].en);
        if (!c.ws[i]) {
            city_free(&c);
            xlsx_book_abort(&b);
            errno = EINVAL;
            return false;
        }
        c.ref[i] = xlsx_sheet_ref(c.ws[i]);
    }
    city_fit_names(&c);
    city_sheet_ranking_locate(&c);

    for (size_t i = 0; i < CITY_N_SHEETS; i++)
        if (c.ws[fill_order[i]])
            sheets[fill_order[i]].write(&c, c.ws[fill_order[i]]);

    bool extra_ok = !extra || extra(&b, extra_ctx);
    city_free(&c);
    if (!extra_ok) {
        xlsx_book_abort(&b);
        errno = EIO;
        return false;
    }
    return xlsx_book_close(&b);
}
