/* The Analysis sheet of an office workbook (office_sheets.h): the analysis
 * of the office's ITA result in words, as a district's published
 * measures (O42) open with it: the result (ITA, grade, the target, ranks
 * in the city and the zone, how sure the ITA is and the change since the
 * previous year when the input has one), what each tool reflects, and a
 * paragraph per indicator (its score against the city and zone medians,
 * what it is measured from, its items below the target with the weakness
 * each names).
 *
 * Every sentence is a phrase of the tables below, in the workbook's
 * language, filled with numbers of the report and the plan; nothing is
 * said that the data do not say.  The phrases are printf formats, so they
 * live here, typed and checked by the compiler, rather than in a file a
 * user edits (a format string read from a file could crash the program);
 * the words that depend on the item (the weakness a question names) come
 * from the measures library (measures.h). */
#include "office_sheets.h"
#include "text.h"

#include "textlayout.h"
#include "thai_digits.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many of an indicator's items below the target its paragraph names. */
#define WEAKEST_NAMED 3

/* One column, as wide as the printed plan, so that both print alike. */
enum { AC_TEXT, N_ANALYSIS_COLUMNS };
static const xlsx_column analysis_columns[N_ANALYSIS_COLUMNS] = {
    [AC_TEXT] = {"ผลการวิเคราะห์", "Analysis", 150, XLSX_WRAP},
};

/* The phrases, by language.  Every variant takes the arguments the
 * comment above it lists, in that order, and picks them by position. */
enum {
    P_TITLE, P_SECTION_RESULT, P_SECTION_TOOLS, P_SECTION_INDICATORS,
    P_RESULT,        /* office, year, ITA, grade */
    P_PASSES,        /* target, gap */
    P_FAILS,         /* target, gap */
    P_RANK,          /* rank, offices, zone rank, zone offices, zone */
    P_INTERVAL,      /* low, high */
    P_CHANGE,        /* year, its ITA, change */
    P_CHANGE_SIGNIFICANT,   /* low, high */
    P_CHANGE_NOT_SIGNIFICANT,  /* low, high */
    P_TOOL,          /* tool, its id, score */
    P_AGAINST,       /* city comparison, city median, zone comparison,
                        zone median */
    P_BELOW_COUNT,   /* items below, items */
    P_INDICATOR,     /* number, name, score */
    P_MEASURED,      /* items, tool, first item, last item */
    P_NONE_BELOW,    /* (none) */
    P_SOME_BELOW,    /* items below */
    P_WEAKEST,       /* (none): the heading of the list */
    P_WEAK_ITEM,     /* item id, question, score, gap */
    P_WEAKNESS,      /* the weakness */
    P_MORE_BELOW,    /* how many more */
    P_SOURCE,        /* (none) */
    N_PHRASES
};

