/*
 * plans: the action plan of one office as data, computed once after the
 * statistics and read by the workbook writers (which compute nothing).
 *
 * Rows.  One row (PLAN_RAISE) for every item whose score, rounded to 2
 * decimals, is below the target, in model order (so grouped by tool and
 * indicator).  An office with nothing below the target still gets a plan:
 * rows (PLAN_KEEP) to keep up its PLANS_KEEP_WEAKEST lowest items and the
 * items the measures library keeps current in every plan (in_every_plan:
 * the plan itself and its progress report, O42 and O43 on the 2564 model),
 * in model order.  An office scored from published figures only (no item
 * scores, scores.h) gets an indicator-level plan instead
 * (plans_indicator.h): plans_compute_office hands it over.
 *
 * Each row carries the gap, the ITA points the item would gain at its
 * goal, the office's rank among the offices, how many offices are below
 * the target on the item, whether that makes it a city-wide weakness, the
 * best office to learn from, an analysis written from these numbers, the
 * priority with the factors that gave it, the measures, monitoring,
 * evidence and responsible units of the measures library, the quarter by
 * which the measures are in place, quarterly milestones within the plan's
 * fiscal year and a success indicator.
 *
 * Gains come from the model: an item's ita_weight (ITA points per point of
 * its score) times the points it lacks to its goal.  The goal is the target,
 * except for disclosure items (answer_type "published"), which are either
 * published (100) or not (0), so their goal is 100; a PLAN_KEEP row's goal
 * is the score it has (100 for a disclosure item), and it gains nothing.
 * ITA is linear in the item scores, so the projection (ITA plus the sum of
 * the gains) is exact.
 *
 * City-wide rule: an item is a city-wide weakness when at least a third of
 * the offices scored (this one included) are below the target on it
 * (n_below * 3 >= n_offices), the count the Questions sheet of the city
 * workbook gives at the same target; otherwise it is a local weakness.
 *
 * Priority rule: a row scores points for each factor that fires
 *   PLAN_F_GAIN_MAJOR   gains at least 0.50 ITA points          +2
 *   PLAN_F_GAIN_MINOR   gains at least 0.20 (and less than 0.50) +1
 *   PLAN_F_WIDE_GAP     at least 10 points below the target       +1
 *   PLAN_F_BOTTOM       among the lowest fifth of the offices     +1
 *                       (fewer than n/5 offices rank below it)
 *   PLAN_F_LOCAL        a local weakness (see above): most offices
 *                       manage the item, so the office lags them  +1
 * and is "high" from 3 points, "medium" from 2, else "low".  "High" names
 * the few rows that matter most: at most PLANS_HIGH_SHARE of the plan's
 * rows (a fifth, rounded down) are high, those with the most points, then
 * the most ITA points gained, then the worst rank (then model order); the
 * other rows of 3 points or more are "medium".  A row whose office is last
 * of all offices on the item (PLAN_F_LAST) is at least "medium": being
 * last is never a low priority.  PLAN_F_CITY_WIDE and PLAN_F_KEEP score
 * nothing; they say why the row is there.  Each row keeps the factors that
 * fired and a sentence naming them (reason).
 *
 * Schedule: every quarter takes its share of the rows (a fourth, the first
 * quarters one more when the rows do not divide evenly).  Rows are placed
 * in priority order (high first; then most ITA points gained; then model
 * order), each in the quarter the measures library gives it, else the
 * next quarter with room, else an earlier one; within a quarter the lead
 * unit of the library leads unless it already leads PLANS_UNIT_SHARE of
 * the quarter's rows (a third, rounded down, at least one), when the
 * first unit the library names as an alternative (lead_alternatives)
 * that does not takes the lead, the library's lead then supporting.  A
 * row whose units are all at their share in every quarter with room goes
 * to the least loaded of them in the first quarter with room.  The due
 * date is the end of the row's quarter.
 *
 * Rows kept in every plan: the items the measures library marks
 * in_every_plan (O42 and O43 on the 2564 model, the plan and the report
 * on carrying it out, which every district publishes yearly) have a row
 * in every plan, PLAN_KEEP when not below the target.
 *
 * Fiscal year: the plan is for the fiscal year after the assessment's
 * (B.E.); Thai fiscal year Y runs from 1 October of Y-1 to 30 September of
 * Y, its quarter 1 is October to December of Y-1 ... quarter 4 July to
 * September of Y.  Dates are given in C.E.
 */
