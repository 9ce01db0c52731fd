#include "diag_text.h"
#include "registry.h"
#include "text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Values a pattern can read back from a message. */
#define MAX_VALUES 10

/* Ways one kind of finding may be written. */
#define MAX_FORMS 4

/* The hint of a folder scan that skipped a table saved as text. */
#define TEXT_TABLE_HINT_EN                                                  \
    " (a table saved as text, such as Excel's \"Unicode text\" .txt, is "  \
    "read when renamed .csv or named on the command line)"
#define TEXT_TABLE_HINT_TH                                                  \
    " (ตารางที่บันทึกเป็นข้อความ เช่น \"Unicode text\" .txt ของ Excel "      \
    "อ่านได้เมื่อเปลี่ยนชื่อเป็น .csv หรือระบุชื่อในบรรทัดคำสั่ง)"

/* One way a kind of finding is written: the English message as a pattern
 * ("{}" stands for a value) and the Thai sentence ("{1}".."{8}" are the
 * values in pattern order, "{office}" the Thai name of the finding's
 * office). */
typedef struct {
    const char *english, *thai;
} message_form;

/* The kinds of findings that can reach a workbook (warnings and notes: a
 * run with errors writes none), by check code.  A kind may be written in
 * several ways; the first form whose pattern matches is used, else the
 * kind's sentence without values (thai_plain). */
