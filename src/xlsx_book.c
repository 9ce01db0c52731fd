#include "xlsx_book.h"
#include "names.h"
#include "text.h"
#include "textlayout.h"
#include "thai_digits.h"
#include "xlsx_zip.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* TH Sarabun New is small for its point size: 14 pt reads like 10-11 pt
 * Latin fonts on screen and on A4. */
#define BODY_SIZE 14
#define SUBTITLE_SIZE 16
#define TITLE_SIZE 20

#define HEADER_FILL 0xD9E1F2
#define TARGET_FILL 0xFFF2CC
#define WARNING_COLOUR 0xC00000

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
static const char *const date_format[2] = {
    [XLSX_LANG_TH] = "[$-107041E]d mmm yyyy",
    [XLSX_LANG_EN] = "d mmm yyyy",
};

const char *xlsx_lang_date_format(xlsx_lang lang)
{
    return date_format[lang == XLSX_LANG_EN];
}

const char *xlsx_book_tr(const xlsx_book *b, const char *th, const char *en)
{
    return b->lang == XLSX_LANG_EN ? en : th;
}

const char *xlsx_book_font(const xlsx_book *b)
{
    return b->font && *b->font ? b->font : XLSX_DEFAULT_FONT;
}

static lxw_format *font_format(lxw_workbook *wb, const char *font, double size)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, font);
    format_set_font_size(f, size);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

void xlsx_set_num_format(const xlsx_book *b, lxw_format *f, const char *fmt)
{
    /* Thai digits only in Thai workbooks (thai_digits.h) */
    if (!b->thai_digits || b->lang != XLSX_LANG_TH) {
        format_set_num_format(f, fmt);
        return;
    }
    char *thai = thai_digits_format(fmt);
    format_set_num_format(f, thai);
    free(thai);
}

static lxw_format *kind_format(const xlsx_book *b, xlsx_kind kind, bool bold)
{
    lxw_format *f = font_format(b->wb, xlsx_book_font(b), BODY_SIZE);
    if (bold)
        format_set_bold(f);
    if (kind == XLSX_FLAG)
        /* 1 and 0 stay numbers (they add up), shown as words */
        format_set_num_format(f,
                              xlsx_book_tr(b, "\"ผ่าน\";\"ผ่าน\";\"ไม่ผ่าน\"",
                                           "\"pass\";\"pass\";\"fail\""));
    else if (kind == XLSX_DATE)
        xlsx_set_num_format(b, f, xlsx_lang_date_format(b->lang));
    else if (kind_num_format[kind])
        xlsx_set_num_format(b, f, kind_num_format[kind]);
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

/* The formats of the sheets' own lines (titles, headers, notes...). */
static void make_line_formats(xlsx_book *b)
{
    lxw_workbook *wb = b->wb;
    const char *font = xlsx_book_font(b);
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
    /* bottom-aligned, the marks below a Thai line touch a border under it */
    format_set_align(f->note, LXW_ALIGN_VERTICAL_CENTER);
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
    xlsx_set_num_format(b, f->target, "0.00");
    format_set_unlocked(f->target);
    format_set_bg_color(f->target, TARGET_FILL);
    format_set_border(f->target, LXW_BORDER_MEDIUM);
}

static void make_formats(xlsx_book *b)
{
    make_line_formats(b);
    for (int k = 0; k < XLSX_KIND_COUNT; k++) {
        b->f.cell[k] = kind_format(b, (xlsx_kind)k, false);
        b->f.bold[k] = kind_format(b, (xlsx_kind)k, true);
    }
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

static const char *program_name(const xlsx_book *b)
{
    return b->program && *b->program ? b->program : "xlsx_book";
}

bool xlsx_book_open(xlsx_book *b, const char *final_path,
                    const xlsx_book_options *opt)
{
    *b = (xlsx_book){.user = opt->user, .font = opt->font, .lang = opt->lang,
                     .thai_digits = opt->thai_digits,
                     .program = opt->program};
    if (xlsx_zip_level() < 0) {
        /* libxlsxwriter could not write a part (xlsx_zip.h) */
        fprintf(stderr, "%s: minizip's zipOpenNewFileInZip4_64 not found\n",
                program_name(b));
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
    set_normal_font(b->wb, xlsx_book_font(b));
    lxw_doc_properties props = {
        .title = (char *)opt->title,
        .author = (char *)opt->author,
        .comments = (char *)opt->comments,
        .created = opt->created,
    };
    workbook_set_properties(b->wb, &props);
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
static bool write_book(xlsx_book *b)
{
    if (b->err != LXW_NO_ERROR) {
        fprintf(stderr, "%s: %s: libxlsxwriter: %s\n", program_name(b),
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
                "%s: %s: %zu text cell%s cut at Excel's limit of %d "
                "characters\n",
                program_name(b), b->out.final_path, b->n_cut,
                b->n_cut == 1 ? "" : "s", XLSX_TEXT_MAX);
    if (err != LXW_NO_ERROR) {
        fprintf(stderr, "%s: libxlsxwriter: %s\n", program_name(b),
                lxw_strerror(err));
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
    char *name = names_sheet(xlsx_book_tr(b, th, en),
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
    xlsx_set_num_format(b, f, num_format);
    return f;
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

lxw_error xlsx_take_formula(xlsx_book *b, lxw_worksheet *ws, lxw_row_t row,
                            lxw_col_t col, char *formula, double value,
                            lxw_format *fmt)
{
    lxw_error err = xlsx_write_formula(b, ws, row, col, formula, value, fmt);
    free(formula);
    return err;
}
