#include "plans.h"
#include "plans_indicator.h"
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Priority bands by the points of the priority rule (plans.h). */
static const plan_priority priorities[] = {
    {"high", {"สูง", "high"}, 3},
    {"medium", {"ปานกลาง", "medium"}, 2},
    {"low", {"ต่ำ", "low"}, 0},
};
#define N_PRIORITIES (sizeof priorities / sizeof *priorities)
#define PRIORITY_MEDIUM 1   /* the floor of a row last of all offices */

/* Thresholds of the priority rule's factors. */
#define GAIN_MAJOR 0.50     /* ITA points */
#define GAIN_MINOR 0.20
#define WIDE_GAP 10.0       /* points below the target */
/* Bottom fifth: rank * BOTTOM_OUT_OF > n * BOTTOM_ABOVE */
#define BOTTOM_ABOVE 4
#define BOTTOM_OUT_OF 5
/* City-wide: n_below * CITY_WIDE_SHARE >= n_offices (a third) */
#define CITY_WIDE_SHARE 3

/* Disclosure items score 0 or 100 (published or not): their goal is the
 * full score, not the target. */
#define FULL_SCORE 100.0

/* Gains are compared at this resolution when ordering the path, so that
 * binary noise never decides between two equal gains (model order does). */
#define GAIN_RESOLUTION 1e6

/* Arguments a factor's phrase takes. */
typedef enum {
    ARG_GAIN, ARG_GAP, ARG_RANK, ARG_COUNT, ARG_SPREAD, ARG_NONE
} factor_args;

/* The factors of the priority rule: bit, points, the phrase that names
 * it in a row's reason, the code the printed plan shows for it and the
 * words of the rule's legend, by language. */
static const struct {
    unsigned bit;
    int points;
    factor_args args;
    const char *phrase[2];
    const char *code[2];
    const char *legend[2];
} factors[] = {
    {PLAN_F_GAIN_MAJOR, 2, ARG_GAIN, {"ITA +%s", "ITA +%s"}, {"ก", "A"},
     {"ITA เพิ่มตั้งแต่ 0.50", "ITA +0.50 or more"}},
    {PLAN_F_GAIN_MINOR, 1, ARG_GAIN, {"ITA +%s", "ITA +%s"}, {"ข", "B"},
     {"ITA เพิ่ม 0.20–0.49", "ITA +0.20 to 0.49"}},
    {PLAN_F_WIDE_GAP, 1, ARG_GAP,
     {"ต่ำกว่าเป้าหมาย %.2f", "%.2f below the target"}, {"ค", "C"},
     {"ต่ำกว่าเป้าหมายตั้งแต่ 10", "10 or more below the target"}},
    {PLAN_F_LAST, 0, ARG_COUNT, {"ต่ำสุดใน %zu เขต", "lowest of %zu"},
     {"ง", "D"},
     {"ต่ำสุดของทุกเขต (อย่างน้อยปานกลาง)",
      "lowest of all offices (at least medium)"}},
    {PLAN_F_BOTTOM, 1, ARG_RANK,
     {"ลำดับ %d/%zu (ท้าย 1/5)", "rank %d of %zu (lowest fifth)"},
     {"จ", "E"},
     {"หนึ่งในห้าท้าย", "lowest fifth"}},
    {PLAN_F_LOCAL, 1, ARG_SPREAD,
     {"จุดอ่อนเฉพาะเขต (%zu/%zu)", "local (%zu of %zu below)"}, {"ฉ", "F"},
     {"จุดอ่อนเฉพาะเขต", "local weakness"}},
    {PLAN_F_CITY_WIDE, 0, ARG_SPREAD,
     {"จุดอ่อนร่วม (%zu/%zu)", "city-wide (%zu of %zu below)"}, {"ช", "G"},
     {"จุดอ่อนร่วม", "city-wide weakness"}},
    {PLAN_F_KEEP, 0, ARG_NONE, {"รักษาระดับ", "keep up"}, {"ซ", "H"},
     {"รักษาระดับ", "kept up"}},
};
#define N_FACTORS (sizeof factors / sizeof *factors)

/* Month abbreviations: Thai (with the B.E. year) and English (C.E.). */
static const char *const month_abbr[2][12] = {
    {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.",
     "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."},
    {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
     "Nov", "Dec"},
};
#define BE_OFFSET 543

/* Milestones by stage of a measure in a quarter, for survey and disclosure
 * items, by language. */
enum { STAGE_BEFORE, STAGE_DUE, STAGE_AFTER, N_STAGES };
static const char *const milestones[N_STAGES][2][2] = {
    [STAGE_BEFORE] = {{"ดำเนินการ", "Under way"},
                      {"เตรียมข้อมูล", "Preparing"}},
    [STAGE_DUE] = {{"แล้วเสร็จ มีหลักฐาน", "In place, evidence filed"},
                   {"เผยแพร่ครบถ้วน", "Published in full"}},
    [STAGE_AFTER] = {{"ติดตามผล", "Monitored"},
                     {"ตรวจว่าเป็นปัจจุบัน", "Kept current"}},
};

const plan_priority *plans_priorities(size_t *n)
{
    *n = N_PRIORITIES;
    return priorities;
}

static size_t priority_of(int points)
{
    for (size_t p = 0; p < N_PRIORITIES; p++)
        if (points >= priorities[p].min_points)
            return p;
    return N_PRIORITIES - 1;
}

char *plans_office_name(const registry *r, report_lang lang, int office_index)
{
    const office *o = &r->offices[office_index];
    if (lang == LANG_EN)
        return xstrdup(o->name_en);
    static const char office_prefix[] = "สำนักงาน";
    static const char district_prefix[] = "เขต";
    if (strncmp(o->name_th, office_prefix, strlen(office_prefix)) == 0)
        return xstrdup(o->name_th);
    if (strncmp(o->name_th, district_prefix, strlen(district_prefix)) == 0)
        return xasprintf("%s%s", office_prefix, o->name_th);
    return xasprintf("%s%s%s", office_prefix, district_prefix, o->name_th);
}

/* "85" for a whole number, else "84.50": targets read better without
 * trailing zeros. */
static char *short_number(double x)
{
    double r = score_round2(x);
    return r == floor(r) ? xasprintf("%.0f", r) : xasprintf("%.2f", r);
}

