#include "textlayout.h"
#include "text.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <thai/thwbrk.h>
#include <wchar.h>

/* Glyph advances in thousandths of an em, by class of character: the mean
 * advance of each class in Laksaman (the metric twin of TH Sarabun New
 * that stands in for it where it is not installed), weighted by how often
 * each character occurs in the measures library.  A code point takes the
 * width of the first class that holds it; the last holds everything. */
typedef struct {
    const char *chars;      /* the class as a list of characters, or NULL */
    unsigned first, last;   /* or as a range of code points */
    unsigned short advance;
} advance_class;

static const advance_class advance_classes[] = {
    /* Thai vowel and tone marks above and below a consonant: no width */
    {NULL, 0x0E31, 0x0E31, 0},
    {NULL, 0x0E34, 0x0E3A, 0},
    {NULL, 0x0E47, 0x0E4E, 0},
    /* leading vowels and lakkhangyao: narrow */
    {"เโใไๅ", 0, 0, 328},
    {"งรธวฐะาำ", 0, 0, 481},
    {"ฌญฑฒณฬ", 0, 0, 795},
    {NULL, 0x0E50, 0x0E59, 675},            /* Thai digits */
    {NULL, 0x0E01, 0x0E7F, 596},            /* other Thai letters */
    {" ", 0, 0, 324},
    {NULL, '0', '9', 544},
    {"fijlrtIJ", 0, 0, 300},
    {"mwMW", 0, 0, 867},
    {NULL, 'a', 'z', 546},
    {NULL, 'A', 'Z', 571},
    {NULL, 0x21, 0x7E, 250},                /* ASCII punctuation */
    {NULL, 0x00A0, 0x00A0, 324},            /* no-break space */
    {NULL, 0x2000, 0x200A, 324},            /* other spaces */
    {NULL, 0x200B, 0x200D, 0},              /* zero-width characters */
    {NULL, 0x2010, 0x2027, 500},            /* dashes, quotes, bullets */
    {NULL, 0, 0x10FFFF, 600},
};
#define N_CLASSES (sizeof advance_classes / sizeof *advance_classes)

/* Pixels per point at 96 dpi, the resolution spreadsheets lay cells out
 * in. */
#define PX_PER_PT (96.0 / 72.0)

/* A column width unit is the width of a digit in the workbook's default
 * (Normal style) font, which the workbooks set to the body font at
 * TEXTLAYOUT_NORMAL_PT: Laksaman's digits are 0.544 em.  libxlsxwriter
 * stores a width w as w + 5/7 units (5 pixels of margin for Calibri's
 * 7-pixel digits). */
#define DIGIT_EM 0.544
#define STORED_MARGIN_UNITS (5.0 / 7.0)
/* Inner margins of a cell, left and right together. */
#define CELL_PADDING_PX 6.0

/* Line height in em of LibreOffice rows of wrapped text (Laksaman's
 * ascent plus descent, 1.655 em) and the margin of a row. */
#define LINE_HEIGHT_EM 1.655
#define ROW_PADDING_PT 2.0

/* True when the UTF-8 list chars holds the code point cp. */
static bool list_holds(const char *chars, unsigned cp)
{
    for (const char *p = chars; *p;) {
        unsigned c;
        size_t len = text_utf8_next(p, TEXT_UTF8_MAX, &c);
        if (c == cp)
            return true;
        p += len ? len : 1;
    }
    return false;
}

static unsigned class_advance(unsigned cp)
{
    for (size_t k = 0; k < N_CLASSES; k++) {
        const advance_class *a = &advance_classes[k];
        if (a->chars ? list_holds(a->chars, cp)
                     : cp >= a->first && cp <= a->last)
            return a->advance;
    }
    return 600;
}

/* The classes looked up once for the code points below U+0E80 (ASCII and
 * Thai: nearly every character of a workbook), since every row height of
 * every workbook measures its characters. */
#define FAST_ADVANCES 0x0E80
static unsigned short fast_advance[FAST_ADVANCES];
static bool fast_ready;