static const struct {
    const char *check;
    const char *kind[2];         /* [report_lang] */
    const char *thai_plain;
    message_form forms[MAX_FORMS];
} kinds[] = {
    {"published_mismatch",
     {"ค่าที่เผยแพร่ต่างจากค่าที่คำนวณ", "published figure differs"},
     "ค่าที่ประกาศต่างจากค่าที่คำนวณใหม่เกินกว่าที่การปัดเศษอธิบายได้",
     {{"office {} ({}) {}: published {} {} differs from the {} recomputed "
       "from its {} by {}, more than rounding allows ({}: 0.005 for the "
       "figure plus 0.005 x the weights of its 2-decimal inputs)",
       "{office} ปี {3}: ค่า {4} ที่ประกาศ {5} ต่างจากค่าที่คำนวณใหม่ {6} "
       "({8}) เกินกว่าที่การปัดเศษอธิบายได้ ({9}: 0.005 ของค่าที่ประกาศ "
       "บวก 0.005 x น้ำหนักของค่าที่ใช้คำนวณซึ่งมีทศนิยม 2 ตำแหน่ง)"}}},
    {"published_only",
     {"ใช้คะแนนที่ประกาศ", "published figures only"},
     "บางสำนักงานเขตมีเพียงคะแนนที่ประกาศ จึงจัดอันดับจากคะแนนนั้น "
     "โดยเว้นว่างส่วนที่ต้องใช้คะแนนรายข้อ",
     {{"{} of the {} offices scored in {} have published figures only ({} "
       "from indicators, {} from tools, {} from the ITA alone): they are "
       "ranked and counted with the others, marked published; item gaps, "
       "the Questions sheet, item-level plan rows and standard errors are "
       "left blank for them",
       "{1} จาก {2} สำนักงานเขตที่ได้คะแนนปี {3} มีเพียงคะแนนที่ประกาศ "
       "(จากตัวชี้วัด {4} จากเครื่องมือ {5} จาก ITA อย่างเดียว {6}) "
       "จึงจัดอันดับและนับรวมกับสำนักงานเขตอื่น โดยระบุว่าเป็นคะแนนที่ประกาศ "
       "ส่วนช่องว่างรายข้อ แผ่นงานข้อคำถาม แผนรายข้อ และค่าคลาดเคลื่อนมาตรฐาน"
       "เว้นว่างไว้"}}},
    {"framework", {"กรอบการประเมินต่างกัน", "different frameworks"},
     "ปีในชุดข้อมูลนี้ใช้กรอบการประเมินต่างกัน ข้อคำถามที่มีในกรอบเดียว"
     "ไม่นำมาเปรียบเทียบระหว่างปี",
     {{"{} and {} are scored with different frameworks ({}, {}): ITA, tools "
       "and indicators are compared between them, items only where both "
       "models have the item's id; left out of the item comparisons, items "
       "only in the later model: {} ({}); only in the earlier model: {} ({})",
       "ปี {1} และ {2} ใช้กรอบการประเมินต่างกัน ({3}, {4}): เปรียบเทียบ ITA "
       "เครื่องมือ และตัวชี้วัดระหว่างสองปีนี้ ส่วนข้อคำถามเปรียบเทียบเฉพาะข้อ"
       "ที่รหัสตรงกันในทั้งสองกรอบ; ข้อที่ไม่นำมาเปรียบเทียบ มีเฉพาะในกรอบปี "
       "{2}: {5} ข้อ ({6}); มีเฉพาะในกรอบปี {1}: {7} ข้อ ({8})"}}},
    {"year_ce", {"ปี ค.ศ.", "year in C.E."},
     "ปีในไฟล์นี้เป็น ค.ศ. และอ่านเป็น พ.ศ.",
     {{"year {} is taken as C.E. and read as B.E. {} (so are the other C.E. "
       "years of this file)",
       "ปี {1} ถือเป็นปี ค.ศ. และอ่านเป็น พ.ศ. {2} (ปี ค.ศ. อื่นในไฟล์นี้"
       "ก็เช่นกัน)"}}},
    {"duplicate", {"ข้อมูลซ้ำ", "duplicate"},
     "ข้อมูลซ้ำด้วยค่าเดิม ใช้ค่าแรก",
     {{"score of {} for office {} in {} repeated with the same value {} "
       "(first at {})",
       "คะแนนข้อ {1} ของ{office} ปี {3} ซ้ำด้วยค่าเดิม {4} (พบครั้งแรกที่ {5})"},
      {"respondents of {} for office {} in {} repeated with the same value {} "
       "(first at {})",
       "จำนวนผู้ตอบ {1} ของ{office} ปี {3} ซ้ำด้วยค่าเดิม {4} (พบครั้งแรกที่ "
       "{5})"},
      {"published {} for office {} in {} repeated with the same value {} "
       "(first at {})",
       "ค่า {1} ที่เผยแพร่ของ{office} ปี {3} ซ้ำด้วยค่าเดิม {4} (พบครั้งแรกที่ "
       "{5})"}}},
    {"header", {"หัวตาราง", "header"},
     "พบแถวหัวตารางซ้ำ (ไฟล์ถูกนำมาต่อกันหรือไม่) จึงข้ามบรรทัดนี้", {{0}}},
    {"not_used", {"ข้อมูลที่ไม่ได้ใช้", "not used"},
     "รับรู้ไฟล์จำนวนคำตอบแล้วแต่รุ่นนี้ยังไม่ได้ใช้ คะแนนมาจากไฟล์คะแนนรายข้อ",
     {{0}}},
    {"file", {"ไฟล์", "file"},
     "ข้ามลิงก์ที่ชี้กลับไปยังโฟลเดอร์ที่กำลังอ่าน", {{0}}},
    {"year_without_scores", {"ปีที่ไม่มีคะแนน", "year without scores"},
     "มีข้อมูลผู้ตอบหรือค่าที่เผยแพร่ของปีที่ไม่มีคะแนนรายข้อ จึงไม่ได้ใช้",
     {{"the input has respondents or published figures for {} but no item "
       "scores for that year, and no office's figures give an ITA (the ITA, "
       "every tool or every indicator): they are not used",
       "มีข้อมูลผู้ตอบหรือค่าที่ประกาศของปี {1} แต่ไม่มีคะแนนรายข้อของปีนั้น "
       "และไม่มีสำนักงานเขตใดมีค่าพอคำนวณ ITA จึงไม่ได้ใช้"}}},
    {"no_scores", {"สำนักงานเขตที่ไม่มีคะแนน", "office without scores"},
     "มีข้อมูลของสำนักงานเขตที่ไม่มีคะแนนรายข้อในปีนั้น จึงไม่ได้ใช้",
     {{"office {} ({}) has published figures for {} but no item scores, and "
       "its figures give no ITA (the ITA, every tool or every indicator is "
       "needed): they are not used",
       "{office} มีค่าที่ประกาศของปี {3} แต่ไม่มีคะแนนรายข้อ และไม่พอคำนวณ "
       "ITA (ต้องมี ITA หรือทุกเครื่องมือ หรือทุกตัวชี้วัด) จึงไม่ได้ใช้"},
      {"office {} ({}) has respondent counts for {} but no item scores: they "
       "are not used",
       "{office} มีจำนวนผู้ตอบของปี {3} แต่ไม่มีคะแนนรายข้อ จึงไม่ได้ใช้"}}},
    {"skipped_files", {"ไฟล์ที่ข้าม", "files skipped"},
     "ข้ามไฟล์ในโฟลเดอร์ที่ไม่ใช่ .csv หรือ .xlsx",
     {{"skipped 1 file that is not .csv or .xlsx: {}" TEXT_TABLE_HINT_EN,
       "ข้าม 1 ไฟล์ที่ไม่ใช่ .csv หรือ .xlsx: {1}" TEXT_TABLE_HINT_TH},
      {"skipped {} files that are not .csv or .xlsx: {}" TEXT_TABLE_HINT_EN,
       "ข้าม {1} ไฟล์ที่ไม่ใช่ .csv หรือ .xlsx: {2}" TEXT_TABLE_HINT_TH},
      {"skipped 1 file that is not .csv or .xlsx: {}",
       "ข้าม 1 ไฟล์ที่ไม่ใช่ .csv หรือ .xlsx: {1}"},
      {"skipped {} files that are not .csv or .xlsx: {}",
       "ข้าม {1} ไฟล์ที่ไม่ใช่ .csv หรือ .xlsx: {2}"}}},
    {"eof_mark", {"เครื่องหมายจบไฟล์", "end-of-file mark"},
     "ท้ายไฟล์มีอักขระจบไฟล์ของระบบดอส (ไบต์ 0x1A) ซึ่งไม่นำมาใช้",
     {{0}}},
    {"registry_zone", {"ชื่อกลุ่มเขต", "zone name"},
     "ชื่อกลุ่มเขตที่ต่างกันเพียงตัวพิมพ์ ช่องว่าง หรือรูปแบบสระ อ่านเป็นกลุ่มเดียวกัน",
     {{"zone \"{}\" / \"{}\" is read as \"{}\" / \"{}\" of line {} (the "
       "names differ only in case, spaces or the form of Thai vowels)",
       "กลุ่มเขต \"{1}\" / \"{2}\" อ่านเป็นกลุ่ม \"{3}\" / \"{4}\" ของบรรทัด "
       "{5} (ชื่อต่างกันเพียงตัวพิมพ์ ช่องว่าง หรือรูปแบบสระไทย)"}}},
    {"encoding", {"การเข้ารหัสอักขระ", "encoding"},
     "อ่านเป็นข้อความภาษาไทย Windows-874 ควรบันทึกเป็น \"CSV UTF-8\" เพื่อไม่ต้อง"
     "เดาการเข้ารหัส",
     {{0}}},
};
#define N_KINDS (sizeof kinds / sizeof *kinds)