#ifndef ITABENCH_PLANS_H
#define ITABENCH_PLANS_H

#include "lang.h"
#include "measures.h"
#include "model.h"
#include "registry.h"
#include "scores.h"
#include "stats.h"

#include <stdbool.h>
#include <stddef.h>

/* What plans are computed from (all borrowed): the model, the registry
 * (office names), the year planned for and its statistics, the measures
 * library, and the language of the texts. */
typedef struct {
    const model *m;
    const registry *r;
    const year_scores *current;  /* the year planned for */
    const city_stats *stats;     /* its statistics */
    const struct measures_library *measures;
    report_lang lang;
} plans_input;

/* How many of its lowest items an office with nothing below the target
 * keeps up in its plan. */
#define PLANS_KEEP_WEAKEST 3

#define PLAN_QUARTERS 4

/* The schedule's and the priority's shares (plans.h header): high rows at
 * most rows / PLANS_HIGH_SHARE; a unit leads at most quarter_rows /
 * PLANS_UNIT_SHARE of a quarter (at least one). */
#define PLANS_HIGH_SHARE 5
#define PLANS_UNIT_SHARE 3

/* Priority bands, best first (see plans.c for the table). */
typedef struct {
    const char *id;          /* "high", "medium", "low" */
    const char *label[2];    /* [report_lang] */
    int min_points;          /* lowest score of the band */
} plan_priority;

/* The factors of the priority rule, as bits of plan_row.factors. */
enum {
    PLAN_F_GAIN_MAJOR = 1u << 0,
    PLAN_F_GAIN_MINOR = 1u << 1,
    PLAN_F_WIDE_GAP = 1u << 2,
    PLAN_F_BOTTOM = 1u << 3,
    PLAN_F_LAST = 1u << 4,
    PLAN_F_LOCAL = 1u << 5,
    PLAN_F_CITY_WIDE = 1u << 6,
    PLAN_F_KEEP = 1u << 7,
};

typedef enum {
    PLAN_RAISE,   /* below the target: raise it to its goal */
    PLAN_KEEP,    /* not below: keep it up (or published and current) */
} plan_row_kind;

/* A calendar date, C.E. */
typedef struct {
    int year, month, day;
} plan_date;