static unsigned advance_of(wchar_t c)
{
    unsigned cp = (unsigned)c;
    if (cp >= FAST_ADVANCES)
        return class_advance(cp);
    if (!fast_ready) {
        for (unsigned k = 0; k < FAST_ADVANCES; k++)
            fast_advance[k] = (unsigned short)class_advance(k);
        fast_ready = true;
    }
    return fast_advance[cp];
}

static double char_px(wchar_t c, double font_pt)
{
    return advance_of(c) / 1000.0 * font_pt * PX_PER_PT;
}

/* Decodes n bytes of UTF-8 at s into a new array of wide characters
 * (length to *len, 0-terminated).  Bytes that are not UTF-8 count as one
 * character each (U+FFFD): the estimate never fails. */
static wchar_t *decode(const char *s, size_t n, size_t *len)
{
    wchar_t *out = xmalloc((n + 1) * sizeof *out);
    size_t k = 0;
    for (size_t at = 0; at < n;) {
        unsigned cp;
        size_t step = text_utf8_next(s + at, n - at, &cp);
        at += step ? step : 1;
        out[k++] = (wchar_t)cp;
    }
    out[k] = 0;
    *len = k;
    return out;
}

/* Marks in can_break[i] whether a line may start at character i: after a
 * run of spaces, and where libthai finds a word boundary. */
static void find_breaks(const wchar_t *s, size_t n, bool *can_break)
{
    for (size_t i = 1; i < n; i++)
        can_break[i] = s[i - 1] == ' ' && s[i] != ' ';
    int *pos = xmalloc((n + 1) * sizeof *pos);
    int found = th_brk_wc_find_breaks(NULL, s, pos, n + 1);
    for (int k = 0; k < found; k++)
        if (pos[k] > 0 && (size_t)pos[k] < n)
            can_break[pos[k]] = true;
    free(pos);
}

/* Lines of one paragraph (no '\n') of n characters in room pixels. */
static size_t paragraph_lines(const wchar_t *s, size_t n, double room,
                              double font_pt)
{
    if (n == 0)
        return 1;
    /* a paragraph no wider than the room is one line wherever it may
     * break (widths are never negative): no word breaking needed */
    double total = 0;
    for (size_t k = 0; k < n && total <= room; k++)
        total += char_px(s[k], font_pt);
    if (total <= room)
        return 1;
    bool *can_break = xcalloc(n + 1, sizeof *can_break);
    find_breaks(s, n, can_break);
    size_t lines = 1;
    double used = 0;
    size_t i = 0;
    while (i < n) {
        /* the next word: up to the next break, its trailing spaces apart */
        size_t end = i + 1;
        while (end < n && !can_break[end])
            end++;
        double word = 0, spaces = 0;
        for (size_t k = i; k < end; k++) {
            if (s[k] == ' ')
                spaces += char_px(s[k], font_pt);
            else {
                word += spaces + char_px(s[k], font_pt);
                spaces = 0;
            }
        }
        if (used > 0 && used + word > room) {
            lines++;
            used = 0;
        }
        if (word > room) {
            /* wider than the column: broken between characters */
            for (size_t k = i; k < end; k++) {
                double w = char_px(s[k], font_pt);
                if (used > 0 && used + w > room && w > 0) {
                    lines++;
                    used = 0;
                }
                used += w;
            }
        } else {
            used += word + spaces;
        }
        i = end;
    }
    free(can_break);
    return lines;
}

double textlayout_text_px(const char *text, double font_pt)
{
    if (!text)
        return 0;
    double px = 0;
    size_t n;
    wchar_t *s = decode(text, strlen(text), &n);
    for (size_t k = 0; k < n; k++)
        if (s[k] != '\n')
            px += char_px(s[k], font_pt);
    free(s);
    return px;
}

/* The widest word of one paragraph (no '\n') of n characters, in
 * pixels: the runs between the breaks of paragraph_lines, trailing spaces
 * apart. */
static double paragraph_word_px(const wchar_t *s, size_t n, double font_pt)
{
    bool *can_break = xcalloc(n + 1, sizeof *can_break);
    find_breaks(s, n, can_break);
    double widest = 0, word = 0, spaces = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && can_break[k])
            word = spaces = 0;
        if (s[k] == ' ') {
            spaces += char_px(s[k], font_pt);
        } else {
            word += spaces + char_px(s[k], font_pt);
            spaces = 0;
        }
        if (word > widest)
            widest = word;
    }
    free(can_break);
    return widest;
}

