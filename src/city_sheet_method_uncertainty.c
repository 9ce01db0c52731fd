/* The Method sheet's account of how sure the figures are (city_sheets.h):
 * the uncertainty method and its assumptions in plain words. */
#include "city_sheets.h"
#include "text.h"

#include <stdlib.h>

/* The Method sheet's columns A-H, in characters. */
#define METHOD_WIDTH 202
#define METHOD_LAST_COL 7

/* The method (method 2 of the uncertainty spec), one paragraph each;
 * %s-free so that they are data. */
static const char *const paragraphs[][2] = {
    {"คะแนน IIT และ EIT เป็นค่าเฉลี่ยของคำตอบแบบสำรวจ จึงมีความคลาดเคลื่อนจากการสุ่มตัวอย่าง: "
     "ถ้าถามคนกลุ่มอื่น คะแนนจะต่างไปบ้าง คะแนน OIT มาจากการตรวจเว็บไซต์ของผู้ประเมิน "
     "จึงไม่มีความคลาดเคลื่อนนี้",
     "IIT and EIT scores are means of survey answers, so they carry sampling "
     "error: other respondents would have given somewhat different scores. OIT "
     "scores are an assessor's check of the office's website and have none."},
    {"ความคลาดเคลื่อนมาตรฐาน (SE) ของแต่ละข้อ: เมื่อมีจำนวนคำตอบในแต่ละระดับ "
     "(ค่าของระดับ 0, 33.33, 66.67, 100 หรือ 0, 100 สำหรับข้อใช่/ไม่ใช่) "
     "SE = ส่วนเบี่ยงเบนมาตรฐานของคำตอบ / √จำนวนคำตอบ ถ้าทุกคนตอบระดับเดียวกัน "
     "คิดส่วนเบี่ยงเบนโดยเพิ่มคำตอบครึ่งหนึ่งที่ระดับต่ำสุดและสูงสุด (SE ไม่เป็น 0) "
     "เมื่อมีเพียงจำนวนผู้ตอบ n ใช้ขอบบน SE = √(คะแนน × (100 − คะแนน) / n) "
     "และระบุว่าเป็นค่าประมาณ เมื่อไม่มีทั้งสองอย่างจะไม่แสดงช่วง "
     "เมื่อระบุจำนวนประชากร N คูณ SE ด้วย √(1 − n/N)",
     "Each item's standard error (SE): with the answer counts per level (level "
     "values 0, 33.33, 66.67, 100, or 0 and 100 for yes/no items), SE = the "
     "standard deviation of the answers / √answers; when every answer is at "
     "one level, the deviation is taken with half an answer added at the "
     "lowest and the highest level, so that it is never 0. With only the "
     "tool's respondent count n, the largest SE any answers with that mean "
     "can have: √(score × (100 − score) / n), marked approximate. With "
     "neither, no interval is shown. With the population N surveyed, SEs are "
     "multiplied by √(1 − n/N)."},
    {"SE ของเครื่องมือ: จากคำตอบรายผู้ตอบ ใช้วิธีการประมาณเชิงเส้นแบบตรง (Linearisation) "
     "(ความแปรปรวนของคะแนนถ่วงน้ำหนักของแต่ละคน) จากส่วนเบี่ยงเบนมาตรฐานของเครื่องมือ "
     "SE = sd / √n หรือจาก SE ของแต่ละข้อ โดยสมมติสหสัมพันธ์ ρ ระหว่างข้อของผู้ตอบคนเดียวกัน: "
     "SE² = ρ (Σ w SE)² + (1 − ρ) Σ w² SE² (w = สัดส่วนของข้อในเครื่องมือ) "
     "ตัวชี้วัดคิดแบบเดียวกันด้วยข้อของตน SE ของ ITA = √(Σ (น้ำหนักเครื่องมือ × SE)²) "
     "เพราะ IIT และ EIT ตอบโดยคนต่างกลุ่ม",
     "A tool's SE: from respondent-level answers, the exact linearisation "
     "(the variance of each respondent's weighted score); from the tool's own "
     "sd, sd / √n; else from its items' SEs with an assumed correlation ρ "
     "between one respondent's answers: SE² = ρ (Σ w SE)² + (1 − ρ) Σ w² SE² "
     "(w the item's share of the tool). Indicators alike over their items. The "
     "ITA's SE = √(Σ (tool weight × SE)²), since IIT and EIT are answered by "
     "different people."},
    {"ช่วง 95% = คะแนน ± 1.96 × SE (อยู่ในช่วง 0-100) โอกาสถึงเป้าหมาย = ความน่าจะเป็น"
     "ที่ ITA ที่ปัดเป็นทศนิยม 2 ตำแหน่งจะไม่ต่ำกว่าเป้าหมาย (ปัดขึ้นเป็นทศนิยม 2 ตำแหน่ง) "
     "ตามการแจกแจงปกติ: เป็นสูตรที่อ้างอิง ITA, SE และช่อง Target ในชีตอันดับ",
     "95% interval = score ± 1.96 × SE (within 0-100). Chance of reaching the "
     "target = the probability that the ITA rounded to 2 decimals is at least "
     "the target (rounded up to 2 decimals), under a normal distribution: "
     "NORM.DIST of the ITA, its SE and the Target cell on the Ranking sheet."},
    {"การเปลี่ยนแปลงจากปีก่อน: SE = √(SE ปีนี้² + SE ปีก่อน²) ค่า p จากการแจกแจงปกติ "
     "แล้วปรับเป็นค่า q ตามวิธีของเบนจามินีและฮอคเบิร์ก (Benjamini-Hochberg) ในแต่ละตัวชี้วัดข้ามทุกเขต "
     "(และข้ามข้อคำถามสำหรับการเปลี่ยนแปลงทั้งเมือง) มีนัยสำคัญเมื่อค่า q ต่ำกว่า 0.05 "
     "คือมีนัยสำคัญหลังคำนึงถึงการทดสอบหลายเขตพร้อมกัน",
     "A change since the previous year: SE = √(SE this year² + SE last "
     "year²), p from the normal distribution, adjusted to a q-value "
     "(Benjamini–Hochberg) within each measure across the offices (and across "
     "the items for the city-wide changes); significant when q is below 0.05, "
     "that is significant after allowing for testing all the offices at once."},
};

