#include "xlsx_common.h"
#include "textlayout.h"
#include "thai_digits.h"
#include "names.h"
#include "text.h"
#include "xlsx_zip.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* TH Sarabun New is small for its point size: 14 pt reads like 10-11 pt
 * Latin fonts on screen and on A4. */
#define BODY_SIZE 14
#define SUBTITLE_SIZE 16
#define TITLE_SIZE 20

#define HEADER_FILL 0xD9E1F2
#define TARGET_FILL 0xFFF2CC
#define WARNING_COLOUR 0xC00000

/* Fills and font colours of the grade bands, best first.  A model with more
 * grades than this reuses the last colour. */
static const struct {
    lxw_color_t fill, font;
} grade_palette[] = {
    {0x1E8449, 0xFFFFFF}, /* AA */
    {0x82E0AA, 0x000000}, /* A */
    {0xD4EFDF, 0x000000}, /* B */
    {0xFCF3CF, 0x000000}, /* C */
    {0xF8C471, 0x000000}, /* D */
    {0xF1948A, 0x000000}, /* E */
    {0xC0392B, 0xFFFFFF}, /* F */
};
#define N_PALETTE (sizeof grade_palette / sizeof *grade_palette)

/* Number formats of the cell kinds; NULL = General. */
static const char *const kind_num_format[XLSX_KIND_COUNT] = {
    [XLSX_SCORE] = "0.00",
    [XLSX_INT] = "0",
    [XLSX_PERCENT] = "0.0%",
    [XLSX_FINE] = "0.0000",
    /* a chance as people read it: never "100 %" or "0 %" for what is
     * merely likely or unlikely; the cell stays the number formulas use */
    [XLSX_CHANCE] = "[>0.99]\"> 99 %\";[<0.01]\"< 1 %\";0\" \"%",
};

/* Dates are real date cells shown as "30 ก.ย. 2565" in Thai: Western
 * digits (01), the Thai Buddhist calendar (07), Thai (041E), so that
 * yyyy is the B.E. year in Excel and in LibreOffice alike (bbbb is not
 * read by LibreOffice, [$-th-TH,107] not at all); in English, the C.E.
 * "30 Sep 2022". */
static const char *const date_format[2] = {"[$-107041E]d mmm yyyy",
                                           "d mmm yyyy"};

const char *xlsx_date_format(const report *rep)
{
    return date_format[rep->lang == LANG_EN];
}

const char *xlsx_tr(const report *rep, const char *th, const char *en)
{
    return rep->lang == LANG_EN ? en : th;
}

const char *xlsx_font_name(const report *rep)
{
    return rep->font && *rep->font ? rep->font : "TH Sarabun New";
}

const char *xlsx_office_name(const report *rep, int office_index)
{
    const office *o = &rep->r->offices[office_index];
    return xlsx_tr(rep, o->name_th, o->name_en);
}

const char *xlsx_zone_name(const report *rep, int zone_index)
{
    if (zone_index < 0 || (size_t)zone_index >= rep->r->n_zones)
        return "";
    const zone *z = &rep->r->zones[zone_index];
    return xlsx_tr(rep, z->name_th, z->name_en);
}

const char *xlsx_node_label(const report *rep, int node)
{
    const model_node *n = &rep->m->nodes[node];
    return xlsx_tr(rep, n->label_th, n->label_en);
}

const char *xlsx_grade_label(const report *rep, size_t grade)
{
    const model_grade *g = &rep->m->grades[grade];
    return xlsx_tr(rep, g->label_th, g->label_en);
}

char *xlsx_node_title(const report *rep, int node)
{
    return xasprintf("%s %s", rep->m->nodes[node].id,
                     xlsx_node_label(rep, node));
}

char *xlsx_measure_title(const report *rep, size_t measure)
{
    if (measure == MEASURE_ITA)
        return xstrdup("ITA");
    return xlsx_node_title(rep, (int)measure - 1);
}

size_t *xlsx_headline_measures(const model *m, size_t *n)
{
    size_t *out = xmalloc((1 + m->n_tools + m->n_indicators) * sizeof *out);
    size_t k = 0;
    out[k++] = MEASURE_ITA;
    for (size_t t = 0; t < m->n_tools; t++)
        out[k++] = 1 + (size_t)m->tools[t];
    for (size_t i = 0; i < m->n_indicators; i++)
        out[k++] = 1 + (size_t)m->indicators[i];
    *n = k;
    return out;
}

static lxw_format *font_format(lxw_workbook *wb, const char *font, double size)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, font);
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

/* Sets a number format, with Thai digits when the report asks for them
 * (--thai-digits, Thai workbooks only: thai_digits.h). */
static void set_num_format(const report *rep, lxw_format *f, const char *fmt)
{
    if (!rep->thai_digits || rep->lang != LANG_TH) {
        format_set_num_format(f, fmt);
        return;
    }
    char *thai = thai_digits_format(fmt);
    format_set_num_format(f, thai);
    free(thai);
}