typedef struct {
    plan_row_kind kind;
    int item;               /* model node index */
    int indicator;          /* model node index of its indicator */
    int tool;               /* model node index of its tool */
    double score;           /* full precision, as input */
    double target;          /* the run's target */
    double goal;            /* score the gain is counted at, and the success
                               indicator's score */
    double gap;             /* target - score rounded to 2 decimals; 0 for
                               PLAN_KEEP */
    double ita_weight;      /* ITA points per point of this item */
    double gain;            /* ita_weight * (goal - score); 0 for PLAN_KEEP */
    size_t priority;        /* index into plans_priorities() */
    unsigned factors;       /* PLAN_F_* bits that fired */
    int points;             /* the priority rule's score */
    int rank;               /* the office's competition rank on the item */
    size_t n_offices;       /* offices scored this year */
    size_t n_below;         /* offices whose rounded score is below target */
    bool city_wide;         /* n_below * 3 >= n_offices */
    bool unpublished;       /* a disclosure item at 0: must be published */
    bool disclosure;        /* a disclosure item (goal 100) */
    int best_office;        /* registry index of the best office on the item */
    double best_score;
    int quarter;            /* 1..4: measures in place by its end */
    plan_date due;          /* the end of that quarter */
    /* In the report's language (owned by the row): */
    char *analysis;         /* the numbers in words: the score against
                               the target, the rank among the offices and
                               how many offices are below the target on
                               the item ("79.50 ต่ำกว่าเป้าหมาย 5.50 คะแนน;
                               ลำดับที่ 40 จาก 50 เขต; 22 เขตต่ำกว่า
                               เป้าหมายในข้อนี้ (จุดอ่อนร่วมของเมือง)") */
    char *reason;           /* why the priority: the factors that fired */
    char *codes;            /* the same as the codes of those factors,
                               "ก ค ง" ("A C D"), which the printed plan
                               shows (plans_priority_legend) */
    char *timeframe;        /* when it is carried out and monitored */
    char *success;          /* success indicator: the goal at the next
                               ITA ("85 ขึ้นไปใน ITA ปี 2565"); evidence
                               says how it is verified */
    const char *milestone[PLAN_QUARTERS];  /* what is done by the end of
                                              each quarter (static text) */
    /* from the measures library, in the report's language (borrowed);
     * weakness is the question read negatively ("" when the library has
     * none), budget a budget hint (may be "") */
    const char *measure, *monitoring, *publish, *evidence, *weakness,
        *budget;
    /* The units as the schedule assigns them (see Schedule above), "; "
     * lists as the library writes them: lead_unit and support_units are
     * owned by the row, lead and support point to them. */
    const char *lead, *support;
    char *lead_unit, *support_units;
    /* The row of an edited workbook this one replaces (returned.h), whose
     * status, owner, due date, measures and target score are written
     * instead of the defaults; NULL for a new row.  Borrowed. */
    const struct returned_row_s *carried;
    /* An item of the edited plan it replaces that is no longer below the
     * target: kept (kind PLAN_KEEP) rather than dropped, and marked. */
    bool kept;
} plan_row;

typedef struct {
    int office;                /* registry index */
    const office_score *score; /* borrowed from the report's current year */
    plan_row *rows;            /* model order */
    size_t n_rows;
    size_t n_raise;            /* rows of kind PLAN_RAISE */
    /* [n_rows] row indices: the PLAN_RAISE rows, most points first (ties
     * in model order), then the PLAN_KEEP rows, which gain nothing.  The
     * path to target is its first n_raise steps. */
    size_t *path;
    double *projected;         /* [n_rows] ITA after path steps 0..k */
    /* Steps of the path needed to reach the target: 0 when the office
     * already passes, PLANS_UNREACHABLE when even every step is not
     * enough. */
    size_t steps_to_target;
    double total_gain;         /* sum of every row's gain */
    int fiscal_year;           /* the plan's, B.E. */
    plan_date quarter_start[PLAN_QUARTERS], quarter_end[PLAN_QUARTERS];
    /* The date the O43 report is as of, when the edited workbook
     * (returned.h) has one other than the fiscal year's end: the date
     * typed (report_as_of_set), or a text that is no date, kept as typed
     * (report_as_of_text, borrowed from the edited plan; else NULL). */
    plan_date report_as_of;
    bool report_as_of_set;
    const char *report_as_of_text;
    /* texts the rows borrow that the plan owns (the grouped measures of
     * an indicator-level plan, plans_indicator.h); freed with it */
    char **owned_texts;
    size_t n_owned_texts;
} office_plan;

#define PLANS_UNREACHABLE ((size_t)-1)

/* The text that starts the hidden cell of an office workbook's plan sheet
 * saying what the plan was drawn from: "itabench-plan year=<B.E.>
 * office=<code>" (written by the plan sheet, read back by returned.h). */
#define PLANS_RETURN_MARKER "itabench-plan"

/* What an office workbook names, Thai then English, that reading a plan
 * back (returned.h) looks for: the sheets, and the plan's header cells of
 * what can be edited.  Pairs, for the initialisers of both sides. */