/* Appends sep (nothing at the start) and more, a new string it frees, to
 * *out. */
static void append(char **out, const char *sep, char *more)
{
    char *joined = xasprintf("%s%s%s", *out, **out ? sep : "", more);
    free(*out);
    free(more);
    *out = joined;
}

/* "0.13", or "<0.01" when it would print as 0.00. */
static char *points_text(double x)
{
    return x < 0.005 ? xstrdup("<0.01") : xasprintf("%.2f", score_round2(x));
}

/* Month names as dates are typed, Thai and English, long and short:
 * compared without dots and spaces, ASCII case aside. */
static const char *const month_words[12][5] = {
    {"มกราคม", "มค", "january", "jan", NULL},
    {"กุมภาพันธ์", "กพ", "february", "feb", NULL},
    {"มีนาคม", "มีค", "march", "mar", NULL},
    {"เมษายน", "เมย", "april", "apr", NULL},
    {"พฤษภาคม", "พค", "may", NULL, NULL},
    {"มิถุนายน", "มิย", "june", "jun", NULL},
    {"กรกฎาคม", "กค", "july", "jul", NULL},
    {"สิงหาคม", "สค", "august", "aug", NULL},
    {"กันยายน", "กย", "september", "sep", "sept"},
    {"ตุลาคม", "ตค", "october", "oct", NULL},
    {"พฤศจิกายน", "พย", "november", "nov", NULL},
    {"ธันวาคม", "ธค", "december", "dec", NULL},
};

/* The month a word names (1..12), or 0: the word without dots, spaces
 * and ASCII case. */
static int month_of_word(const char *word, size_t len)
{
    char *key = xmalloc(len + 1), *k = key;
    for (size_t i = 0; i < len; i++)
        if (word[i] != '.' && word[i] != ' ')
            *k++ = (char)tolower((unsigned char)word[i]);
    *k = '\0';
    int month = 0;
    for (int m = 0; m < 12 && !month; m++)
        for (int w = 0; w < 5 && month_words[m][w] && !month; w++)
            if (strcmp(key, month_words[m][w]) == 0)
                month = m + 1;
    free(key);
    return month;
}

/* A year as typed: 4 digits above 2400 are B.E., other 4-digit years
 * C.E.; 2 digits are the B.E. years 25YY, as Thai offices shorten them
 * ("30/09/65" is 30 September 2565 B.E., 2022). */
static bool year_of(const char *digits, size_t len, int *year)
{
    if (len != 2 && len != 4)
        return false;
    int y = atoi(digits);
    *year = len == 2 ? 2500 + y - BE_OFFSET
                     : y > 2400 ? y - BE_OFFSET : y;
    return true;
}

/* The text forms of a date: "D/M/Y" (or '-', '.'), "D MONTH Y" with the
 * month in words (month_words), day first always; Thai digits and extra
 * spaces allowed (text_clean). */
static bool parse_date_text(const char *text, plan_date *d)
{
    char *clean = text_clean(text);
    const char *s = clean;
    bool ok = false;
    size_t n = strspn(s, "0123456789");
    if (n >= 1 && n <= 2) {
        d->day = atoi(s);
        s += n;
        if ((*s == '/' || *s == '-' || *s == '.') && isdigit((unsigned char)s[1])) {
            char sep = *s++;
            n = strspn(s, "0123456789");
            d->month = n >= 1 && n <= 2 ? atoi(s) : 0;
            s += n;
            if (d->month && *s == sep) {
                s++;
                n = strspn(s, "0123456789");
                ok = !s[n] && year_of(s, n, &d->year);
            }
        } else if (*s == ' ') {
            s++;
            /* the month: up to the last space before the year */
            const char *year = strrchr(s, ' ');
            if (year) {
                d->month = month_of_word(s, (size_t)(year - s));
                year++;
                n = strspn(year, "0123456789");
                ok = d->month && !year[n] && year_of(year, n, &d->year);
            }
        }
    }
    free(clean);
    return ok;
}

bool plans_parse_date(const char *text, bool allow_time, plan_date *d)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int end = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &d->year, &d->month, &d->day, &end) !=
            3 ||
        (text[end] && !(allow_time && text[end] == 'T'))) {
        if (!parse_date_text(text, d))
            return false;
    } else if (d->year > 2400) {
        d->year -= BE_OFFSET;
    }
    int y = d->year;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d->month >= 1 && d->month <= 12 && d->day >= 1 &&
           d->day <= days[d->month - 1] &&
           !(d->month == 2 && d->day == 29 && !leap);
}

int plans_date_cmp(plan_date a, plan_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    return (a.day > b.day) - (a.day < b.day);
}

char *plans_date_text(report_lang lang, plan_date d)
{
    int en = lang == LANG_EN;
    const char *month = d.month >= 1 && d.month <= 12
                            ? month_abbr[en][d.month - 1] : "?";
    return xasprintf("%d %s %d", d.day, month,
                     en ? d.year : d.year + BE_OFFSET);
}

/* "ต.ค. 2564" or "Oct 2021": a month of a date. */
static char *month_text(report_lang lang, plan_date d)
{
    int en = lang == LANG_EN;
    return xasprintf("%s %d", month_abbr[en][d.month - 1],
                     en ? d.year : d.year + BE_OFFSET);
}

/* The sentences of an analysis, by language: the numbers in words.  Every
 * variant of a sentence takes the same arguments, in the order given, and
 * picks the ones it needs by position (%n$), leaving out only trailing
 * ones (printf cannot skip an argument in the middle). */
enum { S_BELOW, S_UNPUBLISHED, S_KEEP, S_KEEP_EVERY, S_RANK,
       S_CITY_WIDE, S_LOCAL, S_KEEP_SPREAD, N_SENTENCES };