void xlsx_set_num_format(const xlsx_book *b, lxw_format *f, const char *fmt)
{
    set_num_format(b->rep, f, fmt);
}

static lxw_format *kind_format(lxw_workbook *wb, const report *rep,
                               const char *font, xlsx_kind kind, bool bold)
{
    lxw_format *f = font_format(wb, font, BODY_SIZE);
    if (bold)
        format_set_bold(f);
    if (kind == XLSX_FLAG)
        /* 1 and 0 stay numbers (they add up), shown as words */
        format_set_num_format(f, xlsx_tr(rep, "\"ผ่าน\";\"ผ่าน\";\"ไม่ผ่าน\"",
                                         "\"pass\";\"pass\";\"fail\""));
    else if (kind == XLSX_DATE)
        set_num_format(rep, f, xlsx_date_format(rep));
    else if (kind_num_format[kind])
        set_num_format(rep, f, kind_num_format[kind]);
    if (kind == XLSX_WRAP || kind == XLSX_INPUT)
        format_set_text_wrap(f);
    /* a small indent keeps text clear of a right-aligned number just left
     * of it */
    if (kind == XLSX_TEXT || kind == XLSX_WRAP || kind == XLSX_INPUT)
        format_set_indent(f, 1);
    if (kind == XLSX_INPUT) {
        format_set_unlocked(f);
        format_set_bg_color(f, TARGET_FILL);
    }
    if (kind == XLSX_FLAG)
        format_set_align(f, LXW_ALIGN_CENTER);
    return f;
}

static void make_formats(xlsx_book *b)
{
    lxw_workbook *wb = b->wb;
    const report *rep = b->rep;
    const char *font = xlsx_font_name(rep);
    xlsx_formats *f = &b->f;

    f->title = font_format(wb, font, TITLE_SIZE);
    format_set_bold(f->title);
    f->subtitle = font_format(wb, font, SUBTITLE_SIZE);
    format_set_bold(f->subtitle);
    f->header = font_format(wb, font, BODY_SIZE);
    format_set_bold(f->header);
    format_set_text_wrap(f->header);
    format_set_bg_color(f->header, HEADER_FILL);
    format_set_border(f->header, LXW_BORDER_THIN);
    format_set_align(f->header, LXW_ALIGN_CENTER);
    f->label = font_format(wb, font, BODY_SIZE);
    format_set_bold(f->label);
    f->note = font_format(wb, font, BODY_SIZE);
    format_set_italic(f->note);
    format_set_text_wrap(f->note);
    f->hint = font_format(wb, font, BODY_SIZE);
    format_set_italic(f->hint);
    f->center = font_format(wb, font, BODY_SIZE);
    format_set_align(f->center, LXW_ALIGN_CENTER);
    f->warning = font_format(wb, font, SUBTITLE_SIZE);
    format_set_bold(f->warning);
    format_set_font_color(f->warning, WARNING_COLOUR);
    format_set_text_wrap(f->warning);
    f->target = font_format(wb, font, SUBTITLE_SIZE);
    format_set_bold(f->target);
    set_num_format(rep, f->target, "0.00");
    format_set_unlocked(f->target);
    format_set_bg_color(f->target, TARGET_FILL);
    format_set_border(f->target, LXW_BORDER_MEDIUM);
    for (int k = 0; k < XLSX_KIND_COUNT; k++) {
        f->cell[k] = kind_format(wb, rep, font, (xlsx_kind)k, false);
        f->bold[k] = kind_format(wb, rep, font, (xlsx_kind)k, true);
    }

    f->n_grades = rep->m->n_grades < XLSX_MAX_GRADES ? rep->m->n_grades
                                                     : XLSX_MAX_GRADES;
    for (size_t g = 0; g < f->n_grades; g++) {
        size_t p = g < N_PALETTE ? g : N_PALETTE - 1;
        f->grade[g] = workbook_add_format(wb);
        format_set_bg_color(f->grade[g], grade_palette[p].fill);
        format_set_font_color(f->grade[g], grade_palette[p].font);
    }
    f->pass = workbook_add_format(wb);
    format_set_bg_color(f->pass, 0xC6EFCE);
    format_set_font_color(f->pass, 0x006100);
    f->fail = workbook_add_format(wb);
    format_set_bg_color(f->fail, 0xFFC7CE);
    format_set_font_color(f->fail, 0x9C0006);
}

/* The end of the fiscal year (30 September), noon UTC: a creation time
 * that depends only on the data, so that the same input gives the same
 * bytes.  Years come from dataset_year_be, so they are plausible. */
static time_t fixed_creation_time(int year_be)
{
    int ce = dataset_year_ce(year_be);
    struct tm tm = {.tm_year = ce - 1900, .tm_mon = 8, .tm_mday = 30,
                    .tm_hour = 12};
    return timegm(&tm);
}