/* For a kind this table does not know (new checks come first in
 * English). */
static const char unknown_kind_th[] = "ข้อสังเกตอื่น";
static const char unknown_message_th[] =
    "ข้อสังเกตประเภท %s ดูรายละเอียดในไฟล์ data_quality";

static int kind_index(const char *check)
{
    for (size_t k = 0; check && k < N_KINDS; k++)
        if (strcmp(kinds[k].check, check) == 0)
            return (int)k;
    return -1;
}

const char *diag_text_kind(const char *check, report_lang lang)
{
    int k = kind_index(check);
    if (k >= 0)
        return kinds[k].kind[lang == LANG_EN];
    return lang == LANG_EN ? (check ? check : "") : unknown_kind_th;
}

/* Reads the values of message through pattern into value[] (new strings,
 * *n of them); false, with nothing kept, when the message does not match.
 * A value runs up to the first place where the rest of the pattern's next
 * literal text follows. */
static bool match(const char *pattern, const char *message, char **value,
                  size_t *n)
{
    *n = 0;
    const char *p = pattern, *m = message;
    while (*p) {
        const char *hole = strstr(p, "{}");
        size_t lit = hole ? (size_t)(hole - p) : strlen(p);
        if (strncmp(p, m, lit) != 0)
            goto fail;
        p += lit;
        m += lit;
        if (!hole)
            break;
        p += 2;
        const char *next = strstr(p, "{}");
        size_t next_lit = next ? (size_t)(next - p) : strlen(p);
        const char *end = next_lit == 0 ? m + strlen(m) : m;
        if (next_lit) {
            char *want = xstrndup(p, next_lit);
            end = strstr(m, want);
            free(want);
        }
        if (!end || end == m || *n == MAX_VALUES)
            goto fail;
        value[(*n)++] = xstrndup(m, (size_t)(end - m));
        m = end;
    }
    if (*m == '\0')
        return true;
fail:
    for (size_t i = 0; i < *n; i++)
        free(value[i]);
    *n = 0;
    return false;
}

