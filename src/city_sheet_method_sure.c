/* The Method sheet's account of how sure the figures are (city_sheets.h):
 * the uncertainty method and its assumptions in plain words. */
#include "city_sheets.h"
#include "text.h"

#include <stdlib.h>

/* The Method sheet's columns A-H, in characters. */
#define METHOD_WIDTH 202
#define METHOD_LAST_COL 7

/* The method, one paragraph each; %s-free so that they are data. */
static const char *const paragraphs[][2] = {
    {"คะแนน IIT และ EIT เป็นค่าเฉลี่ยของคำตอบแบบสำรวจ จึงมีความคลาดเคลื่อนจากการสุ่มตัวอย่าง: "
     "ถ้าถามคนกลุ่มอื่น คะแนนจะต่างไปบ้าง คะแนน OIT มาจากการตรวจเว็บไซต์ของผู้ประเมิน "
     "จึงไม่มีความคลาดเคลื่อนนี้",
     "IIT and EIT scores are means of survey answers, so they carry sampling "
     "error: other respondents would have given somewhat different scores. OIT "
     "scores are an assessor's check of the office's website and have none."},
    {"ความคลาดเคลื่อนมาตรฐาน (SE) ของแต่ละข้อ: เมื่อมีจำนวนคำตอบในแต่ละระดับ "
     "(ค่าของระดับ 0, 33.33, 66.67, 100 หรือ 0, 100 สำหรับข้อใช่/ไม่ใช่) "
     "SE = ส่วนเบี่ยงเบนมาตรฐานของคำตอบ / √จำนวนคำตอบ เมื่อมีเพียงจำนวนผู้ตอบ n "
     "ใช้ค่าประมาณแบบทวินาม SE = √(คะแนน × (100 − คะแนน) / (จำนวนระดับ − 1) / n) "
     "และระบุว่าเป็นค่าประมาณ เมื่อไม่มีทั้งสองอย่างจะไม่แสดงช่วง",
     "Each item's standard error (SE): with the answer counts per level (level "
     "values 0, 33.33, 66.67, 100, or 0 and 100 for yes/no items), SE = the "
     "standard deviation of the answers / √answers. With only the tool's "
     "respondent count n, a binomial approximation: SE = √(score × (100 − "
     "score) / (levels − 1) / n), marked approximate. With neither, no "
     "interval is shown."},
    {"SE ของตัวชี้วัด เครื่องมือ และ ITA คือผลรวมถ่วงน้ำหนักของ SE ของส่วนย่อย ด้วยน้ำหนัก"
     "เดียวกับคะแนน วิธีนี้ระมัดระวัง (ช่วงที่ได้กว้างกว่าความจริง): ผู้ตอบคนเดียวกันตอบทุกข้อ"
     "ของเครื่องมือ คำตอบจึงไปในทางเดียวกัน เราจึงไม่ถือว่าความคลาดเคลื่อนหักล้างกัน",
     "The SE of an indicator, a tool and the ITA is the weighted sum of its "
     "parts' SEs, with the weights of the score. This is conservative (the "
     "intervals are wider than the truth): the same respondents answer every "
     "item of a tool and their answers go together, so errors are not "
     "allowed to cancel."},
    {"ในสำนักงานเขตขนาดเล็ก บุคลากรเกือบทั้งหมดตอบแบบ IIT ซึ่งใกล้เคียงการสำรวจทั้งหมด "
     "ความคลาดเคลื่อนจริงของ IIT จึงน้อยกว่าที่แสดง",
     "In small offices nearly all staff answer the IIT, which is then close "
     "to a census: its real sampling error is smaller than shown."},
    {"ช่วง 95% = คะแนน ± 1.96 × SE (อยู่ในช่วง 0-100) โอกาสถึงเป้าหมาย = ความน่าจะเป็น"
     "ที่ ITA ที่ปัดเป็นทศนิยม 2 ตำแหน่งจะไม่ต่ำกว่าเป้าหมาย ตามการแจกแจงปกติ",
     "95% interval = score ± 1.96 × SE (within 0-100). Chance of reaching the "
     "target = the probability that the ITA rounded to 2 decimals is at least "
     "the target, under a normal distribution."},
    {"การเปลี่ยนแปลงจากปีก่อนมีนัยสำคัญเมื่อมากกว่า 1.96 × √(SE ปีนี้² + SE ปีก่อน²) "
     "เมื่อดูหลายเขตและหลายตัวชี้วัด ราว 1 ใน 20 ของรายการที่ไม่ได้เปลี่ยนจริงจะดูมีนัยสำคัญ"
     "โดยบังเอิญ",
     "A change since the previous year is significant when it is larger than "
     "1.96 × √(SE this year² + SE last year²). Across many offices and "
     "measures, about 1 in 20 that did not really change will look "
     "significant by chance."},
};

/* The rank replicates and the bases of this run's intervals. */
static char *run_paragraph(const city *c)
{
    const year_uncertainty *yu = c->rep->uncertainty;
    unc_summary u;
    uncertainty_summarize(yu, 0, &u);
    return xasprintf(
        city_tr(c, "ช่วงอันดับ: จำลอง %zu ครั้ง (ค่าตั้งต้น %lu, gsl_rng_mt19937) แต่ละครั้งสุ่ม ITA "
                   "ของทุกเขตจากการแจกแจงปกติของตน ปัดเป็นทศนิยม 2 ตำแหน่งแล้วจัดอันดับ "
                   "ช่วงอันดับคือ 95%% ตรงกลางของอันดับที่ได้ (เมื่อมีเกิน 500 เขต จำลองน้อยลง: "
                   "5,000,000 / จำนวนเขต แต่ไม่น้อยกว่า 1,000 ครั้ง) ปีนี้: ช่วงจากจำนวนคำตอบ %zu เขต "
                   "ค่าประมาณจากจำนวนผู้ตอบ %zu เขต ไม่ทราบ %zu เขต",
                "Rank intervals: %zu replicates (seed %lu, gsl_rng_mt19937), each "
                "drawing every office's ITA from its normal distribution, rounded "
                "to 2 decimals and ranked; the interval holds the middle 95%% of "
                "an office's ranks (beyond 500 offices fewer replicates: "
                "5,000,000 / offices, at least 1,000). This year: intervals from "
                "answer counts for %zu offices, approximate from respondents for "
                "%zu, unknown for %zu."),
        yu->replicates, yu->seed, u.known - u.approximate, u.approximate,
        u.n - u.known);
}

lxw_row_t city_sheet_method_sureness(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    if (!c->rep->uncertainty)
        return r;
    city_subtitle(c, ws, r++, 0, city_tr(c, "ผลเหล่านี้แน่นอนเพียงใด",
                                         "How sure these figures are"));
    for (size_t i = 0; i < sizeof paragraphs / sizeof *paragraphs; i++)
        city_note(c, ws, r++, METHOD_LAST_COL, METHOD_WIDTH,
                  city_tr(c, paragraphs[i][0], paragraphs[i][1]),
                  city_fmt(c, XLSX_WRAP));
    char *run = run_paragraph(c);
    city_note(c, ws, r++, METHOD_LAST_COL, METHOD_WIDTH, run,
              city_fmt(c, XLSX_WRAP));
    free(run);
    return r + 1;
}