/* The Normal style's font (the workbook's first format): Excel and
 * LibreOffice count column widths in digits of that font, so it is the
 * body font at TEXTLAYOUT_NORMAL_PT, as textlayout expects.  With
 * libxlsxwriter's Calibri, LibreOffice on a machine without Calibri
 * measures every column a third wider than Excel does.  The theme's font
 * scheme is dropped so that the name counts. */
static void set_normal_font(lxw_workbook *wb, const char *font)
{
    lxw_format *normal = STAILQ_FIRST(wb->formats);
    if (!normal)
        return;
    format_set_font_name(normal, font);
    format_set_font_size(normal, TEXTLAYOUT_NORMAL_PT);
    format_set_font_scheme(normal, "");
}

static bool writable_folder(const char *dir)
{
    struct stat st;
    return dir && *dir == '/' && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
           access(dir, W_OK | X_OK) == 0;
}

/* Where libxlsxwriter writes the temporary files of a workbook's parts
 * (one per sheet and more; created and unlinked at once, so none is ever
 * left behind): a folder in memory when the system has one, since
 * creating and removing a file on disk costs far more than writing it;
 * else the output folder, not the system's temporary folder, which may be
 * small.  A new string. */
static char *temp_folder(const char *final_path)
{
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    if (writable_folder(runtime))
        return xstrdup(runtime);
    if (writable_folder("/dev/shm"))
        return xstrdup("/dev/shm");
    const char *slash = strrchr(final_path, '/');
    return slash ? xasprintf("%.*s", (int)(slash - final_path + 1), final_path)
                 : xstrdup(".");
}

bool xlsx_book_open(xlsx_book *b, const char *final_path, const report *rep,
                    const char *title, const char *comments)
{
    *b = (xlsx_book){.rep = rep};
    if (xlsx_zip_level() < 0) {
        /* libxlsxwriter could not write a part (xlsx_zip.h) */
        fprintf(stderr, "itabench: minizip's zipOpenNewFileInZip4_64 not "
                        "found\n");
        errno = ENOSYS;
        return false;
    }
    if (!outfile_open(&b->out, final_path, false))
        return false;
    b->tmpdir = temp_folder(final_path);
    lxw_workbook_options options = {.tmpdir = b->tmpdir};
    b->wb = workbook_new_opt(b->out.temp_path, &options);
    if (!b->wb) {
        outfile_abort(&b->out);
        free(b->tmpdir);
        b->tmpdir = NULL;
        errno = ENOMEM;
        return false;
    }
    set_normal_font(b->wb, xlsx_font_name(rep));
    char *author = xasprintf("itabench %s", rep->version ? rep->version : "");
    lxw_doc_properties props = {
        .title = (char *)title,
        .author = author,
        .comments = (char *)comments,
        .created = fixed_creation_time(rep->current ? rep->current->year : 0),
    };
    workbook_set_properties(b->wb, &props);
    free(author);
    make_formats(b);
    return true;
}

static void free_book_strings(xlsx_book *b)
{
    free(b->tmpdir);
    b->tmpdir = NULL;
    for (size_t i = 0; i < b->n_sheets; i++)
        free(b->sheet_names[i]);
    free(b->sheet_names);
    b->sheet_names = NULL;
    b->n_sheets = 0;
}