#define PLANS_SHEET_PROFILE "ภาพรวม", "Profile"
#define PLANS_SHEET_PLAN "แผนปฏิบัติการ", "Action plan"
#define PLANS_SHEET_ANALYSIS "วิเคราะห์ผล", "Analysis"
#define PLANS_SHEET_REPORT "รายงานผล O43", "O43 report"
#define PLANS_REPORT_AS_OF "รายงาน ณ วันที่ (แก้ไขได้)", "Report as of (editable)"
#define PLANS_PROFILE_TARGET "ค่าเป้าหมาย", "Target"
/* The sign-off under the plan: its roles, and the words its lines start
 * with (reading a plan back knows the block by them). */
#define PLANS_SIGN_PREPARED "ผู้จัดทำแผน", "Prepared by"
#define PLANS_SIGN_REVIEWED "ผู้ตรวจสอบ", "Reviewed by"
#define PLANS_SIGN_APPROVED "ผู้อนุมัติ", "Approved by"
#define PLANS_SIGN_NAME "ลงชื่อ ", "Signed "
#define PLANS_SIGN_POSITION "ตำแหน่ง ", "Position "
#define PLANS_SIGN_DATE "วันที่ ", "Date "
#define PLANS_HEAD_ITEM "ข้อ", "Item"
#define PLANS_HEAD_GOAL "เป้าหมาย", "Target score"
#define PLANS_HEAD_MEASURE "มาตรการ/แนวทางปฏิบัติ", "Measures"
#define PLANS_HEAD_MONITORING "แนวทางการกำกับติดตาม", "Monitoring"
#define PLANS_HEAD_UNITS "ฝ่ายที่รับผิดชอบ", "Responsible sections"
#define PLANS_HEAD_DUE "กำหนดเสร็จ", "Due date"
#define PLANS_HEAD_STATUS "สถานะ", "Status"
#define PLANS_HEAD_OWNER "ผู้ดำเนินการ", "Owner"
#define PLANS_HEAD_BUDGET "งบประมาณ", "Budget"
#define PLANS_HEAD_RESULT "ผลการดำเนินงาน", "Result"
#define PLANS_HEAD_EVIDENCE "หลักฐาน", "Evidence"

/* The units of a row as the plan sheet writes them: the lead units (a
 * "; " list, as the library writes lists) on the first line, the
 * supporting ones on the second, each list joined as the language writes
 * it (" " in Thai, ", " in English), the names as the district writes
 * them ("ฝ่าย" kept).  support may be "" (one line).  A new string. */
char *plans_units_text(report_lang lang, const char *lead,
                       const char *support);

/* Which lead of the item of e lead is, in lang: 0 the library's lead,
 * k >= 1 the k-th of its alternatives (lead_alternatives), -1 neither.
 * The plan's marker records it for every row whose lead is not the
 * library's, so that reading the plan back knows what was written. */
int plans_lead_alternative(const measure_entry *e, report_lang lang,
                           const char *lead);

/* Whether text, a units cell read back from a plan in lang, is what the
 * plan sheet wrote for the item of e under the lead it wrote
 * (plans_lead_alternative's number; the lead given up joins the
 * supporting units), line breaks aside (text_same_but_breaks).  lead < 0
 * when the plan does not say which lead it wrote (written before its
 * marker recorded it): any the schedule may give is then no edit.  A lead
 * swapped for another the schedule did not write is an edit. */
bool plans_units_as_written(const measure_entry *e, report_lang lang,
                            const char *text, int lead);

typedef struct plan_set {
    office_plan *plans;        /* in the order asked for */
    size_t n;
} plan_set;

/* The priority bands, best first; *n receives their number. */
const plan_priority *plans_priorities(size_t *n);

/* Computes the action plan of one office (a position in
 * in->current->offices) from in's scores, statistics and measures
 * (in->measures must be set).  Texts are in in->lang.  Free with
 * plans_free_office. */
void plans_compute_office(const plans_input *in, size_t position,
                          office_plan *out);

/* An edit of an earlier plan of the same office and year that a new plan
 * keeps (returned_edits, returned.h): the item keeps its row, and the
 * target score typed in (NAN: none) is the row's goal. */