/* Pixels of a column width unit: a digit of the Normal font. */
static double unit_px(void)
{
    return DIGIT_EM * TEXTLAYOUT_NORMAL_PT * PX_PER_PT;
}

double textlayout_width_for_px(double px)
{
    double width = px / unit_px() - STORED_MARGIN_UNITS;
    return width > 0 ? width : 0;
}

double textlayout_column_px(double width)
{
    double unit = unit_px();
    double px = (width + STORED_MARGIN_UNITS) * unit - CELL_PADDING_PX;
    return px > 1 ? px : 1;
}

/* Calls each(paragraph, length, ctx) for every line of text between
 * newlines, decoded; the sum of what it returns. */
typedef double (*paragraph_fn)(const wchar_t *s, size_t n, void *ctx);
static double each_paragraph(const char *text, paragraph_fn each, void *ctx)
{
    double sum = 0;
    for (const char *p = text;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        size_t n;
        wchar_t *s = decode(p, len, &n);
        sum += each(s, n, ctx);
        free(s);
        if (!nl)
            break;
        p = nl + 1;
    }
    return sum;
}

typedef struct {
    double font_pt, room, widest;
} paragraph_measure;

static double widest_word(const wchar_t *s, size_t n, void *ctx)
{
    paragraph_measure *m = ctx;
    double px = paragraph_word_px(s, n, m->font_pt);
    if (px > m->widest)
        m->widest = px;
    return 0;
}

double textlayout_word_width(const char *text, double font_pt)
{
    if (!text)
        return 0;
    paragraph_measure m = {.font_pt = font_pt};
    each_paragraph(text, widest_word, &m);
    return m.widest > 0 ? (m.widest + CELL_PADDING_PX) / unit_px() -
                              STORED_MARGIN_UNITS
                        : 0;
}

static double lines_of(const wchar_t *s, size_t n, void *ctx)
{
    const paragraph_measure *m = ctx;
    return (double)paragraph_lines(s, n, m->room, m->font_pt);
}

/* Lines of text, measured (no cache). */
static size_t measure_lines(const char *text, double width, double font_pt)
{
    paragraph_measure m = {.font_pt = font_pt,
                           .room = textlayout_column_px(width)};
    return (size_t)each_paragraph(text, lines_of, &m);
}

/* The same labels, measures and headings are measured again in every
 * office workbook (thousands at national scale), and libthai's word
 * breaking is the dearest step of writing a workbook: recent answers are
 * kept in a direct-mapped table of bounded size (a slot holds the last
 * text that hashed to it). */
#define LINE_CACHE_SLOTS 4096
typedef struct {
    char *text;             /* owned copy, or NULL for an empty slot */
    double width, font_pt;
    size_t lines;
} line_cache_slot;
static line_cache_slot line_cache[LINE_CACHE_SLOTS];

static size_t slot_of(const char *text, double width, double font_pt)
{
    uint64_t h = text_hash(text, NULL);
    h ^= (uint64_t)(width * 64.0) * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)(font_pt * 64.0) * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h % LINE_CACHE_SLOTS);
}

size_t textlayout_lines(const char *text, double width, double font_pt)
{
    if (!text || !*text)
        return 1;
    line_cache_slot *slot = &line_cache[slot_of(text, width, font_pt)];
    if (slot->text && slot->width == width && slot->font_pt == font_pt &&
        strcmp(slot->text, text) == 0)
        return slot->lines;
    size_t lines = measure_lines(text, width, font_pt);
    free(slot->text);
    *slot = (line_cache_slot){xstrdup(text), width, font_pt, lines};
    return lines;
}

void textlayout_cache_free(void)
{
    for (size_t k = 0; k < LINE_CACHE_SLOTS; k++) {
        free(line_cache[k].text);
        line_cache[k].text = NULL;
    }
}

double textlayout_row_height(size_t lines, double font_pt)
{
    if (lines < 1)
        lines = 1;
    return ceil((double)lines * font_pt * LINE_HEIGHT_EM + ROW_PADDING_PT);
}