lxw_error xlsx_note_err(xlsx_book *b, lxw_error err)
{
    if (err != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = err;
    return err;
}

/* Writes the workbook into its temporary; false (temporary removed, errno
 * set) when anything failed. */
/* The unit of the layouts: a digit of 11-point Calibri, 7 pixels, and 5
 * pixels of margin per column (Excel's definition). */
#define LAYOUT_PX_PER_UNIT 7.0
#define LAYOUT_MARGIN_PX 5.0

static bool write_book(xlsx_book *b)
{
    if (b->err != LXW_NO_ERROR) {
        fprintf(stderr, "itabench: %s: libxlsxwriter: %s\n",
                b->out.final_path, lxw_strerror(b->err));
        xlsx_book_abort(b);
        errno = EIO;
        return false;
    }
    errno = 0;
    lxw_error err = workbook_close(b->wb);
    int saved = errno;
    b->wb = NULL;
    free_book_strings(b);
    if (b->n_cut > 0)
        fprintf(stderr,
                "itabench: %s: %zu text cell%s cut at Excel's limit of %d "
                "characters\n",
                b->out.final_path, b->n_cut, b->n_cut == 1 ? "" : "s",
                XLSX_TEXT_MAX);
    if (err != LXW_NO_ERROR) {
        fprintf(stderr, "itabench: libxlsxwriter: %s\n", lxw_strerror(err));
        outfile_abort(&b->out);
        errno = saved ? saved : EIO;
        return false;
    }
    return true;
}

bool xlsx_book_close(xlsx_book *b)
{
    return write_book(b) && outfile_commit(&b->out);
}

bool xlsx_book_close_pending(xlsx_book *b, outfile *pending)
{
    if (!write_book(b))
        return false;
    *pending = b->out;
    b->out = (outfile){0};
    return true;
}

void xlsx_book_abort(xlsx_book *b)
{
    if (b->wb)
        lxw_workbook_free(b->wb);
    b->wb = NULL;
    free_book_strings(b);
    outfile_abort(&b->out);
}

lxw_worksheet *xlsx_add_sheet(xlsx_book *b, const char *th, const char *en)
{
    char *name = names_sheet(xlsx_tr(b->rep, th, en),
                             (const char *const *)b->sheet_names, b->n_sheets);
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    if (!ws) {
        free(name);
        return NULL;
    }
    worksheet_set_default_row(ws, XLSX_LINE_HEIGHT, LXW_FALSE);
    b->sheet_names = xrealloc(b->sheet_names,
                              (b->n_sheets + 1) * sizeof *b->sheet_names);
    b->sheet_names[b->n_sheets++] = name;
    return ws;
}

lxw_worksheet *xlsx_add_streamed_sheet(xlsx_book *b, const char *th,
                                       const char *en)
{
    /* libxlsxwriter reads the option when it creates a sheet */
    uint8_t saved = b->wb->options.constant_memory;
    b->wb->options.constant_memory = LXW_TRUE;
    lxw_worksheet *ws = xlsx_add_sheet(b, th, en);
    b->wb->options.constant_memory = saved;
    return ws;
}

char *xlsx_sheet_ref(const lxw_worksheet *ws)
{
    const char *name = ws->name;
    size_t quotes = 0;
    for (const char *p = name; *p; p++)
        quotes += *p == '\'';
    char *ref = xmalloc(strlen(name) + quotes + 3);
    char *out = ref;
    *out++ = '\'';
    for (const char *p = name; *p; p++) {
        if (*p == '\'')
            *out++ = '\'';
        *out++ = *p;
    }
    *out++ = '\'';
    *out = '\0';
    return ref;
}

lxw_format *xlsx_format(const xlsx_book *b, xlsx_kind kind, bool bold)
{
    return bold ? b->f.bold[kind] : b->f.cell[kind];
}

lxw_format *xlsx_derived_format(xlsx_book *b, xlsx_kind base_kind,
                                const char *num_format)
{
    const lxw_format *base = xlsx_format(b, base_kind, false);
    lxw_format *f = workbook_add_format(b->wb);
    format_set_font_name(f, base->font_name);
    format_set_font_size(f, base->font_size);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    if (base_kind == XLSX_INPUT) {
        format_set_unlocked(f);
        format_set_text_wrap(f);
        format_set_bg_color(f, base->bg_color);
    }
    set_num_format(b->rep, f, num_format);
    return f;
}

void xlsx_table_layout(const xlsx_table_column *cols, size_t n,
                       xlsx_column *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = cols[i].col;
}

void xlsx_write_rows(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                     const xlsx_table_column *cols, size_t n_cols,
                     size_t n_rows, void *sheet,
                     const void *(*row_at)(const void *sheet, size_t i))
{
    for (size_t i = 0; i < n_rows; i++) {
        xlsx_row_fit fit = {0};
        xlsx_cell cell = {.b = b, .ws = ws, .row = (lxw_row_t)(first_row + i),
                          .sheet = sheet, .index = i, .fit = &fit,
                          .item = row_at ? row_at(sheet, i) : NULL};
        for (size_t k = 0; k < n_cols; k++) {
            if (!cols[k].cell)
                continue;
            cell.col = (lxw_col_t)k;
            cell.column = &cols[k];
            cell.fmt = xlsx_format(b, cols[k].col.kind, false);
            cols[k].cell(&cell);
        }
        if (fit.lines > 0)
            xlsx_set_row_lines(ws, cell.row, fit.lines,
                               xlsx_format(b, XLSX_WRAP, false));
    }
}

void xlsx_columns_add(xlsx_columns *t, xlsx_table_column column)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->cols = xrealloc(t->cols, t->cap * sizeof *t->cols);
    }
    t->cols[t->n++] = column;
}

void xlsx_columns_add_all(xlsx_columns *t, const xlsx_table_column *cols,
                          size_t n)
{
    for (size_t i = 0; i < n; i++)
        xlsx_columns_add(t, cols[i]);
}

size_t xlsx_columns_find(const xlsx_columns *t, xlsx_cell_fn cell)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->cols[i].cell == cell)
            return i;
    return t->n;
}

xlsx_column *xlsx_columns_layout(const xlsx_columns *t)
{
    xlsx_column *out = xmalloc((t->n ? t->n : 1) * sizeof *out);
    xlsx_table_layout(t->cols, t->n, out);
    return out;
}

void xlsx_columns_free(xlsx_columns *t)
{
    free(t->cols);
    *t = (xlsx_columns){0};
}

void xlsx_cell_text(const xlsx_cell *cell, const char *text)
{
    xlsx_write_text(cell->b, cell->ws, cell->row, cell->col, text, cell->fmt);
}

void xlsx_cell_number(const xlsx_cell *cell, double value)
{
    xlsx_write_number(cell->b, cell->ws, cell->row, cell->col, value,
                      cell->fmt);
}