static const char *const phrases[][N_PHRASES] = {
    [LANG_TH] = {
        [P_TITLE] = "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA)",
        [P_SECTION_RESULT] = "1. ผลการประเมิน",
        [P_SECTION_TOOLS] = "2. ผลรายเครื่องมือ",
        [P_SECTION_INDICATORS] = "3. ผลรายตัวชี้วัด",
        [P_RESULT] = "%1$s ได้คะแนน ITA ปี %2$d เท่ากับ %3$s คะแนน "
                     "อยู่ในระดับ %4$s",
        [P_PASSES] = "ผ่านค่าเป้าหมาย %1$s คะแนน",
        [P_FAILS] = "ต่ำกว่าค่าเป้าหมาย %1$s คะแนน อยู่ %2$s คะแนน",
        [P_RANK] = "อยู่ลำดับที่ %1$d จาก %2$zu สำนักงานเขต และลำดับที่ %3$d "
                   "จาก %4$zu สำนักงานเขตใน%5$s",
        [P_INTERVAL] = "ช่วงความเชื่อมั่น 95%% ของคะแนน ITA คือ %1$s ถึง %2$s",
        [P_CHANGE] = "เทียบกับปี %1$d (%2$s คะแนน) คะแนนเปลี่ยนแปลง %3$s "
                     "คะแนน",
        [P_CHANGE_SIGNIFICANT] = "(ช่วง 95%% %1$s ถึง %2$s) "
                                 "ซึ่งแตกต่างอย่างมีนัยสำคัญ",
        [P_CHANGE_NOT_SIGNIFICANT] = "(ช่วง 95%% %1$s ถึง %2$s) "
                                     "ซึ่งไม่แตกต่างอย่างมีนัยสำคัญ",
        [P_TOOL] = "%1$s (%2$s) ได้ %3$s คะแนน",
        [P_AGAINST] = "%1$sมัธยฐานของทุกเขต (%2$s) และ%3$sมัธยฐานของ"
                      "กลุ่มเขต (%4$s)",
        [P_BELOW_COUNT] = "มีข้อที่ต่ำกว่าค่าเป้าหมาย %1$zu จาก %2$zu ข้อ",
        [P_INDICATOR] = "ตัวชี้วัดที่ %1$zu %2$s ได้ค่าคะแนน %3$s คะแนน ซึ่ง",
        [P_MEASURED] = "ตัวชี้วัดนี้วัดจาก%2$s %1$zu ข้อ (ข้อ %3$s ถึง %4$s)",
        [P_NONE_BELOW] = "ไม่มีข้อที่ต่ำกว่าค่าเป้าหมาย",
        [P_SOME_BELOW] = "มีข้อที่ต่ำกว่าค่าเป้าหมาย %1$zu ข้อ",
        [P_WEAKEST] = "ข้อที่ต้องปรับปรุง (คะแนนต่ำสุดก่อน):",
        [P_WEAK_ITEM] = "%1$s %2$s ได้คะแนน %3$s คะแนน ต่ำกว่าเป้าหมาย %4$s คะแนน",
        [P_WEAKNESS] = "จุดอ่อน: %1$s",
        [P_MORE_BELOW] = "และอีก %1$zu ข้อ (ดูแผนปฏิบัติการ)",
        [P_SOURCE] = "ทุกประโยคเขียนจากคะแนนและสถิติในแฟ้มนี้ จุดอ่อนของแต่ละข้อ"
                     "มาจากคลังมาตรการ (measures.csv)",
    },
    [LANG_EN] = {
        [P_TITLE] = "Analysis of the Integrity and Transparency Assessment "
                    "(ITA) result",
        [P_SECTION_RESULT] = "1. The result",
        [P_SECTION_TOOLS] = "2. By tool",
        [P_SECTION_INDICATORS] = "3. By indicator",
        [P_RESULT] = "%1$s scored %3$s in the ITA of %2$d, grade %4$s",
        [P_PASSES] = "reaching the target of %1$s",
        [P_FAILS] = "%2$s points short of the target of %1$s",
        [P_RANK] = "It ranks %1$d of %2$zu offices, and %3$d of %4$zu in "
                   "%5$s",
        [P_INTERVAL] = "The 95%% interval of its ITA is %1$s to %2$s",
        [P_CHANGE] = "Against %1$d (%2$s) its ITA changed by %3$s points",
        [P_CHANGE_SIGNIFICANT] = "(95%% interval %1$s to %2$s): a "
                                 "significant change",
        [P_CHANGE_NOT_SIGNIFICANT] = "(95%% interval %1$s to %2$s): not a "
                                     "significant change",
        /* the model's English labels carry the tool's id already */
        [P_TOOL] = "%1$s scored %3$s",
        [P_AGAINST] = "%1$s the city median (%2$s) and %3$s the zone median "
                      "(%4$s)",
        [P_BELOW_COUNT] = "%1$zu of its %2$zu items are below the target",
        [P_INDICATOR] = "Indicator %1$zu, %2$s, scored %3$s: ",
        [P_MEASURED] = "It is measured by %1$zu items of the %2$s (%3$s to "
                       "%4$s)",
        [P_NONE_BELOW] = "none of them is below the target",
        [P_SOME_BELOW] = "%1$zu of them are below the target",
        [P_WEAKEST] = "To improve (lowest first):",
        [P_WEAK_ITEM] = "%1$s %2$s: %3$s, %4$s points below the target",
        [P_WEAKNESS] = "weakness: %1$s",
        [P_MORE_BELOW] = "and %1$zu more (see the Action plan)",
        [P_SOURCE] = "Every sentence is written from the scores and "
                     "statistics of this file; each item's weakness comes "
                     "from the measures library (measures.csv).",
    },
};