static const char *const sentences[][N_SENTENCES] = {
    [LANG_EN] = {
        /* score, points below the target */
        [S_BELOW] = "%1$s, %2$s points below the target",
        [S_UNPUBLISHED] = "not published (0 points)",
        [S_KEEP] = "%1$s, not below the target",
        [S_KEEP_EVERY] = "%1$s, published every year",
        /* rank, offices */
        [S_RANK] = "rank %1$d of %2$zu offices",
        /* offices below, offices */
        [S_CITY_WIDE] = "offices below the target on this item: %1$zu (a "
                        "weakness shared across the city)",
        [S_LOCAL] = "offices below the target on this item: %1$zu (a "
                    "weakness of this office)",
        [S_KEEP_SPREAD] = "offices below the target on this item: %1$zu",
    },
    [LANG_TH] = {
        [S_BELOW] = "%1$s ต่ำกว่าเป้าหมาย %2$s คะแนน",
        [S_UNPUBLISHED] = "ยังไม่เผยแพร่ (0 คะแนน)",
        [S_KEEP] = "%1$s ไม่ต่ำกว่าเป้าหมาย",
        [S_KEEP_EVERY] = "%1$s ต้องเผยแพร่ทุกปี",
        [S_RANK] = "ลำดับที่ %1$d จาก %2$zu เขต",
        [S_CITY_WIDE] = "%1$zu เขตต่ำกว่าเป้าหมายในข้อนี้ (จุดอ่อนร่วมของเมือง)",
        [S_LOCAL] = "%1$zu เขตต่ำกว่าเป้าหมายในข้อนี้ (จุดอ่อนเฉพาะเขต)",
        [S_KEEP_SPREAD] = "%1$zu เขตต่ำกว่าเป้าหมายในข้อนี้",
    },
};

char *plans_analysis_legend(report_lang lang)
{
    return xstrdup(
        lang == LANG_EN
            ? "Analysis, under the question: the weakness it names, the "
              "score against the target, the rank among all offices and how "
              "many offices are below the target on the item (a city-wide "
              "weakness when a third or more are); * gap within sampling "
              "error (the 95% interval reaches the target)."
            : "ผลการวิเคราะห์ (ใต้ข้อคำถาม): จุดอ่อนที่ข้อคำถามชี้ คะแนนเทียบกับ"
              "ค่าเป้าหมาย ลำดับในทุกเขต และจำนวนเขตที่ต่ำกว่าค่าเป้าหมายในข้อนั้น "
              "(จุดอ่อนร่วมของเมืองเมื่อตั้งแต่หนึ่งในสามของเขต) * ช่องว่างอยู่ใน"
              "ค่าคลาดเคลื่อนจากการสุ่มตัวอย่าง (ช่วง 95% ครอบคลุมค่าเป้าหมาย)");
}

/* The analysis of a row: the score against the target, the office's rank,
 * how many offices are below the target (a city-wide or local weakness,
 * by the rule of plans.h).  The ITA points a row gains are its own column
 * of the plan sheet and a factor of its priority. */
static char *write_analysis(const plans_input *rep, const plan_row *row,
                            bool every_plan)
{
    const char *const *say = sentences[rep->lang];
    char score[32], gap[32];
    snprintf(score, sizeof score, "%.2f", score_round2(row->score));
    snprintf(gap, sizeof gap, "%.2f", row->gap);
    int standing = row->kind == PLAN_KEEP ? (every_plan ? S_KEEP_EVERY
                                                        : S_KEEP)
                   : row->unpublished     ? S_UNPUBLISHED
                                          : S_BELOW;
    char *out = xasprintf(say[standing], score, gap);
    append(&out, "; ", xasprintf(say[S_RANK], row->rank, row->n_offices));
    int spread = row->kind == PLAN_KEEP ? S_KEEP_SPREAD
                 : row->city_wide       ? S_CITY_WIDE
                                        : S_LOCAL;
    append(&out, "; ", xasprintf(say[spread], row->n_below, row->n_offices));
    return out;
}

/* The priority rule (plans.h): the factors that fire and their points. */
static void rate(const stats_summary *sum, plan_row *row)
{
    unsigned f = row->kind == PLAN_KEEP ? PLAN_F_KEEP : 0;
    if (row->gain >= GAIN_MAJOR)
        f |= PLAN_F_GAIN_MAJOR;
    else if (row->gain >= GAIN_MINOR)
        f |= PLAN_F_GAIN_MINOR;
    if (row->gap >= WIDE_GAP)
        f |= PLAN_F_WIDE_GAP;
    size_t n = row->n_offices;
    if (n > 1 && (size_t)row->rank * BOTTOM_OUT_OF > n * BOTTOM_ABOVE)
        f |= PLAN_F_BOTTOM;
    /* last: no office has a lower rounded score (ties share the place) */
    if (n > 1 && score_round2(row->score) <= score_round2(sum->min))
        f |= PLAN_F_LAST;
    if (row->kind == PLAN_RAISE)
        f |= row->city_wide ? PLAN_F_CITY_WIDE : PLAN_F_LOCAL;
    int points = 0;
    for (size_t k = 0; k < N_FACTORS; k++)
        if (f & factors[k].bit)
            points += factors[k].points;
    row->factors = f;
    row->points = points;
    row->priority = priority_of(points);
    if ((f & PLAN_F_LAST) && row->priority > PRIORITY_MEDIUM)
        row->priority = PRIORITY_MEDIUM;
}

static char *factor_phrase(report_lang lang, size_t k, const plan_row *row)
{
    const char *fmt = factors[k].phrase[lang == LANG_EN];
    switch (factors[k].args) {
    case ARG_GAIN: {
        char *gain = points_text(row->gain);
        char *out = xasprintf(fmt, gain);
        free(gain);
        return out;
    }
    case ARG_GAP: return xasprintf(fmt, row->gap);
    case ARG_RANK: return xasprintf(fmt, row->rank, row->n_offices);
    case ARG_COUNT: return xasprintf(fmt, row->n_offices);
    case ARG_SPREAD: return xasprintf(fmt, row->n_below, row->n_offices);
    case ARG_NONE: break;
    }
    return xstrdup(fmt);
}

/* Whether row's reason and codes show factor k: it fired, and it is not
 * the lowest fifth of a row that is last, which says more. */
static bool factor_shown(const plan_row *row, size_t k)
{
    unsigned bit = factors[k].bit;
    return (row->factors & bit) &&
           !(bit == PLAN_F_BOTTOM && (row->factors & PLAN_F_LAST));
}

/* "3 points: adds 0.62 ITA points (0.50 or more); a local weakness (...)":
 * the points of the rule and every factor that fired (the lowest fifth is
 * left out when the row is last, which says more). */