void xlsx_cell_fit(const xlsx_cell *cell, const char *text, double width)
{
    xlsx_fit_text(cell->fit, cell->b, text, width);
}

double xlsx_columns_width(const xlsx_column *cols, size_t n)
{
    double width = 0;
    for (size_t c = 0; c < n; c++)
        width += cols[c].width;
    return width;
}

double xlsx_header_width(const xlsx_book *b, double width, const char *header)
{
    double need = XLSX_BOLD_WIDTH *
                  textlayout_word_width(header, b->f.header->font_size);
    while (xlsx_column_width(width) < need && width < 60)
        width += 0.5;
    return width;
}

/* Thai digits are wider than Western ones (Laksaman: 0.675 em against
 * 0.544, textlayout.c): with them, a column is made wider by their ratio,
 * rounded up, so that no number turns into ###.  Every column but those
 * of wrapped prose: a column's kind does not say what the other tables
 * sharing it hold. */
#define THAI_DIGITS_WIDER 1.25

double xlsx_shown_width(const xlsx_book *b, double width, xlsx_kind kind)
{
    double w = xlsx_column_width(width);
    bool prose = kind == XLSX_WRAP || kind == XLSX_INPUT;
    return b->rep->thai_digits && b->rep->lang == LANG_TH && !prose
               ? w * THAI_DIGITS_WIDER
               : w;
}

void xlsx_set_columns(xlsx_book *b, lxw_worksheet *ws, lxw_col_t first_col,
                      const xlsx_column *cols, size_t n)
{
    for (size_t c = 0; c < n; c++) {
        lxw_col_t col = (lxw_col_t)(first_col + c);
        worksheet_set_column(ws, col, col,
                             xlsx_shown_width(b, cols[c].width, cols[c].kind),
                             b->f.cell[cols[c].kind]);
    }
}

/* The one estimate of wrapped lines and row heights is textlayout's
 * (libthai word breaks, glyph widths of TH Sarabun New): see
 * textlayout.h and test_textlayout_libreoffice.py for its agreement with
 * LibreOffice. */
double xlsx_text_lines(const char *text, double width, double font_pt)
{
    return (double)textlayout_lines(text, xlsx_column_width(width), font_pt);
}


double xlsx_column_width(double layout_width)
{
    return textlayout_width_for_px(layout_width * LAYOUT_PX_PER_UNIT +
                                   LAYOUT_MARGIN_PX);
}

double xlsx_lines_height(double lines, double font_pt)
{
    /* one line keeps the sheet's default row; more need a whole line
     * pitch each */
    if (lines <= 1)
        return XLSX_LINE_HEIGHT * font_pt / TEXTLAYOUT_NORMAL_PT;
    return textlayout_row_height((size_t)ceil(lines), font_pt);
}

void xlsx_set_row_lines(lxw_worksheet *ws, lxw_row_t row, double lines,
                        const lxw_format *font)
{
    worksheet_set_row(ws, row, xlsx_lines_height(lines, font->font_size),
                      NULL);
}

void xlsx_fit_text(xlsx_row_fit *fit, const xlsx_book *b, const char *text,
                   double width)
{
    /* the cells of the kinds' formats are indented one level */
    double lines = (double)textlayout_lines(
        text, xlsx_column_width(width) - TEXTLAYOUT_INDENT_WIDTH,
        xlsx_format(b, XLSX_WRAP, false)->font_size);
    if (lines > fit->lines)
        fit->lines = lines;
}

double xlsx_header_lines(const xlsx_book *b, const xlsx_column *cols,
                         size_t n)
{
    /* headers are not indented */
    double lines = 1;
    for (size_t c = 0; c < n; c++)
        lines = fmax(lines, xlsx_text_lines(
                                xlsx_tr(b->rep, cols[c].th, cols[c].en),
                                cols[c].width / XLSX_BOLD_WIDTH,
                                b->f.header->font_size));
    return lines;
}

void xlsx_fit_header_row(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         const xlsx_column *cols, size_t n)
{
    xlsx_set_row_lines(ws, row, xlsx_header_lines(b, cols, n), b->f.header);
}

void xlsx_wide_line(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                    lxw_col_t last_col, double width, const char *text,
                    lxw_format *fmt)
{
    if (last_col > 0)
        xlsx_note_err(b, worksheet_merge_range(ws, row, 0, row, last_col, "",
                                               fmt));
    xlsx_write_text(b, ws, row, 0, text, fmt);
    xlsx_set_row_lines(ws, row,
                       fmt->text_wrap
                           ? xlsx_text_lines(text, width, fmt->font_size)
                           : 1,
                       fmt);
}

lxw_error xlsx_write_headers(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t first_col, const xlsx_column *cols,
                             size_t n)
{
    for (size_t c = 0; c < n; c++) {
        lxw_error err = xlsx_write_text(b, ws, row, (lxw_col_t)(first_col + c),
                                        xlsx_tr(b->rep, cols[c].th, cols[c].en),
                                        b->f.header);
        if (err)
            return err;
    }
    xlsx_fit_header_row(b, ws, row, cols, n);
    return LXW_NO_ERROR;
}