/* A score against a median, in words. */
enum { CMP_ABOVE, CMP_EQUAL, CMP_BELOW, N_CMP };
static const char *const comparisons[][N_CMP] = {
    [LANG_TH] = {"สูงกว่า", "เท่ากับ", "ต่ำกว่า"},
    [LANG_EN] = {"above", "equal to", "below"},
};

/* What a tool reflects, by its answer_type in the model. */
static const struct {
    const char *answer_type;
    const char *text[2];   /* [report_lang] */
} reflects[] = {
    {"survey", {"สะท้อนการรับรู้ของผู้ตอบแบบวัดนี้",
                "reflecting how its respondents see the office"}},
    {"check", {"สะท้อนข้อมูลที่ผู้ประเมินพบเผยแพร่บนเว็บไซต์ของสำนักงานเขต",
               "reflecting what the assessors found published on the "
               "office's website"}},
};

/* Sentences end so in each language. */
static const char *const full_stop[] = {[LANG_TH] = "", [LANG_EN] = "."};
static const char *const joiner[] = {[LANG_TH] = " ", [LANG_EN] = ", "};
/* Before an item's weakness. */
static const char *const weakness_sep[] = {[LANG_TH] = " ", [LANG_EN] = "; "};

/* Rows the sheet can hold, for its page breaks. */
#define MAX_ROWS 64

typedef struct {
    office_ctx *o;
    lxw_worksheet *ws;
    lxw_format *body, *heading;
    lxw_row_t row;
    report_lang lang;
    /* each row's height (points) and whether it must print on the page of
     * the next one (a heading and its first paragraph) */
    double height[MAX_ROWS];
    bool glue[MAX_ROWS];
} analysis_sheet;

static const char *say(const analysis_sheet *a, int phrase)
{
    return phrases[a->lang][phrase];
}

static char *score_text(double x)
{
    return xasprintf("%.2f", score_round2(x));
}

/* "85" or "84.50". */
static char *target_text(double x)
{
    double r = score_round2(x);
    return r == floor(r) ? xasprintf("%.0f", r) : xasprintf("%.2f", r);
}

static int compare(double value, double median)
{
    double v = score_round2(value), m = score_round2(median);
    return v > m ? CMP_ABOVE : v < m ? CMP_BELOW : CMP_EQUAL;
}

/* Appends sep (nothing at the start) and more (a new string it frees). */
static void add(char **out, const char *sep, char *more)
{
    char *joined = xasprintf("%s%s%s", *out, **out ? sep : "", more);
    free(*out);
    free(more);
    *out = joined;
}

/* A paragraph, the row as tall as it needs. */
static void paragraph(analysis_sheet *a, const char *text, lxw_format *fmt)
{
    xlsx_book *b = a->o->b;
    /* lines broken at libthai's word breaks, not LibreOffice's finer
     * ones (textlayout_wrap), and the numbers in Thai digits with
     * --thai-digits: this prose is generated, never read back */
    char *digits = xlsx_report(b)->thai_digits ? thai_digits_text(text)
                                       : xstrdup(text);
    char *lines_of_text = textlayout_wrap(
        digits, xlsx_column_width(analysis_columns[AC_TEXT].width),
        fmt->font_size);
    free(digits);
    xlsx_write_text(b, a->ws, a->row, AC_TEXT, lines_of_text, fmt);
    double lines = xlsx_text_lines(lines_of_text,
                                   analysis_columns[AC_TEXT].width,
                                   fmt->font_size);
    free(lines_of_text);
    xlsx_set_row_lines(a->ws, a->row, lines, fmt);
    if (a->row < MAX_ROWS) {
        a->height[a->row] = xlsx_lines_height(lines, fmt->font_size);
        a->glue[a->row] = fmt == a->heading;
    }
    a->row++;
}