typedef struct {
    int item;                /* model node index */
    double goal;
    bool deleted;            /* the district deleted the item's row: it
                                stays deleted */
} plan_edit;

/* plans_compute_office, keeping edits[0..n_edits): an item of edits that
 * would have no row gets one of kind PLAN_KEEP with kept set, an item of
 * a deleted edit gets no row; a goal
 * typed in replaces the row's goal, and its gain is then ita_weight times
 * the points the goal is above the score (0 when not above), as the plan
 * sheet's formula counts it.  Free with plans_free_office. */
void plans_compute_office_edited(const plans_input *in, size_t position,
                                 const plan_edit *edits, size_t n_edits,
                                 office_plan *out);

void plans_free_office(office_plan *plan);

/* For plans drawn up by other modules (plans_indicator.h): fills the
 * plan's fiscal quarters from plan->fiscal_year. */
void plans_set_quarters(office_plan *plan);

/* For plans drawn up by other modules: a row whose kind, node, score,
 * target, goal, gap, ita_weight, gain, rank, counts, best office, quarter
 * and texts from the library are set gets whether it is city-wide (the
 * rule above), its priority (from sum, the city statistics of its
 * measure), due date, milestones,
 * analysis, reason, codes, timeframe and success indicator, as item rows
 * do. */
void plans_finish_row(const plans_input *in, const office_plan *plan,
                      const stats_summary *sum, bool every_plan,
                      plan_row *row);

/* For plans drawn up by other modules: orders the path to the target
 * and the projected ITA of plan's rows. */
void plans_finish_path(office_plan *plan, double target);

/* Computes the plans of the offices given as registry indices (all offices
 * scored this year when offices is NULL), in that order; offices without
 * scores this year are skipped.  Free with plans_free. */
plan_set *plans_compute(const plans_input *in, const int *offices,
                        size_t n_offices);

void plans_free(plan_set *set);

/* The plan of an office (registry index) in a set, or NULL. */
const office_plan *plans_find(const plan_set *set, int office);

/* Returns a new string: the office's name as a sentence would use it in
 * the language (Thai names get the "สำนักงานเขต" prefix they lack). */
char *plans_office_name(const registry *r, report_lang lang,
                        int office_index);

/* Returns a new string: the priority rule in one paragraph, each factor
 * with the code rows show it by (plan_row.codes) and its points. */
char *plans_priority_legend(report_lang lang);

/* Returns a new string: the schedule rule (plans.h) in one sentence. */
char *plans_schedule_legend(report_lang lang);

/* Returns a new string: how to read a row's analysis (plan_row.analysis
 * and the sampling-error mark the plan sheet adds), in one paragraph. */
char *plans_analysis_legend(report_lang lang);

/* Returns a new string: the quarterly milestones in one sentence, what
 * is done before the quarter a row is due, in it and after it. */
char *plans_milestone_legend(report_lang lang);

/* Returns a new string: a date as the report's language writes it in a
 * sentence, "30 ก.ย. 2565" (B.E.) or "30 Sep 2022" (C.E.). */
char *plans_date_text(report_lang lang, plan_date d);

/* Reads a date in text into *d, C.E.: "YYYY-MM-DD" (after it the text
 * must end, or with allow_time go on with 'T', a date and time as
 * xlsxread gives a date cell), or as Thai offices type dates, day first:
 * "30/9/2565", "30/09/65", "30-9-2022", "30 ก.ย. 2565", "30 กันยายน
 * 2565", "30 Sep 2022", Thai digits allowed.  Years: four digits above
 * 2400 are B.E., other four-digit years C.E., two digits B.E. 25YY.
 * False when it is none of these forms or not a day of the calendar (29
 * February only in a leap year); *d is then undefined. */
bool plans_parse_date(const char *text, bool allow_time, plan_date *d);

/* <0, 0 or >0 as a is before, the same day as, or after b. */
int plans_date_cmp(plan_date a, plan_date b);

#endif