static lxw_error add_table(xlsx_book *b, lxw_worksheet *ws,
                           lxw_row_t header_row, lxw_col_t first_col,
                           size_t n_rows, const xlsx_column *cols,
                           size_t n_cols, const char *name, bool fit_header)
{
    if (n_cols == 0)
        return xlsx_note_err(b, LXW_ERROR_PARAMETER_VALIDATION);
    lxw_table_column *columns = xcalloc(n_cols, sizeof *columns);
    lxw_table_column **list = xcalloc(n_cols + 1, sizeof *list);
    for (size_t c = 0; c < n_cols; c++) {
        columns[c].header = (char *)xlsx_tr(b->rep, cols[c].th, cols[c].en);
        columns[c].header_format = b->f.header;
        list[c] = &columns[c];
    }
    lxw_table_options options = {
        .name = (char *)name,
        .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
        .style_type_number = 9,
        .columns = list,
    };
    lxw_row_t last_row = (lxw_row_t)(header_row + (n_rows ? n_rows : 1));
    lxw_error err = worksheet_add_table(ws, header_row, first_col, last_row,
                                        (lxw_col_t)(first_col + n_cols - 1),
                                        &options);
    free(list);
    free(columns);
    if (fit_header)
        xlsx_fit_header_row(b, ws, header_row, cols, n_cols);
    return xlsx_note_err(b, err);
}

lxw_error xlsx_add_table(xlsx_book *b, lxw_worksheet *ws, lxw_row_t header_row,
                         lxw_col_t first_col, size_t n_rows,
                         const xlsx_column *cols, size_t n_cols,
                         const char *name)
{
    return add_table(b, ws, header_row, first_col, n_rows, cols, n_cols, name,
                     true);
}

lxw_error xlsx_add_table_unfitted(xlsx_book *b, lxw_worksheet *ws,
                                  lxw_row_t header_row, lxw_col_t first_col,
                                  size_t n_rows, const xlsx_column *cols,
                                  size_t n_cols, const char *name)
{
    return add_table(b, ws, header_row, first_col, n_rows, cols, n_cols, name,
                     false);
}

/* A4 landscape between the side margins of xlsx_print_setup, in
 * points. */
#define A4_LONG_SIDE_PT (297.0 / 25.4 * 72.0)
#define A4_SHORT_SIDE_PT (210.0 / 25.4 * 72.0)
#define SIDE_MARGIN_IN 0.4
#define PRINT_WIDTH_PT (A4_LONG_SIDE_PT - 2 * SIDE_MARGIN_IN * 72.0)
/* Top and bottom margins (inches): a sheet fitted to the width, and a
 * sheet at a fixed scale, whose page breaks are planned on the body's
 * height (the footer, 12 pt, sits in the bottom margin). */
#define FITTED_TOP_IN 0.6
#define FITTED_BOTTOM_IN 0.7
#define SCALED_TOP_IN 0.45
#define SCALED_BOTTOM_IN 0.6
#define SCALED_FOOTER_IN 0.25
/* The footer's font size at 100 %. */
#define FOOTER_PT 12

int xlsx_fit_scale(const xlsx_column *cols, size_t n)
{
    double px = 0;   /* at 96 dpi, as the layouts are drawn */
    for (size_t c = 0; c < n; c++)
        px += cols[c].width * LAYOUT_PX_PER_UNIT + LAYOUT_MARGIN_PX;
    double pt = px * 72.0 / 96.0;
    int scale = pt > 0 ? (int)floor(100.0 * PRINT_WIDTH_PT / pt) : 100;
    return scale > 100 ? 100 : scale < 10 ? 10 : scale;
}

int xlsx_min_print_scale(double smallest_pt)
{
    if (!(smallest_pt > XLSX_MIN_PRINT_PT))
        return 100;
    int scale = (int)ceil(100.0 * XLSX_MIN_PRINT_PT / smallest_pt);
    return scale > 100 ? 100 : scale;
}

double xlsx_readable_pt(double pt, int scale)
{
    double least = scale > 0 ? ceil(XLSX_MIN_PRINT_PT * 100.0 / scale) : pt;
    return pt > least ? pt : least;
}

int xlsx_readable_scale(const xlsx_column *cols, size_t n, double smallest_pt)
{
    int fit = xlsx_fit_scale(cols, n);
    int least = xlsx_min_print_scale(smallest_pt);
    return fit > least ? fit : least;
}

int xlsx_print_readable(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                        lxw_row_t last_row, const xlsx_column *cols, size_t n,
                        lxw_col_t keep_cols, double smallest_pt)
{
    int scale = xlsx_readable_scale(cols, n, smallest_pt);
    xlsx_print_setup_scaled(b, ws, first_row, last_row, scale);
    if (scale > xlsx_fit_scale(cols, n)) {
        /* wider than a page: down the rows of the first columns, then
         * the next columns (the default page order, never changed here),
         * each page with the key columns */
        if (keep_cols > 0)
            xlsx_note_err(b, worksheet_repeat_columns(ws, 0, keep_cols - 1));
    }
    return scale;
}