static char *write_reason(report_lang lang, const plan_row *row)
{
    char *out = lang == LANG_EN
        ? xasprintf("%d point%s", row->points, row->points == 1 ? "" : "s")
        : xasprintf("%d คะแนน", row->points);
    const char *sep = ": ";
    for (size_t k = 0; k < N_FACTORS; k++) {
        if (!factor_shown(row, k))
            continue;
        char *phrase = factor_phrase(lang, k, row);
        char *joined = xasprintf("%s%s%s", out, sep, phrase);
        free(phrase);
        free(out);
        out = joined;
        sep = "; ";
    }
    return out;
}

/* "ก ค ง": the codes of the factors that fired, as the reason lists them
 * (plans_priority_legend says what each means). */
static char *write_codes(report_lang lang, const plan_row *row)
{
    char *out = xstrdup("");
    for (size_t k = 0; k < N_FACTORS; k++)
        if (factor_shown(row, k))
            append(&out, " ", xstrdup(factors[k].code[lang == LANG_EN]));
    return out;
}

char *plans_priority_legend(report_lang lang)
{
    int en = lang == LANG_EN;
    char *out = en ? xasprintf("Priority: high from %d points, for at most a "
                               "fifth of the rows (most points, then most "
                               "ITA points gained, then the worst rank; the "
                               "others medium); medium from %d; else low:",
                               priorities[0].min_points,
                               priorities[PRIORITY_MEDIUM].min_points)
                   : xasprintf("ความสำคัญ: สูงตั้งแต่ %d คะแนน ไม่เกินหนึ่งในห้า"
                               "ของแถว (คะแนนมากก่อน แล้ว ITA ที่เพิ่มได้มากก่อน "
                               "แล้วลำดับที่ต่ำกว่าก่อน ที่เหลือเป็นปานกลาง) "
                               "ปานกลาง %d คะแนน นอกนั้นต่ำ",
                               priorities[0].min_points,
                               priorities[PRIORITY_MEDIUM].min_points);
    for (size_t k = 0; k < N_FACTORS; k++) {
        char *item = factors[k].points
            ? xasprintf("%s) %s (+%d)", factors[k].code[en],
                        factors[k].legend[en], factors[k].points)
            : xasprintf("%s) %s", factors[k].code[en], factors[k].legend[en]);
        append(&out, k ? "; " : " ", item);
    }
    return out;
}

char *plans_schedule_legend(report_lang lang)
{
    return xstrdup(
        lang == LANG_EN
            ? "Due dates: rows in priority order, each in the quarter the "
              "measures library gives it or the next with room; each quarter "
              "takes a fourth of the rows, and no section leads more than a "
              "third of a quarter's rows (a section the library names as an "
              "alternative then leads, the usual lead supporting)."
            : "กำหนดเสร็จ: จัดแถวตามลำดับความสำคัญ แต่ละแถวอยู่ในไตรมาสที่คลัง"
              "มาตรการกำหนด หรือไตรมาสถัดไปที่ยังว่าง แต่ละไตรมาสรับหนึ่งในสี่"
              "ของแถว และฝ่ายหนึ่งเป็นเจ้าภาพหลักไม่เกินหนึ่งในสามของแถวใน"
              "ไตรมาส (เกินแล้วให้ฝ่ายที่คลังมาตรการระบุเป็นทางเลือกเป็นเจ้าภาพ "
              "ฝ่ายเดิมสนับสนุน)");
}

char *plans_milestone_legend(report_lang lang)
{
    /* the three stages, then the three stages of a disclosure item */
    static const char *const fmt[] = {
        [LANG_TH] = "ไตรมาส: ก่อนไตรมาสที่กำหนดเสร็จ \"%s\" ในไตรมาสนั้น "
                    "\"%s\" หลังจากนั้น \"%s\" (ข้อการเปิดเผยข้อมูล: %s %s %s)",
        [LANG_EN] = "Quarters: before the due date's quarter, \"%s\"; in it, "
                    "\"%s\"; after it, \"%s\" (disclosure items: %s, %s, %s).",
    };
    int en = lang == LANG_EN;
    return xasprintf(fmt[lang], milestones[STAGE_BEFORE][0][en],
                     milestones[STAGE_DUE][0][en],
                     milestones[STAGE_AFTER][0][en],
                     milestones[STAGE_BEFORE][1][en],
                     milestones[STAGE_DUE][1][en],
                     milestones[STAGE_AFTER][1][en]);
}

/* The fiscal year's quarters, C.E.: quarter 1 is October to December of
 * the year before. */
static void fiscal_quarters(office_plan *plan)
{
    static const int first_month[PLAN_QUARTERS] = {10, 1, 4, 7};
    static const int last_month[PLAN_QUARTERS] = {12, 3, 6, 9};
    static const int last_day[PLAN_QUARTERS] = {31, 31, 30, 30};
    int ce = plan->fiscal_year - BE_OFFSET;
    for (int q = 0; q < PLAN_QUARTERS; q++) {
        int year = q == 0 ? ce - 1 : ce;
        plan->quarter_start[q] = (plan_date){year, first_month[q], 1};
        plan->quarter_end[q] = (plan_date){year, last_month[q], last_day[q]};
    }
}

/* When the measures are carried out and monitored. */
static char *write_timeframe(report_lang lang, const office_plan *plan,
                             int quarter)
{
    char *from = month_text(lang, plan->quarter_start[0]);
    char *to = month_text(lang, plan->quarter_end[quarter - 1]);
    char *until = month_text(lang, plan->quarter_end[PLAN_QUARTERS - 1]);
    int en = lang == LANG_EN;
    char *out =
        quarter == PLAN_QUARTERS
            ? xasprintf(en ? "Carry out and monitor %s – %s (quarters 1–4)"
                           : "ดำเนินการและติดตามผล %s – %s (ไตรมาส 1–4)",
                        from, until)
            : xasprintf(en ? "Carry out %s – %s (quarter %d); monitor until %s"
                           : "ดำเนินการ %s – %s (ภายในไตรมาส %d) ติดตามผลถึง %s",
                        from, to, quarter, until);
    free(from);
    free(to);
    free(until);
    return out;
}

/* The success indicator: the goal at the next assessment (the evidence
 * that verifies it is row->evidence, which the plan prints beside it or
 * once for an indicator whose items share it). */