/* Page breaks keeping each heading with its first paragraph: a page
 * filled with whole rows, broken before a heading that would end it. */
#define PAGE_ROOM 0.98
static void page_breaks(analysis_sheet *a, int scale)
{
    double body = xlsx_print_body_height(scale) * PAGE_ROOM, used = 0;
    lxw_row_t breaks[MAX_ROWS + 1];
    size_t n = 0;
    lxw_row_t end = a->row < MAX_ROWS ? a->row : MAX_ROWS;
    for (lxw_row_t r = 0; r < end;) {
        lxw_row_t last = r;
        double unit = a->height[r];
        while (a->glue[last] && last + 1 < end)
            unit += a->height[++last];
        if (used + unit > body && used > 0) {
            breaks[n++] = r;
            used = 0;
        }
        used += unit;
        r = last + 1;
    }
    breaks[n] = 0;
    if (n)
        xlsx_note_err(a->o->b, worksheet_set_h_pagebreaks(a->ws, breaks));
}

/* "สูงกว่ามัธยฐานของทุกเขต (80.12) และต่ำกว่ามัธยฐานของกลุ่มเขต (82.00)" */
static char *against_medians(const analysis_sheet *a, size_t measure,
                             double value)
{
    const report *rep = xlsx_report(a->o->b);
    const office *of = &rep->r->offices[a->o->plan->office];
    double city = rep->stats->city[measure].median;
    double zone = stats_zone_median(rep->stats, (size_t)of->zone, measure);
    char *c = score_text(city), *z = score_text(zone);
    char *out = xasprintf(say(a, P_AGAINST),
                          comparisons[a->lang][compare(value, city)], c,
                          comparisons[a->lang][compare(value, zone)], z);
    free(c);
    free(z);
    return out;
}

/* The result: ITA, grade, target, ranks, how sure, change. */
static void write_result(analysis_sheet *a)
{
    const report *rep = xlsx_report(a->o->b);
    const office_score *s = a->o->plan->score;
    const office *of = &rep->r->offices[a->o->plan->office];
    report_lang lang = a->lang;
    char *name = plans_office_name(rep->r, lang, a->o->plan->office);
    char *ita = score_text(s->ita);
    char *grade = xasprintf("%s (%s)", rep->m->grades[s->grade].id,
                            xlsx_grade_label(rep, s->grade));
    char *text = xasprintf(say(a, P_RESULT), name, rep->current->year, ita,
                           grade);
    char *target = target_text(rep->current->target);
    char *gap = score_text(s->gap);
    add(&text, joiner[lang],
        xasprintf(say(a, s->pass ? P_PASSES : P_FAILS), target, gap));
    add(&text, "", xstrdup(full_stop[lang]));
    size_t zone_n;
    stats_zone_ranking(rep->stats, (size_t)of->zone, &zone_n);
    add(&text, " ",
        xasprintf(say(a, P_RANK), s->rank, rep->current->n, s->zone_rank,
                  zone_n, xlsx_zone_name(rep, of->zone)));
    add(&text, "", xstrdup(full_stop[lang]));
    if (rep->uncertainty) {
        size_t pos = (size_t)(s - rep->current->offices);
        uncertainty_interval u = uncertainty_of(rep->uncertainty, pos, MEASURE_ITA);
        if (u.basis != UNCERTAINTY_UNKNOWN && u.se > 0) {
            char *low = score_text(u.low), *high = score_text(u.high);
            add(&text, " ", xasprintf(say(a, P_INTERVAL), low, high));
            add(&text, "", xstrdup(full_stop[lang]));
            free(low);
            free(high);
        }
    }
    const office_score *before =
        rep->previous ? scores_find(rep->previous, a->o->plan->office) : NULL;
    if (before) {
        char *was = score_text(before->ita);
        double delta = s->ita_r2 - before->ita_r2;
        char *change = xasprintf("%+.2f", delta);
        add(&text, " ", xasprintf(say(a, P_CHANGE), rep->previous->year, was,
                                  change));
        uncertainty_change ch;
        if (rep->previous_uncertainty && rep->uncertainty &&
            uncertainty_change_of(rep->previous_uncertainty, rep->uncertainty,
                               a->o->plan->office, MEASURE_ITA, &ch) &&
            ch.basis != UNCERTAINTY_UNKNOWN && !isnan(ch.se)) {
            char *low = xasprintf("%+.2f", ch.low);
            char *high = xasprintf("%+.2f", ch.high);
            add(&text, " ",
                xasprintf(say(a, ch.significant ? P_CHANGE_SIGNIFICANT
                                                : P_CHANGE_NOT_SIGNIFICANT),
                          low, high));
            free(low);
            free(high);
        }
        add(&text, "", xstrdup(full_stop[lang]));
        free(was);
        free(change);
    }
    paragraph(a, text, a->body);
    free(text);
    free(gap);
    free(target);
    free(grade);
    free(ita);
    free(name);
}