double xlsx_print_width_px(int scale)
{
    return PRINT_WIDTH_PT * 96.0 / 72.0 * 100.0 / (scale > 0 ? scale : 100);
}

double xlsx_print_body_height(int scale)
{
    double body = A4_SHORT_SIDE_PT - (SCALED_TOP_IN + SCALED_BOTTOM_IN) * 72.0;
    return body * 100.0 / (scale > 0 ? scale : 100);
}

void xlsx_print_setup(xlsx_book *b, lxw_worksheet *ws, lxw_row_t first_row,
                      lxw_row_t last_row)
{
    xlsx_print_setup_scaled(b, ws, first_row, last_row, 0);
}

void xlsx_print_setup_scaled(xlsx_book *b, lxw_worksheet *ws,
                             lxw_row_t first_row, lxw_row_t last_row,
                             int scale)
{
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    if (scale > 0) {
        worksheet_set_margins(ws, SIDE_MARGIN_IN, SIDE_MARGIN_IN,
                              SCALED_TOP_IN, SCALED_BOTTOM_IN);
        worksheet_set_print_scale(ws, (uint16_t)scale);
    } else {
        worksheet_set_margins(ws, SIDE_MARGIN_IN, SIDE_MARGIN_IN,
                              FITTED_TOP_IN, FITTED_BOTTOM_IN);
        worksheet_fit_to_pages(ws, 1, 0);
    }
    if (first_row != XLSX_NO_REPEAT)
        worksheet_repeat_rows(ws, first_row, last_row);
    const char *font = xlsx_font_name(b->rep);
    /* the footer shrinks with the page: at a small scale, a larger
     * footer font so that it still prints at XLSX_MIN_PRINT_PT */
    int footer_pt = FOOTER_PT;
    if (scale > 0 && footer_pt * scale < XLSX_MIN_PRINT_PT * 100)
        footer_pt = (int)ceil(XLSX_MIN_PRINT_PT * 100 / scale);
    char *footer = xasprintf("&L&\"%s,Regular\"&%d&A&R&\"%s,Regular\"&%d%s",
                             font, footer_pt, font, footer_pt,
                             xlsx_tr(b->rep, "หน้า &P จาก &N", "Page &P of &N"));
    lxw_header_footer_options opt = {
        .margin = scale > 0 ? SCALED_FOOTER_IN : 0.3};
    worksheet_set_footer_opt(ws, footer, &opt);
    free(footer);
}

/* Length in bytes of the longest prefix of text that Excel counts as at
 * most max_units UTF-16 code units, ending on a character boundary. */
static size_t utf16_prefix(const char *text, size_t max_units, bool *cut)
{
    size_t units = 0, i = 0;
    const unsigned char *s = (const unsigned char *)text;
    while (s[i]) {
        unsigned cp;
        size_t len = text_utf8_next((const char *)s + i, TEXT_UTF8_MAX, &cp);
        size_t u = cp >= 0x10000 ? 2 : 1;
        if (units + u > max_units) {
            *cut = true;
            return i;
        }
        units += u;
        i += len ? len : 1;
    }
    *cut = false;
    return i;
}

lxw_error xlsx_write_text(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *text, lxw_format *fmt)
{
    if (!text || !*text)
        return xlsx_note_err(b, worksheet_write_blank(ws, row, col, fmt));
    bool cut;
    utf16_prefix(text, XLSX_TEXT_MAX, &cut);
    if (!cut)
        return xlsx_note_err(b, worksheet_write_string(ws, row, col, text, fmt));
    /* room for the "…" that marks the cut */
    size_t keep = utf16_prefix(text, XLSX_TEXT_MAX - 1, &cut);
    b->n_cut++;
    char *shortened = xasprintf("%.*s…", (int)keep, text);
    lxw_error err = worksheet_write_string(ws, row, col, shortened, fmt);
    free(shortened);
    return xlsx_note_err(b, err);
}

lxw_error xlsx_write_number(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, double value, lxw_format *fmt)
{
    if (!isfinite(value))
        return xlsx_note_err(b, worksheet_write_blank(ws, row, col, fmt));
    return xlsx_note_err(b, worksheet_write_number(ws, row, col, value, fmt));
}

lxw_error xlsx_write_formula(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col, const char *formula, double value,
                             lxw_format *fmt)
{
    return xlsx_note_err(b, worksheet_write_formula_num(
                                ws, row, col, formula, fmt,
                                isfinite(value) ? value : 0));
}

lxw_error xlsx_write_score(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                           lxw_col_t col, double value)
{
    return xlsx_write_number(b, ws, row, col, score_round2(value),
                             xlsx_format(b, XLSX_SCORE, false));
}