static char *write_success(report_lang lang, const plan_row *row,
                           int ita_year)
{
    static const char *const text[2][2][2] = {
        /* [kind][disclosure][lang] */
        [PLAN_RAISE] = {
            {"%1$s ขึ้นไปใน ITA ปี %2$d", "%1$s or more in the ITA of %2$d"},
            {"เผยแพร่ครบ (%1$s) ใน ITA ปี %2$d",
             "Published in full (%1$s) in the ITA of %2$d"},
        },
        [PLAN_KEEP] = {
            {"%1$s ขึ้นไป (ระดับปีนี้) ใน ITA ปี %2$d",
             "%1$s or more (this year's) in the ITA of %2$d"},
            {"เผยแพร่ครบและเป็นปัจจุบัน (%1$s) ใน ITA ปี %2$d",
             "Published in full and current (%1$s) in the ITA of %2$d"},
        },
    };
    char *goal = short_number(row->goal);
    char *out = xasprintf(text[row->kind][row->disclosure][lang == LANG_EN],
                          goal, ita_year);
    free(goal);
    return out;
}

static void fill_row(const plans_input *rep, const office_plan *plan, int item,
                     plan_row_kind kind, plan_row *row)
{
    const model *m = rep->m;
    const model_node *n = &m->nodes[item];
    const year_scores *ys = rep->current;
    const city_stats *cs = rep->stats;
    const office_score *s = plan->score;
    size_t measure = 1 + (size_t)item;
    const stats_summary *sum = &cs->city[measure];
    bool published = model_is_disclosure(n);
    double r2 = score_round2(s->node[item]);

    *row = (plan_row){.kind = kind, .item = item, .indicator = n->indicator,
                      .tool = n->tool, .score = s->node[item],
                      .target = ys->target, .disclosure = published};
    if (kind == PLAN_KEEP)   /* the score it has: it gains nothing */
        row->goal = published ? FULL_SCORE : row->score;
    else
        row->goal = published ? FULL_SCORE : ys->target;
    row->gap = kind == PLAN_KEEP
                   ? 0 : score_round2(score_gap(ys->target, row->score));
    row->ita_weight = n->ita_weight;
    row->gain = kind == PLAN_KEEP ? 0 : n->ita_weight * (row->goal - row->score);
    row->rank = stats_rank(cs, measure, row->score);
    row->n_offices = sum->n;
    row->n_below = sum->below_target;
    row->city_wide = sum->below_target * CITY_WIDE_SHARE >= sum->n;
    row->unpublished = published && r2 == 0;
    const office_score *best = &ys->offices[sum->best];
    row->best_office = best->office;
    row->best_score = score_round2(best->node[item]);
    rate(sum, row);

    const measure_entry *e = measures_for_item(rep->measures, item);
    row->measure = measures_text(e, MEASURE_ACTION, rep->lang);
    row->monitoring = measures_text(e, MEASURE_MONITORING, rep->lang);
    row->lead_unit = xstrdup(measures_text(e, MEASURE_LEAD, rep->lang));
    row->support_units = xstrdup(measures_text(e, MEASURE_SUPPORT,
                                               rep->lang));
    row->lead = row->lead_unit;
    row->support = row->support_units;
    row->publish = measures_text(e, MEASURE_PUBLISH, rep->lang);
    row->evidence = measures_text(e, MEASURE_EVIDENCE, rep->lang);
    row->weakness = measures_text(e, MEASURE_WEAKNESS, rep->lang);
    row->budget = measures_text(e, MEASURE_BUDGET, rep->lang);
    row->quarter = e->quarter;   /* until the schedule places it */
    row->analysis = write_analysis(rep, row, e->in_every_plan);
}

/* The texts that follow the row's priority and quarter, once both are
 * settled (calibrate_priorities, schedule). */
static void finish_row(const plans_input *rep, const office_plan *plan,
                       plan_row *row)
{
    row->due = plan->quarter_end[row->quarter - 1];
    for (int q = 0; q < PLAN_QUARTERS; q++) {
        int stage = q + 1 < row->quarter    ? STAGE_BEFORE
                    : q + 1 == row->quarter ? STAGE_DUE
                                            : STAGE_AFTER;
        row->milestone[q] =
            milestones[stage][row->disclosure][rep->lang == LANG_EN];
    }
    row->reason = write_reason(rep->lang, row);
    row->codes = write_codes(rep->lang, row);
    row->timeframe = write_timeframe(rep->lang, plan, row->quarter);
    row->success = write_success(rep->lang, row, plan->fiscal_year);
}

/* Rows in the order the priority and the schedule consider them. */
typedef struct {
    size_t row;
    int points;
    long long gain;   /* at GAIN_RESOLUTION */
    int rank;
    size_t priority;
} row_order;