/* The offices whose ITA SE came from one path: their codes when few, else
 * how many (a new string, "" for none). */
static char *offices_of_basis(const city *c, uncertainty_basis basis, size_t count)
{
    enum { LIST_AT_MOST = 10 };
    const year_uncertainty *yu = c->rep->uncertainty;
    const char *unit = city_tr(c, "เขต", "offices");
    if (count == 0 || count > LIST_AT_MOST)
        return xasprintf("%zu %s", count, unit);
    char *out = xasprintf("%zu %s (", count, unit);
    const char *sep = "";
    for (size_t pos = 0; pos < yu->ys->n; pos++) {
        if (uncertainty_of(yu, pos, MEASURE_ITA).basis != basis)
            continue;
        char *more = xasprintf("%s%s%s", out, sep,
                               c->rep->r->offices[yu->ys->offices[pos].office].code);
        free(out);
        out = more;
        sep = ", ";
    }
    char *done = xasprintf("%s)", out);
    free(out);
    return done;
}

/* rho, its source, the rank replicates and the paths of this run's SEs. */
static char *run_paragraph(const city *c)
{
    const year_uncertainty *yu = c->rep->uncertainty;
    uncertainty_summary u;
    uncertainty_summarize(yu, 0, &u);
    char *paths[UNCERTAINTY_N_BASES];
    for (int b = 0; b < UNCERTAINTY_N_BASES; b++)
        paths[b] = offices_of_basis(c, (uncertainty_basis)b, u.by_basis[b]);
    bool given = yu->item_correlation != UNCERTAINTY_DEFAULT_ITEM_CORRELATION;
    const char *source =
        given ? city_tr(c, "กำหนดด้วย --item-correlation", "set with --item-correlation")
              : city_tr(c, "ค่าปริยาย: ในการจำลอง ค่านี้ให้ช่วงครอบคลุมอย่างน้อย 94.5% "
                           "เมื่อสหสัมพันธ์ระหว่างข้ออยู่ระหว่าง 0 ถึง 0.7",
                        "the default: in simulation it kept coverage at 94.5% or more "
                        "for inter-item correlations from 0 to 0.7");
    char *text = xasprintf(
        city_tr(c, "ρ = %.2f (%s) ช่วงอันดับ: จำลอง %zu ครั้ง (ค่าตั้งต้น %lu, gsl_rng_mt19937 "
                   "แยกชุดละ %d ครั้ง) แต่ละครั้งสุ่ม ITA ของทุกเขตจากการแจกแจงปกติของตน "
                   "ตัดให้อยู่ในช่วง 0-100 ปัดเป็นทศนิยม 2 ตำแหน่งแล้วจัดอันดับ "
                   "ช่วงอันดับคือ 95%% ตรงกลางของอันดับที่ได้ (เมื่อมีเกิน 500 เขต จำลองน้อยลง: "
                   "5,000,000 / จำนวนเขต แต่ไม่น้อยกว่า 1,000 ครั้ง) ปีนี้ SE ของ ITA มาจาก: "
                   "คำตอบรายผู้ตอบ %s ส่วนเบี่ยงเบนมาตรฐานของเครื่องมือ %s "
                   "จำนวนคำตอบ %s ค่าประมาณจากจำนวนผู้ตอบ %s ไม่ทราบ %s",
                "ρ = %.2f (%s). Rank intervals: %zu replicates (seed %lu, "
                "gsl_rng_mt19937 in blocks of %d), each drawing every office's ITA "
                "from its normal distribution, kept within 0-100, rounded to 2 "
                "decimals and ranked; the interval holds the middle 95%% of an "
                "office's ranks (beyond 500 offices fewer replicates: 5,000,000 / "
                "offices, at least 1,000). This year the ITA's SE came from "
                "respondent-level answers for %s, the tools' sd for %s, answer "
                "counts for %s, approximate from respondents for %s, unknown "
                "for %s."),
        yu->item_correlation, source, yu->replicates, yu->seed, UNCERTAINTY_BLOCK,
        paths[UNCERTAINTY_RESPONDENTS], paths[UNCERTAINTY_SD], paths[UNCERTAINTY_COUNTS],
        paths[UNCERTAINTY_BOUND], paths[UNCERTAINTY_UNKNOWN]);
    for (int b = 0; b < UNCERTAINTY_N_BASES; b++)
        free(paths[b]);
    return text;
}

lxw_row_t city_sheet_method_uncertainty(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    if (!c->rep->uncertainty)
        return r;
    city_subtitle(c, ws, r++, 0, city_tr(c, "ผลเหล่านี้แน่นอนเพียงใด",
                                         "How sure these figures are"));
    for (size_t i = 0; i < sizeof paragraphs / sizeof *paragraphs; i++)
        xlsx_wide_line(c->b, ws, r++, METHOD_LAST_COL, METHOD_WIDTH,
                  city_tr(c, paragraphs[i][0], paragraphs[i][1]),
                  city_fmt(c, XLSX_WRAP));
    char *run = run_paragraph(c);
    xlsx_wide_line(c->b, ws, r++, METHOD_LAST_COL, METHOD_WIDTH, run,
              city_fmt(c, XLSX_WRAP));
    free(run);
    return r + 1;
}