lxw_error xlsx_take_formula(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, char *formula, double value,
                            lxw_format *fmt)
{
    lxw_error err = xlsx_write_formula(b, ws, row, col, formula, value, fmt);
    free(formula);
    return err;
}

char *xlsx_shown_score(lxw_row_t row, lxw_col_t col, bool absolute)
{
    char cell[LXW_MAX_CELL_NAME_LENGTH];
    if (absolute)
        lxw_rowcol_to_cell_abs(cell, row, col, 1, 1);
    else
        lxw_rowcol_to_cell(cell, row, col);
    return xasprintf("ROUND(%s,2)", cell);
}

char *xlsx_gap_expr(const char *score)
{
    return xasprintf("MAX(0,Target-%s)", score);
}

char *xlsx_pass_expr(const char *score)
{
    return xasprintf("IF(%s>=Target,1,0)", score);
}

static lxw_error write_expr(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, char *expr, double cached,
                            lxw_format *fmt)
{
    char *formula = xasprintf("=%s", expr);
    lxw_error err = xlsx_write_formula(b, ws, row, col, formula, cached, fmt);
    free(formula);
    free(expr);
    return err;
}

lxw_error xlsx_write_gap(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                         lxw_col_t col, const char *score, double cached,
                         lxw_format *fmt)
{
    return write_expr(b, ws, row, col, xlsx_gap_expr(score), cached, fmt);
}

lxw_error xlsx_write_pass(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const char *score, bool cached,
                          lxw_format *fmt)
{
    return write_expr(b, ws, row, col, xlsx_pass_expr(score), cached ? 1 : 0,
                      fmt);
}

lxw_error xlsx_define_target(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                             lxw_col_t col)
{
    lxw_error err = xlsx_write_number(b, ws, row, col,
                                      b->rep->current->target, b->f.target);
    if (err)
        return err;
    char cell[16];
    lxw_rowcol_to_cell_abs(cell, row, col, 1, 1);
    char *sheet = xlsx_sheet_ref(ws);
    char *formula = xasprintf("=%s!%s", sheet, cell);
    err = workbook_define_name(b->wb, "Target", formula);
    free(formula);
    free(sheet);
    return xlsx_note_err(b, err);
}

lxw_error xlsx_grade_colours(xlsx_book *b, lxw_worksheet *ws,
                             lxw_row_t first_row, lxw_col_t first_col,
                             lxw_row_t last_row, lxw_col_t last_col,
                             bool by_score)
{
    const model *m = b->rep->m;
    for (size_t g = 0; g < m->n_grades; g++) {
        size_t k = g < b->f.n_grades ? g : b->f.n_grades - 1;
        char *quoted = xasprintf("\"%s\"", m->grades[g].id);
        /* rules are added best grade first; the first that matches wins */
        lxw_conditional_format cf = {
            .type = LXW_CONDITIONAL_TYPE_CELL,
            .criteria = by_score
                            ? LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO
                            : LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
            .value = m->grades[g].min_score,
            .value_string = by_score ? NULL : quoted,
            .format = b->f.grade[k],
            .stop_if_true = 1,
        };
        lxw_error err = worksheet_conditional_format_range(
            ws, first_row, first_col, last_row, last_col, &cf);
        free(quoted);
        if (err)
            return xlsx_note_err(b, err);
    }
    return LXW_NO_ERROR;
}

lxw_error xlsx_colour_scale(lxw_worksheet *ws, lxw_row_t first_row,
                            lxw_col_t first_col, lxw_row_t last_row,
                            lxw_col_t last_col)
{
    lxw_conditional_format scale = {
        .type = LXW_CONDITIONAL_3_COLOR_SCALE,
        .min_color = 0xF8696B, .mid_color = 0xFFEB84, .max_color = 0x63BE7B,
    };
    return worksheet_conditional_format_range(ws, first_row, first_col,
                                              last_row, last_col, &scale);
}

lxw_error xlsx_pass_colours(xlsx_book *b, lxw_worksheet *ws,
                            lxw_row_t first_row, lxw_col_t first_col,
                            lxw_row_t last_row, lxw_col_t last_col)
{
    lxw_conditional_format pass = {
        .type = LXW_CONDITIONAL_TYPE_CELL,
        .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
        .value = 1,
        .format = b->f.pass,
    };
    lxw_conditional_format fail = pass;
    fail.value = 0;
    fail.format = b->f.fail;
    lxw_error err = worksheet_conditional_format_range(
        ws, first_row, first_col, last_row, last_col, &pass);
    if (!err)
        err = worksheet_conditional_format_range(ws, first_row, first_col,
                                                 last_row, last_col, &fail);
    return xlsx_note_err(b, err);
}

/* ---- added by cityrest ---- */

lxw_col_t xlsx_table_column_of(const xlsx_table_column *cols, size_t n,
                               xlsx_cell_fn cell)
{
    size_t i = 0;
    while (i < n && cols[i].cell != cell)
        i++;
    assert(i < n);
    return (lxw_col_t)i;
}