/* Most points, most gained, worst rank, model order. */
static int cmp_high(const void *a, const void *b)
{
    const row_order *x = a, *y = b;
    if (x->points != y->points)
        return x->points > y->points ? -1 : 1;
    if (x->gain != y->gain)
        return x->gain > y->gain ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank > y->rank ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* Best priority first, most gained, model order. */
static int cmp_schedule(const void *a, const void *b)
{
    const row_order *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    if (x->gain != y->gain)
        return x->gain > y->gain ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

static row_order *rows_ordered(const office_plan *plan,
                               int (*cmp)(const void *, const void *))
{
    row_order *o = xmalloc((plan->n_rows ? plan->n_rows : 1) * sizeof *o);
    for (size_t i = 0; i < plan->n_rows; i++) {
        const plan_row *r = &plan->rows[i];
        o[i] = (row_order){i, r->points, llround(r->gain * GAIN_RESOLUTION),
                           r->rank, r->priority};
    }
    qsort(o, plan->n_rows, sizeof *o, cmp);
    return o;
}

/* At most a fifth of the rows high (plans.h): the rest of the rows the
 * rule rates high become medium. */
static void calibrate_priorities(office_plan *plan)
{
    size_t max_high = plan->n_rows / PLANS_HIGH_SHARE, n_high = 0;
    row_order *o = rows_ordered(plan, cmp_high);
    for (size_t k = 0; k < plan->n_rows; k++) {
        plan_row *r = &plan->rows[o[k].row];
        if (r->priority == 0 && n_high++ >= max_high)
            r->priority = PRIORITY_MEDIUM;
    }
    free(o);
}

/* The i-th name of a "; " list into a new string, or NULL past its end. */
static char *list_name(const char *list, size_t i)
{
    static const char sep[] = "; ";
    const char *p = list;
    for (size_t k = 0; k < i && p; k++) {
        p = strstr(p, sep);
        if (p)
            p += strlen(sep);
    }
    if (!p || !*p)
        return NULL;
    const char *end = strstr(p, sep);
    return end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
}

/* How many rows each unit leads in each quarter, units by name. */
typedef struct {
    char **name;
    size_t (*leads)[PLAN_QUARTERS];
    size_t n;
} unit_load;

static size_t unit_index(unit_load *u, const char *name)
{
    for (size_t k = 0; k < u->n; k++)
        if (strcmp(u->name[k], name) == 0)
            return k;
    u->name = xrealloc(u->name, (u->n + 1) * sizeof *u->name);
    u->leads = xrealloc(u->leads, (u->n + 1) * sizeof *u->leads);
    u->name[u->n] = xstrdup(name);
    memset(u->leads[u->n], 0, sizeof *u->leads);
    return u->n++;
}

/* The supporting units once alt leads instead of the library's lead: the
 * lead first, then the others but alt. */
static char *support_without(const char *lead, const char *support,
                             const char *alt)
{
    char *out = xstrdup(lead);
    for (size_t i = 0;; i++) {
        char *name = list_name(support, i);
        if (!name)
            break;
        if (strcmp(name, alt) != 0)
            append(&out, "; ", name);
        else
            free(name);
    }
    return out;
}

/* How a list of units is joined in the plan's language. */
static const char *const unit_joiners[] = {[LANG_TH] = " ", [LANG_EN] = ", "};

/* The "; " list in the language's form.  A new string. */
static char *units_joined(report_lang lang, const char *list)
{
    char *out = xstrdup("");
    for (size_t i = 0;; i++) {
        char *name = list_name(list, i);
        if (!name)
            break;
        append(&out, unit_joiners[lang], name);
    }
    return out;
}

char *plans_units_text(report_lang lang, const char *lead,
                       const char *support)
{
    char *out = units_joined(lang, lead);
    if (support && *support) {
        char *more = units_joined(lang, support);
        append(&out, "\n", more);
    }
    return out;
}

int plans_lead_alternative(const measure_entry *e, report_lang lang,
                           const char *lead)
{
    if (strcmp(lead, measures_text(e, MEASURE_LEAD, lang)) == 0)
        return 0;
    const char *alts = measures_text(e, MEASURE_ALTERNATIVES, lang);
    for (size_t a = 0;; a++) {
        char *alt = list_name(alts, a);
        if (!alt)
            return -1;
        bool same = strcmp(alt, lead) == 0;
        free(alt);
        if (same)
            return (int)a + 1;
    }
}

/* The units the plan sheet writes for the item of e under lead `lead`
 * (plans_lead_alternative: 0 the library's, k its k-th alternative), as
 * settle_schedule gives them; NULL past the alternatives or for an
 * alternative that is the library's lead.  A new string. */
static char *units_under_lead(const measure_entry *e, report_lang lang,
                              int lead)
{
    const char *first = measures_text(e, MEASURE_LEAD, lang),
               *support = measures_text(e, MEASURE_SUPPORT, lang);
    if (lead == 0)
        return plans_units_text(lang, first, support);
    char *alt = list_name(measures_text(e, MEASURE_ALTERNATIVES, lang),
                          (size_t)lead - 1);
    char *units = NULL;
    if (alt && strcmp(alt, first) != 0) {
        char *others = support_without(first, support, alt);
        units = plans_units_text(lang, alt, others);
        free(others);
    }
    free(alt);
    return units;
}

/* How many names a "; " list holds. */
static size_t list_length(const char *list)
{
    size_t n = 0;
    for (char *name; (name = list_name(list, n)) != NULL; n++)
        free(name);
    return n;
}

bool plans_units_as_written(const measure_entry *e, report_lang lang,
                            const char *text, int lead)
{
    /* the lead written, or (unknown) any the schedule may give */
    int from = lead < 0 ? 0 : lead,
        to = lead < 0 ? (int)list_length(measures_text(
                            e, MEASURE_ALTERNATIVES, lang))
                      : lead;
    bool same = false;
    for (int k = from; k <= to && !same; k++) {
        char *units = units_under_lead(e, lang, k);
        same = units && text_same_but_breaks(text, units);
        free(units);
    }
    return same;
}

/* A row being scheduled: the units that may lead it (the library's lead
 * first, then its alternatives), as indices into a unit_load, and where it
 * is placed. */
typedef struct {
    size_t *unit;
    size_t n_units;
    int quarter;      /* 0-based; -1 until placed */
    size_t chosen;    /* index into unit */
} placing;

/* The first of a row's units under its share of quarter q, or n_units. */
static size_t free_unit(const unit_load *load, const placing *pl, int q,
                        const size_t *cap)
{
    for (size_t a = 0; a < pl->n_units; a++)
        if (load->leads[pl->unit[a]][q] < cap[q])
            return a;
    return pl->n_units;
}

static void place(unit_load *load, placing *pl, int q, size_t a, int sign)
{
    if (sign > 0) {
        pl->quarter = q;
        pl->chosen = a;
        load->leads[pl->unit[a]][q]++;
    } else {
        load->leads[pl->unit[pl->chosen]][pl->quarter]--;
    }
}

/* A row whose lead is over its share of the quarter: trades quarters with
 * a row of another quarter when both then have a unit under its share.
 * True when it found one. */
static bool trade(unit_load *load, placing *pl, size_t n, size_t i,
                  const size_t *cap)
{
    int q = pl[i].quarter;
    for (size_t j = 0; j < n; j++) {
        int q2 = pl[j].quarter;
        if (q2 == q)
            continue;
        place(load, &pl[i], 0, 0, -1);
        place(load, &pl[j], 0, 0, -1);
        size_t a = free_unit(load, &pl[i], q2, cap);
        if (a < pl[i].n_units) {
            place(load, &pl[i], q2, a, +1);
            size_t b = free_unit(load, &pl[j], q, cap);
            if (b < pl[j].n_units) {
                place(load, &pl[j], q, b, +1);
                return true;
            }
            place(load, &pl[i], 0, 0, -1);
        }
        pl[i].quarter = q;   /* as they were */
        pl[j].quarter = q2;
        place(load, &pl[i], q, pl[i].chosen, +1);
        place(load, &pl[j], q2, pl[j].chosen, +1);
    }
    return false;
}

/* Each row's placing before the schedule: no quarter yet, its lead unit
 * and the library's alternatives to it (units of load). */
static placing *placings(const plans_input *rep, const office_plan *plan,
                         unit_load *load)
{
    size_t n = plan->n_rows;
    placing *pl = xcalloc(n ? n : 1, sizeof *pl);
    for (size_t i = 0; i < n; i++) {
        const plan_row *r = &plan->rows[i];
        const char *alts = measures_text(
            measures_for_item(rep->measures, r->item), MEASURE_ALTERNATIVES,
            rep->lang);
        pl[i].quarter = -1;
        for (size_t a = 0;; a++) {
            char *name = a ? list_name(alts, a - 1) : xstrdup(r->lead);
            if (!name)
                break;
            pl[i].unit = xrealloc(pl[i].unit,
                                  (pl[i].n_units + 1) * sizeof *pl[i].unit);
            pl[i].unit[pl[i].n_units++] = unit_index(load, name);
            free(name);
        }
    }
    return pl;
}

/* Gives each row of plan the quarter and lead unit of its placing (the
 * lead given up joins the supporting units), then frees pl and load. */
static void settle_schedule(office_plan *plan, placing *pl, unit_load *load)
{
    for (size_t i = 0; i < plan->n_rows; i++) {
        plan_row *r = &plan->rows[i];
        r->quarter = pl[i].quarter + 1;
        const char *unit = load->name[pl[i].unit[pl[i].chosen]];
        if (strcmp(unit, r->lead_unit) != 0) {
            char *support = support_without(r->lead_unit, r->support_units,
                                             unit);
            free(r->support_units);
            free(r->lead_unit);
            r->support_units = support;
            r->lead_unit = xstrdup(unit);
            r->lead = r->lead_unit;
            r->support = r->support_units;
        }
        free(pl[i].unit);
    }
    free(pl);
    for (size_t k = 0; k < load->n; k++)
        free(load->name[k]);
    free(load->name);
    free(load->leads);
}

/* The schedule (plans.h): each row's quarter and lead unit. */
static void schedule(const plans_input *rep, office_plan *plan)
{
    size_t n = plan->n_rows;
    size_t room[PLAN_QUARTERS], cap[PLAN_QUARTERS];
    for (int q = 0; q < PLAN_QUARTERS; q++) {
        room[q] = n / PLAN_QUARTERS + ((size_t)q < n % PLAN_QUARTERS);
        cap[q] = room[q] / PLANS_UNIT_SHARE ? room[q] / PLANS_UNIT_SHARE : 1;
    }
    unit_load load = {0};
    placing *pl = placings(rep, plan, &load);
    /* rows in priority order: the library's quarter, later, earlier */
    row_order *o = rows_ordered(plan, cmp_schedule);
    for (size_t k = 0; k < n; k++) {
        placing *p = &pl[o[k].row];
        int lib = plan->rows[o[k].row].quarter - 1;
        int tries[PLAN_QUARTERS], n_tries = 0, fallback = -1;
        for (int q = lib; q < PLAN_QUARTERS; q++)
            tries[n_tries++] = q;
        for (int q = lib - 1; q >= 0; q--)
            tries[n_tries++] = q;
        for (int t = 0; t < n_tries && p->quarter < 0; t++) {
            int q = tries[t];
            if (!room[q])
                continue;
            if (fallback < 0)
                fallback = q;
            size_t a = free_unit(&load, p, q, cap);
            if (a < p->n_units)
                place(&load, p, q, a, +1);
        }
        if (p->quarter < 0) {   /* every unit at its share: the least
                                   loaded, then trade below */
            size_t best = 0;
            for (size_t a = 1; a < p->n_units; a++)
                if (load.leads[p->unit[a]][fallback] <
                    load.leads[p->unit[best]][fallback])
                    best = a;
            place(&load, p, fallback, best, +1);
        }
        room[p->quarter]--;
    }
    free(o);
    for (size_t i = 0; i < n; i++)
        if (load.leads[pl[i].unit[pl[i].chosen]][pl[i].quarter] >
            cap[pl[i].quarter])
            trade(&load, pl, n, i, cap);
    settle_schedule(plan, pl, &load);
}

/* A step of the path while it is being ordered. */
typedef struct {
    int keep;         /* PLAN_KEEP rows after every PLAN_RAISE row */
    long long gain;   /* the row's gain at GAIN_RESOLUTION */
    size_t row;
} path_key;

/* Rows to raise first, most points first; then rows to keep; ties in
 * model order (row order). */
static int cmp_path(const void *a, const void *b)
{
    const path_key *x = a, *y = b;
    if (x->keep != y->keep)
        return x->keep - y->keep;
    if (x->gain != y->gain)
        return x->gain > y->gain ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

static void build_path(office_plan *plan, double target)
{
    size_t n = plan->n_rows;
    path_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++)
        keys[i] = (path_key){plan->rows[i].kind == PLAN_KEEP,
                             llround(plan->rows[i].gain * GAIN_RESOLUTION), i};
    qsort(keys, n, sizeof *keys, cmp_path);
    plan->path = xmalloc((n ? n : 1) * sizeof *plan->path);
    plan->projected = xmalloc((n ? n : 1) * sizeof *plan->projected);

    double ita = plan->score->ita;
    plan->steps_to_target =
        score_round2(ita) >= target ? 0 : PLANS_UNREACHABLE;
    plan->total_gain = 0;
    for (size_t k = 0; k < n; k++) {
        plan->path[k] = keys[k].row;
        ita += plan->rows[keys[k].row].gain;
        plan->total_gain += plan->rows[keys[k].row].gain;
        plan->projected[k] = ita;
        if (plan->steps_to_target == PLANS_UNREACHABLE &&
            score_round2(ita) >= target)
            plan->steps_to_target = k + 1;
    }
    free(keys);
}

/* The model's items in plan order: grouped by tool, then indicator, each
 * in model order, whatever order the model file lists them in.  Returns
 * their number. */
static size_t items_in_plan_order(const model *m, int *out)
{
    size_t n = 0;
    for (size_t t = 0; t < m->n_tools; t++)
        for (size_t i = 0; i < m->n_indicators; i++) {
            int ind = m->indicators[i];
            if (m->nodes[ind].tool != m->tools[t])
                continue;
            for (size_t k = 0; k < m->n_items; k++)
                if (m->nodes[m->items[k]].indicator == ind)
                    out[n++] = m->items[k];
        }
    return n;
}

/* An item and its rounded score, to find an office's lowest items. */
typedef struct {
    double score;
    size_t order;
    int item;
} low_key;

static int cmp_low(const void *a, const void *b)
{
    const low_key *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Marks keep[i] for the items of order[0..n) an office with nothing below
 * the target keeps up: its PLANS_KEEP_WEAKEST lowest and those in every
 * plan. */
static void choose_keep(const plans_input *rep, const office_score *s,
                        const int *order, size_t n, bool *keep)
{
    low_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    for (size_t i = 0; i < n; i++) {
        keys[i] = (low_key){score_round2(s->node[order[i]]), i, order[i]};
        keep[i] = measures_for_item(rep->measures, order[i])->in_every_plan;
    }
    qsort(keys, n, sizeof *keys, cmp_low);
    for (size_t k = 0; k < n && k < PLANS_KEEP_WEAKEST; k++)
        keep[keys[k].order] = true;
    free(keys);
}

/* The edit of an item, or NULL. */
static const plan_edit *edit_of(const plan_edit *edits, size_t n, int item)
{
    for (size_t k = 0; k < n; k++)
        if (edits[k].item == item)
            return &edits[k];
    return NULL;
}

/* Fills the next row of out for an item, with its edit (may be NULL). */
static void add_row(const plans_input *rep, office_plan *out, int item,
                    plan_row_kind kind, bool kept, const plan_edit *edit)
{
    plan_row *row = &out->rows[out->n_rows++];
    fill_row(rep, out, item, kept ? PLAN_KEEP : kind, row);
    row->kept = kept;
    if (edit && !isnan(edit->goal)) {
        row->goal = edit->goal;
        row->gain = row->goal > row->score
                        ? row->ita_weight * (row->goal - row->score) : 0;
    }
}

void plans_compute_office_edited(const plans_input *rep, size_t position,
                                 const plan_edit *edits, size_t n_edits,
                                 office_plan *out)
{
    const model *m = rep->m;
    const year_scores *ys = rep->current;
    const office_score *s = &ys->offices[position];
    if (!scores_from_items(s)) {  /* published figures only */
        plans_indicator_compute(rep, position, out);
        return;
    }
    *out = (office_plan){.office = s->office, .score = s,
                         .fiscal_year = ys->year + 1};
    fiscal_quarters(out);
    size_t cap = m->n_items ? m->n_items : 1;
    out->rows = xmalloc(cap * sizeof *out->rows);
    int *order = xmalloc(cap * sizeof *order);
    bool *chosen = xcalloc(cap, sizeof *chosen);
    size_t n = items_in_plan_order(m, order);
    bool *below = xcalloc(cap, sizeof *below);
    for (size_t i = 0; i < n; i++) {
        below[i] = chosen[i] = score_round2(s->node[order[i]]) < ys->target;
        out->n_raise += chosen[i];
    }
    if (out->n_raise == 0)
        choose_keep(rep, s, order, n, chosen);
    /* the items in every plan, below the target or not */
    for (size_t i = 0; i < n; i++)
        chosen[i] |= measures_for_item(rep->measures, order[i])->in_every_plan;
    for (size_t i = 0; i < n; i++) {
        const plan_edit *edit = edit_of(edits, n_edits, order[i]);
        if (edit && edit->deleted) {   /* the district deleted its row */
            out->n_raise -= below[i];
            continue;
        }
        if (chosen[i] || edit)
            add_row(rep, out, order[i], below[i] ? PLAN_RAISE : PLAN_KEEP,
                    !chosen[i], edit);
    }
    calibrate_priorities(out);
    schedule(rep, out);
    for (size_t i = 0; i < out->n_rows; i++)
        finish_row(rep, out, &out->rows[i]);
    free(order);
    free(chosen);
    free(below);
    build_path(out, ys->target);
}

void plans_compute_office(const plans_input *rep, size_t position,
                          office_plan *out)
{
    plans_compute_office_edited(rep, position, NULL, 0, out);
}

void plans_free_office(office_plan *plan)
{
    for (size_t i = 0; i < plan->n_rows; i++) {
        free(plan->rows[i].analysis);
        free(plan->rows[i].reason);
        free(plan->rows[i].codes);
        free(plan->rows[i].timeframe);
        free(plan->rows[i].success);
        free(plan->rows[i].lead_unit);
        free(plan->rows[i].support_units);
    }
    free(plan->rows);
    free(plan->path);
    free(plan->projected);
    for (size_t i = 0; i < plan->n_owned_texts; i++)
        free(plan->owned_texts[i]);
    free(plan->owned_texts);
    *plan = (office_plan){0};
}

plan_set *plans_compute(const plans_input *rep, const int *offices,
                        size_t n_offices)
{
    const year_scores *ys = rep->current;
    plan_set *set = xcalloc(1, sizeof *set);
    size_t n = offices ? n_offices : ys->n;
    set->plans = xcalloc(n ? n : 1, sizeof *set->plans);
    for (size_t i = 0; i < n; i++) {
        size_t position = i;
        if (offices) {
            const office_score *s = scores_find(ys, offices[i]);
            if (!s)
                continue;
            position = (size_t)(s - ys->offices);
        }
        plans_compute_office(rep, position, &set->plans[set->n++]);
    }
    return set;
}

void plans_free(plan_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++)
        plans_free_office(&set->plans[i]);
    free(set->plans);
    free(set);
}

const office_plan *plans_find(const plan_set *set, int office)
{
    for (size_t i = 0; set && i < set->n; i++)
        if (set->plans[i].office == office)
            return &set->plans[i];
    return NULL;
}

void plans_set_quarters(office_plan *plan) { fiscal_quarters(plan); }

void plans_finish_row(const plans_input *rep, const office_plan *plan,
                      const stats_summary *sum, bool every_plan,
                      plan_row *row)
{
    row->city_wide = row->n_below * CITY_WIDE_SHARE >= row->n_offices;
    rate(sum, row);
    row->analysis = write_analysis(rep, row, every_plan);
    finish_row(rep, plan, row);
}

void plans_finish_path(office_plan *plan, double target)
{
    build_path(plan, target);
}