/* Items of a node (a tool or an indicator) and how many are below the
 * target, rounded as everywhere. */
static size_t items_of(const report *rep, const office_score *s, int node,
                       size_t *below, int *first, int *last)
{
    const model *m = rep->m;
    size_t n = 0;
    *below = 0;
    *first = *last = -1;
    for (size_t k = 0; k < m->n_items; k++) {
        int item = m->items[k];
        const model_node *it = &m->nodes[item];
        if (it->tool != node && it->indicator != node)
            continue;
        if (*first < 0)
            *first = item;
        *last = item;
        n++;
        *below += score_round2(s->node[item]) < rep->current->target;
    }
    return n;
}

static const char *reflect_text(const model_node *tool, report_lang lang)
{
    for (size_t k = 0; k < sizeof reflects / sizeof *reflects; k++)
        if (strcmp(reflects[k].answer_type, tool->answer_type) == 0)
            return reflects[k].text[lang];
    return NULL;
}

static void write_tools(analysis_sheet *a)
{
    const report *rep = xlsx_report(a->o->b);
    const model *m = rep->m;
    const office_score *s = a->o->plan->score;
    for (size_t t = 0; t < m->n_tools; t++) {
        int tool = m->tools[t];
        const model_node *n = &m->nodes[tool];
        char *score = score_text(s->node[tool]);
        char *text = xasprintf(say(a, P_TOOL), xlsx_node_label(rep, tool),
                               n->id, score);
        add(&text, joiner[a->lang],
            against_medians(a, model_node_measure(tool), s->node[tool]));
        const char *reflect = reflect_text(n, a->lang);
        if (reflect)
            add(&text, joiner[a->lang], xstrdup(reflect));
        add(&text, "", xstrdup(full_stop[a->lang]));
        size_t below;
        int first, last;
        size_t items = items_of(rep, s, tool, &below, &first, &last);
        add(&text, " ", xasprintf(say(a, P_BELOW_COUNT), below, items));
        add(&text, "", xstrdup(full_stop[a->lang]));
        paragraph(a, text, a->body);
        free(text);
        free(score);
    }
}

/* Plan rows of an indicator's items below the target, lowest score
 * first (ties in model order), into rows; returns their number. */
static size_t weakest_rows(const office_plan *plan, int indicator,
                           const plan_row **rows)
{
    size_t n = 0;
    for (size_t i = 0; i < plan->n_rows; i++) {
        const plan_row *r = &plan->rows[i];
        if (r->indicator != indicator || r->kind != PLAN_RAISE)
            continue;
        size_t k = n++;
        while (k > 0 && score_round2(rows[k - 1]->score) >
                            score_round2(r->score)) {
            rows[k] = rows[k - 1];
            k--;
        }
        rows[k] = r;
    }
    return n;
}