/* The Thai name of the finding's office, or its code. */
static const char *office_th(const report *rep, const diag *d)
{
    int o = rep->r && d->office_code ? registry_find(rep->r, d->office_code)
                                     : -1;
    return o >= 0 ? rep->r->offices[o].name_th
                  : d->office_code ? d->office_code : "";
}

/* Fills the Thai sentence with the values read and the office name. */
static char *fill(const char *thai, char *const *value, size_t n,
                  const char *office)
{
    char *out = xstrdup("");
    for (const char *p = thai; *p;) {
        const char *brace = strchr(p, '{');
        size_t lit = brace ? (size_t)(brace - p) : strlen(p);
        const char *insert = "";
        size_t skip = 0;
        if (brace && strncmp(brace, "{office}", 8) == 0) {
            insert = office;
            skip = 8;
        } else if (brace && brace[1] >= '1' && brace[1] <= '9' &&
                   brace[2] == '}') {
            size_t i = (size_t)(brace[1] - '1');
            insert = i < n ? value[i] : "";
            skip = 3;
        } else if (brace) {
            lit++;   /* a brace of the text itself */
        }
        char *joined = xasprintf("%s%.*s%s", out, (int)lit, p, insert);
        free(out);
        out = joined;
        p += lit + skip;
    }
    return out;
}

char *diag_text_message(const report *rep, const diag *d)
{
    if (rep->lang == LANG_EN)
        return xstrdup(d->message ? d->message : "");
    int k = kind_index(d->check);
    if (k < 0)
        return xasprintf(unknown_message_th, d->check ? d->check : "");
    char *value[MAX_VALUES];
    size_t n;
    for (size_t f = 0; f < MAX_FORMS && kinds[k].forms[f].english; f++) {
        if (!match(kinds[k].forms[f].english, d->message, value, &n))
            continue;
        char *office = xasprintf("สำนักงานเขต%s", office_th(rep, d));
        char *out = fill(kinds[k].forms[f].thai, value, n, office);
        free(office);
        for (size_t i = 0; i < n; i++)
            free(value[i]);
        return out;
    }
    return xstrdup(kinds[k].thai_plain);
}