double textlayout_text_height(const char *text, double width, double font_pt)
{
    return textlayout_row_height(textlayout_lines(text, width, font_pt),
                                 font_pt);
}

/* ---- wrapping generated prose at libthai's word breaks ---------------- */

/* textlayout_wrap fills this share of a column's room: its widths are an
 * estimate, and a line LibreOffice finds a little too long would be
 * broken again where its own dictionary says, inside a word. */
#define WRAP_ROOM 0.92

/* For textlayout_wrap_names: the breaks after spaces only, but inside a
 * name (a run between spaces) wider than room, where it must break
 * anyway, libthai's. */
static void keep_names_whole(const wchar_t *s, size_t n, double room,
                             double font_pt, bool *can_break)
{
    for (size_t start = 0; start < n;) {
        size_t end = start;
        double width = 0;
        while (end < n && s[end] != ' ')
            width += char_px(s[end++], font_pt);
        for (size_t i = start + 1; i < end && width <= room; i++)
            can_break[i] = false;
        while (end < n && s[end] == ' ')
            end++;
        start = end;
    }
}

/* Marks in starts[i] where the lines of one paragraph (no '\n') of n
 * characters start when filled word by word into room pixels (as
 * paragraph_lines fills them; a word wider than the room is left whole,
 * for the spreadsheet to break). */
static void paragraph_line_starts(const wchar_t *s, size_t n, double room,
                                  double font_pt, bool names, bool *starts)
{
    bool *can_break = xcalloc(n + 1, sizeof *can_break);
    find_breaks(s, n, can_break);
    if (names)
        keep_names_whole(s, n, room, font_pt, can_break);
    double used = 0;
    for (size_t i = 0; i < n;) {
        size_t end = i + 1;
        while (end < n && !can_break[end])
            end++;
        double word = 0, spaces = 0;
        for (size_t k = i; k < end; k++) {
            if (s[k] == ' ') {
                spaces += char_px(s[k], font_pt);
            } else {
                word += spaces + char_px(s[k], font_pt);
                spaces = 0;
            }
        }
        if (used > 0 && used + word > room) {
            starts[i] = true;
            used = 0;
        }
        used += word + spaces;
        i = end;
    }
    free(can_break);
}

/* Appends one paragraph (len bytes at p, no '\n') to out, a '\n' where
 * each of its lines but the first starts, the spaces before it left out. */
static char *wrap_paragraph(char *out, const char *p, size_t len,
                            double room, double font_pt, bool names)
{
    size_t n;
    wchar_t *s = decode(p, len, &n);
    bool *starts = xcalloc(n + 1, sizeof *starts);
    paragraph_line_starts(s, n, room, font_pt, names, starts);
    size_t at = 0, line_at = 0;
    for (size_t k = 0; k <= n; k++) {
        if (k == n || starts[k]) {
            /* the line's bytes, its trailing spaces left out */
            size_t end = at;
            while (end > line_at && p[end - 1] == ' ')
                end--;
            out = text_append(out, "%s%.*s", line_at ? "\n" : "",
                              (int)((k == n ? len : end) - line_at),
                              p + line_at);
            line_at = at;
        }
        if (k == n)
            break;
        unsigned cp;
        size_t step = text_utf8_next(p + at, len - at, &cp);
        at += step ? step : 1;
    }
    free(starts);
    free(s);
    return out;
}

/* textlayout_wrap, or textlayout_wrap_names when names. */
static char *wrap_text(const char *text, double width, double font_pt,
                       bool names)
{
    double room = textlayout_column_px(width) * WRAP_ROOM;
    char *out = xstrdup("");
    for (const char *p = text;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        out = wrap_paragraph(out, p, len, room, font_pt, names);
        if (!nl)
            break;
        out = text_append(out, "\n");
        p = nl + 1;
    }
    return out;
}

char *textlayout_wrap(const char *text, double width, double font_pt)
{
    return wrap_text(text, width, font_pt, false);
}

char *textlayout_wrap_names(const char *text, double width, double font_pt)
{
    return wrap_text(text, width, font_pt, true);
}