static void write_indicators(analysis_sheet *a)
{
    const report *rep = xlsx_report(a->o->b);
    const model *m = rep->m;
    const office_plan *plan = a->o->plan;
    const office_score *s = plan->score;
    const plan_row **rows =
        xmalloc((plan->n_rows ? plan->n_rows : 1) * sizeof *rows);
    for (size_t i = 0; i < m->n_indicators; i++) {
        int ind = m->indicators[i];
        char *score = score_text(s->node[ind]);
        char *text = xasprintf(say(a, P_INDICATOR), i + 1,
                               xlsx_node_label(rep, ind), score);
        add(&text, "", against_medians(a, model_node_measure(ind),
                                       s->node[ind]));
        add(&text, "", xstrdup(full_stop[a->lang]));
        size_t below;
        int first, last;
        size_t items = items_of(rep, s, ind, &below, &first, &last);
        int tool = m->nodes[ind].tool;
        add(&text, " ",
            xasprintf(say(a, P_MEASURED), items, xlsx_node_label(rep, tool),
                      first >= 0 ? m->nodes[first].id : "",
                      last >= 0 ? m->nodes[last].id : ""));
        add(&text, joiner[a->lang],
            below ? xasprintf(say(a, P_SOME_BELOW), below)
                  : xstrdup(say(a, P_NONE_BELOW)));
        add(&text, "", xstrdup(full_stop[a->lang]));
        size_t n = weakest_rows(plan, ind, rows);
        if (n)
            add(&text, "\n", xstrdup(say(a, P_WEAKEST)));
        for (size_t k = 0; k < n && k < WEAKEST_NAMED; k++) {
            const plan_row *r = rows[k];
            char *sc = score_text(r->score), *gap = score_text(r->gap);
            char *line = xasprintf(say(a, P_WEAK_ITEM), m->nodes[r->item].id,
                                   xlsx_node_label(rep, r->item), sc, gap);
            if (*r->weakness)
                add(&line, weakness_sep[a->lang],
                    xasprintf(say(a, P_WEAKNESS), r->weakness));
            add(&text, "\n", line);
            free(sc);
            free(gap);
        }
        if (n > WEAKEST_NAMED)
            add(&text, "\n", xasprintf(say(a, P_MORE_BELOW),
                                       n - WEAKEST_NAMED));
        paragraph(a, text, a->body);
        free(text);
        free(score);
    }
    free(rows);
}

void office_sheet_analysis_write(office_ctx *o, lxw_worksheet *ws)
{
    xlsx_book *b = o->b;
    const report *rep = xlsx_report(b);
    analysis_sheet a = {.o = o, .ws = ws, .lang = rep->lang};
    a.body = xlsx_derived_format(b, XLSX_WRAP, "@");
    format_set_text_wrap(a.body);
    a.heading = b->f.subtitle;
    char *name = plans_office_name(rep->r, rep->lang, o->plan->office);
    char *subtitle = rep->lang == LANG_EN
        ? xasprintf("%s, ITA of %d", name, rep->current->year)
        : xasprintf("%s ผลการประเมินปี %d", name, rep->current->year);
    if (rep->thai_digits) {
        char *digits = thai_digits_text(subtitle);
        free(subtitle);
        subtitle = digits;
    }
    double width = analysis_columns[AC_TEXT].width;
    office_set_widths(b, ws, analysis_columns, N_ANALYSIS_COLUMNS);
    a.row = office_heading(
        b, ws,
        &(office_heading_text){
            .last_col = AC_TEXT,
            .width = width,
            .title = say(&a, P_TITLE),
            .subtitle = subtitle});
    /* the heading's rows: the title and the lines under it */
    for (lxw_row_t r = 0; r < a.row && r < MAX_ROWS; r++)
        a.height[r] = xlsx_lines_height(1, r ? b->f.subtitle->font_size
                                             : b->f.title->font_size);
    free(subtitle);
    free(name);
    paragraph(&a, say(&a, P_SECTION_RESULT), a.heading);
    write_result(&a);
    paragraph(&a, say(&a, P_SECTION_TOOLS), a.heading);
    write_tools(&a);
    paragraph(&a, say(&a, P_SECTION_INDICATORS), a.heading);
    write_indicators(&a);
    a.row++;
    paragraph(&a, say(&a, P_SOURCE), b->f.note);
    int scale = xlsx_fit_scale(analysis_columns, N_ANALYSIS_COLUMNS);
    xlsx_print_setup_scaled(b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT, scale);
    page_breaks(&a, scale);
    xlsx_note_err(b, worksheet_print_area(ws, 0, 0, a.row - 1, AC_TEXT));
    office_protect(ws, o->protect);
}
