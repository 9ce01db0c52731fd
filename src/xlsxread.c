#include "xlsxread.h"
#include "text.h"

#include <expat.h>
#include <math.h>
#include <minizip/unzip.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes inflated and handed to expat at a time. */
enum { PIECE_BYTES = 64 * 1024 };
/* Past this many bytes a part's expansion ratio is checked. */
#define RATIO_FREE_BYTES ((unsigned long long)1 << 20)
/* minizip: compare entry names case-insensitively (OPC names are). */
enum { ZIP_NAME_ANY_CASE = 2 };

/* What a cell's number format makes of a number. */
typedef enum { FORMAT_PLAIN, FORMAT_DATE, FORMAT_PERCENT } format_kind;

struct xlsxread_book {
    char *path;
    unzFile zip;
    xlsxread_sheet *sheets;
    size_t n_sheets;
    char *creator;
    /* shared strings: text of string i at sst_text + sst_at[i] */
    char *sst_text;
    size_t sst_len, sst_cap;
    size_t *sst_at;
    size_t n_sst, cap_sst;
    /* per cell style (xf) index: what its number format shows */
    unsigned char *xf_kind;
    size_t n_xf;
    bool date1904;
    /* calcPr fullCalcOnLoad: the writer left the formulas' results for
     * the next program to calculate, so their cached values may be
     * placeholders (0) never calculated */
    bool full_calc_on_load;
    bool refuse_uncalculated;   /* xlsxread_refuse_uncalculated */
    bool uncalculated_as_formula;   /* xlsxread_uncalculated_as_formula */
    unsigned long long total_read;  /* uncompressed bytes read so far */
};

/* A growing text buffer. */
typedef struct {
    char *s;
    size_t len, cap;
} strbuf;

static void sb_add(strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static const char *local_name(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local_name(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

static void book_error(const char *path, diag_list *diags, const char *fmt,
                       ...) __attribute__((format(printf, 3, 4)));

static void book_error(const char *path, diag_list *diags, const char *fmt,
                       ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add(diags, DIAG_ERROR, path, 0, NULL, "xlsx", "%s", message);
    free(message);
}

/* ---- reading one XML part ---------------------------------------------- */

typedef struct {
    XML_Parser parser;
    bool failed;     /* a handler found a DOCTYPE */
    bool reported;   /* a handler stopped after adding its own error */
    bool stopped;    /* a handler stopped without error */
} part_state;

static void XMLCALL refuse_doctype(void *data, const XML_Char *name,
                                   const XML_Char *sysid, const XML_Char *pubid,
                                   int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    part_state *ps = *(part_state **)data;
    ps->failed = true;
    XML_StopParser(ps->parser, XML_FALSE);
}

/* How streaming an open zip entry ended. */
typedef enum { STREAM_DONE, STREAM_TOO_LARGE, STREAM_BAD_DATA,
               STREAM_CRC } stream_end;

/* Inflates the current zip entry piece by piece into parser, within the
 * limits on its size, the workbook's total and the expansion ratio, and
 * closes the entry. */
static stream_end stream_entry(xlsxread_book *book, XML_Parser parser,
                               unsigned long long compressed)
{
    char *piece = xmalloc(PIECE_BYTES);
    unsigned long long read = 0;
    bool too_large = false;
    int n;
    while ((n = unzReadCurrentFile(book->zip, piece, PIECE_BYTES)) > 0) {
        read += (unsigned)n;
        book->total_read += (unsigned)n;
        too_large = read > XLSXREAD_PART_MAX ||
                    book->total_read > XLSXREAD_TOTAL_MAX ||
                    (read > RATIO_FREE_BYTES &&
                     read / XLSXREAD_RATIO_MAX > compressed);
        if (too_large ||
            XML_Parse(parser, piece, n, XML_FALSE) != XML_STATUS_OK)
            break;
    }
    if (!too_large && n == 0 && XML_GetErrorCode(parser) == XML_ERROR_NONE)
        XML_Parse(parser, piece, 0, XML_TRUE);
    free(piece);
    int closed = unzCloseCurrentFile(book->zip);
    return too_large                ? STREAM_TOO_LARGE
           : n < 0                  ? STREAM_BAD_DATA
           : closed == UNZ_CRCERROR ? STREAM_CRC
                                    : STREAM_DONE;
}

/* Reports how a part ended; true when it was read whole and well-formed. */
static bool part_ok(xlsxread_book *book, XML_Parser parser,
                    const part_state *ps, stream_end end, const char *label, diag_list *diags)
{
    if (end == STREAM_TOO_LARGE) {
        book_error(book->path, diags,
                   "refused: %s expands beyond the limits (%llu MiB per part, "
                   "%llu MiB in all, %d times its compressed size): a zip "
                   "bomb or not a spreadsheet",
                   label, XLSXREAD_PART_MAX >> 20, XLSXREAD_TOTAL_MAX >> 20,
                   XLSXREAD_RATIO_MAX);
        return false;
    }
    if (end != STREAM_DONE) {
        book_error(book->path, diags,
                   "the workbook is damaged: %s cannot be unpacked (%s)",
                   label, end == STREAM_CRC ? "CRC error" : "bad data");
        return false;
    }
    if (ps->reported || ps->stopped)
        return false;
    enum XML_Error code = XML_GetErrorCode(parser);
    if (ps->failed) {
        book_error(book->path, diags,
                   "the workbook is damaged: %s has a DOCTYPE declaration, "
                   "which workbooks do not have",
                   label);
        return false;
    }
    if (code != XML_ERROR_NONE) {
        book_error(book->path, diags,
                   "the workbook is damaged: %s is not well-formed XML at "
                   "line %lu: %s",
                   label, (unsigned long)XML_GetCurrentLineNumber(parser),
                   XML_ErrorString(code));
        return false;
    }
    return true;
}

/* A zip entry to stream, as parse_part takes it. */
typedef struct {
    const char *name;    /* the entry */
    const char *label;   /* what names it in messages */
    bool required;       /* a missing entry is an error */
} part_ref;

/* Streams the zip entry part.name through parser.  Handlers get user data
 * whose first member is a part_state pointer.  A missing entry is fine when
 * not required.  Returns false after adding an error or when a handler
 * stopped the parser. */
static bool parse_part(xlsxread_book *book, part_ref part, XML_Parser parser,
                       part_state *ps, diag_list *diags)
{
    const char *name = part.name;
    bool required = part.required;
    ps->parser = parser;
    XML_SetStartDoctypeDeclHandler(parser, refuse_doctype);
    if (unzLocateFile(book->zip, name, ZIP_NAME_ANY_CASE) != UNZ_OK) {
        if (required)
            book_error(book->path, diags,
                       "not an Excel workbook: the part %s is missing", name);
        return !required;
    }
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(book->zip, &info, NULL, 0, NULL, 0, NULL, 0) !=
            UNZ_OK ||
        unzOpenCurrentFile(book->zip) != UNZ_OK) {
        book_error(book->path, diags, "the workbook is damaged: cannot open %s",
                   name);
        return false;
    }
    if (info.flag & 1) {
        unzCloseCurrentFile(book->zip);
        book_error(book->path, diags,
                   "the workbook's zip is encrypted: save it again without a "
                   "password, as .xlsx or CSV UTF-8");
        return false;
    }
    stream_end end = stream_entry(book, parser, info.compressed_size);
    return part_ok(book, parser, ps, end, part.label, diags);
}

/* ---- relationships ----------------------------------------------------- */

typedef struct {
    part_state *ps;
    part_state state;
    const char *base;         /* folder of the source part, "xl/" */
    char **ids, **types, **targets;
    size_t n;
} rels;

/* Resolves a relationship target against the source part's folder. */
static char *resolve_target(const char *base, const char *target)
{
    if (target[0] == '/')
        return xstrdup(target + 1);
    strbuf b = {0};
    sb_add(&b, base, strlen(base));
    while (strncmp(target, "../", 3) == 0) {
        target += 3;
        if (b.len > 0)
            b.len--;
        while (b.len > 0 && b.s[b.len - 1] != '/')
            b.len--;
    }
    sb_add(&b, target, strlen(target));
    return b.s;
}

static void XMLCALL on_rel(void *data, const XML_Char *el, const XML_Char **atts)
{
    rels *r = data;
    if (strcmp(local_name(el), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
               *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    r->ids = xrealloc(r->ids, (r->n + 1) * sizeof *r->ids);
    r->types = xrealloc(r->types, (r->n + 1) * sizeof *r->types);
    r->targets = xrealloc(r->targets, (r->n + 1) * sizeof *r->targets);
    r->ids[r->n] = xstrdup(id);
    const char *slash = strrchr(type, '/');
    r->types[r->n] = xstrdup(slash ? slash + 1 : type);
    r->targets[r->n] = resolve_target(r->base, target);
    r->n++;
}

static bool read_rels(xlsxread_book *book, const char *name, const char *base,
                      rels *r, diag_list *diags)
{
    *r = (rels){.base = base};
    r->ps = &r->state;
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, r);
    XML_SetStartElementHandler(p, on_rel);
    bool ok = parse_part(book, (part_ref){name, name, false}, p,
                         &r->state, diags);
    XML_ParserFree(p);
    return ok;
}

static void rels_free(rels *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->ids[i]);
        free(r->types[i]);
        free(r->targets[i]);
    }
    free(r->ids);
    free(r->types);
    free(r->targets);
}

/* Index of the relationship with this id, or -1. */
static long rels_by_id(const rels *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->ids[i], id) == 0)
            return (long)i;
    return -1;
}

/* The target of the first relationship of this type, or NULL. */
static const char *rels_by_type(const rels *r, const char *type)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->types[i], type) == 0)
            return r->targets[i];
    return NULL;
}

/* ---- workbook.xml ------------------------------------------------------ */

typedef struct {
    part_state *ps;
    part_state state;
    xlsxread_book *book;
    char **rel_ids;           /* per sheet */
} workbook_reader;

static void XMLCALL on_workbook(void *data, const XML_Char *el,
                                const XML_Char **atts)
{
    workbook_reader *w = data;
    xlsxread_book *book = w->book;
    const char *name = local_name(el);
    if (strcmp(name, "workbookPr") == 0) {
        const char *d1904 = attr(atts, "date1904");
        book->date1904 = d1904 && (strcmp(d1904, "1") == 0 ||
                                   strcmp(d1904, "true") == 0);
        return;
    }
    if (strcmp(name, "calcPr") == 0) {
        const char *full = attr(atts, "fullCalcOnLoad");
        book->full_calc_on_load = full && (strcmp(full, "1") == 0 ||
                                           strcmp(full, "true") == 0);
        return;
    }
    if (strcmp(name, "sheet") != 0)
        return;
    const char *sheet_name = attr(atts, "name"), *id = attr(atts, "id");
    const char *state = attr(atts, "state");
    if (!sheet_name || !id)
        return;
    book->sheets = xrealloc(book->sheets,
                            (book->n_sheets + 1) * sizeof *book->sheets);
    w->rel_ids = xrealloc(w->rel_ids, (book->n_sheets + 1) * sizeof(char *));
    book->sheets[book->n_sheets] = (xlsxread_sheet){
        .name = xstrdup(sheet_name),
        .state = !state || strcmp(state, "visible") == 0
                     ? XLSXREAD_VISIBLE
                 : strcmp(state, "hidden") == 0 ? XLSXREAD_HIDDEN
                                                : XLSXREAD_VERY_HIDDEN};
    w->rel_ids[book->n_sheets++] = xstrdup(id);
}

/* ---- styles.xml: which cell styles show dates or percentages -------- */

/* Excel's built-in formats: dates and times (ECMA-376 18.8.30; the East
 * Asian ids 27-36 and 50-58; the Thai-locale ids 71-81), and percentages
 * (9 "0%", 10 "0.00%", and the Thai-locale 67 "t0%", 68 "t0.00%"); the
 * Thai-locale 59-66 are plain numbers in Thai digits. */
static format_kind builtin_kind(long id)
{
    static const struct {
        long first, last;
        format_kind kind;
    } ranges[] = {
        {9, 10, FORMAT_PERCENT},  {14, 22, FORMAT_DATE},
        {27, 36, FORMAT_DATE},    {45, 47, FORMAT_DATE},
        {50, 58, FORMAT_DATE},    {67, 68, FORMAT_PERCENT},
        {71, 81, FORMAT_DATE},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof *ranges; i++)
        if (id >= ranges[i].first && id <= ranges[i].last)
            return ranges[i].kind;
    return FORMAT_PLAIN;
}

/* A custom format shows a date or time when, outside quoted text, escapes
 * and [colour]/[$-locale] brackets, it has d, m, y, h, s, or Thai b
 * (Buddhist year) codes ([h] and [mm] elapsed times count too); else a
 * percentage when it has a % sign there. */
static format_kind code_kind(const char *code)
{
    bool percent = false;
    for (const char *c = code; *c; c++) {
        switch (*c) {
        case '"':
            c = strchr(c + 1, '"');
            if (!c)
                return FORMAT_PLAIN;
            break;
        case '\\':
        case '_':
        case '*':
            if (!*++c)
                return FORMAT_PLAIN;
            break;
        case '[':
            if (strchr("hHmMsS", c[1]))
                return FORMAT_DATE;
            c = strchr(c, ']');
            if (!c)
                return FORMAT_PLAIN;
            break;
        case '%':
            percent = true;
            break;
        default:
            if (strchr("dDmMyYhHsSbB", *c))
                return FORMAT_DATE;
        }
    }
    return percent ? FORMAT_PERCENT : FORMAT_PLAIN;
}

typedef struct {
    part_state *ps;
    part_state state;
    xlsxread_book *book;
    long *custom_ids;
    unsigned char *custom_kind;
    size_t n_custom;
    int in_cell_xfs;
} styles_reader;

static void XMLCALL on_style_start(void *data, const XML_Char *el,
                                   const XML_Char **atts)
{
    styles_reader *s = data;
    const char *name = local_name(el);
    if (strcmp(name, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
        if (!id || !code)
            return;
        s->custom_ids = xrealloc(s->custom_ids, (s->n_custom + 1) * sizeof(long));
        s->custom_kind = xrealloc(s->custom_kind, s->n_custom + 1);
        s->custom_ids[s->n_custom] = strtol(id, NULL, 10);
        s->custom_kind[s->n_custom++] = (unsigned char)code_kind(code);
    } else if (strcmp(name, "cellXfs") == 0) {
        s->in_cell_xfs++;
    } else if (strcmp(name, "xf") == 0 && s->in_cell_xfs) {
        const char *id_text = attr(atts, "numFmtId");
        long id = id_text ? strtol(id_text, NULL, 10) : 0;
        unsigned char kind = (unsigned char)builtin_kind(id);
        for (size_t i = 0; i < s->n_custom; i++)
            if (s->custom_ids[i] == id)
                kind = s->custom_kind[i];
        xlsxread_book *b = s->book;
        b->xf_kind = xrealloc(b->xf_kind, b->n_xf + 1);
        b->xf_kind[b->n_xf++] = kind;
    }
}

static void XMLCALL on_style_end(void *data, const XML_Char *el)
{
    styles_reader *s = data;
    if (strcmp(local_name(el), "cellXfs") == 0)
        s->in_cell_xfs--;
}

/* ---- sharedStrings.xml and core.xml: text of elements ------------------ */

typedef struct {
    part_state *ps;
    part_state state;
    xlsxread_book *book;
    diag_list *diags;
    strbuf text;
    bool in_t;        /* inside <t> of an <si>, not of a phonetic run */
    int in_rph;
} text_reader;

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
    text_reader *t = data;
    if (!t->in_t || t->in_rph)
        return;
    if (t->text.len + (size_t)len > CSVREAD_FIELD_MAX) {
        if (!t->state.reported)
            book_error(t->book->path, t->diags,
                       "a text of the workbook is longer than %zu MiB",
                       CSVREAD_FIELD_MAX >> 20);
        t->state.reported = true;
        XML_StopParser(t->state.parser, XML_FALSE);
        return;
    }
    sb_add(&t->text, s, (size_t)len);
}

static void XMLCALL on_sst_start(void *data, const XML_Char *el,
                                 const XML_Char **atts)
{
    (void)atts;
    text_reader *t = data;
    const char *name = local_name(el);
    if (strcmp(name, "si") == 0)
        t->text.len = 0;
    else if (strcmp(name, "rPh") == 0)
        t->in_rph++;
    else if (strcmp(name, "t") == 0)
        t->in_t = true;
}

static void sst_push(xlsxread_book *b, const char *s, size_t n)
{
    if (b->n_sst == b->cap_sst) {
        b->cap_sst = b->cap_sst ? 2 * b->cap_sst : 256;
        b->sst_at = xrealloc(b->sst_at, b->cap_sst * sizeof *b->sst_at);
    }
    if (b->sst_len + n + 1 > b->sst_cap) {
        b->sst_cap = (b->sst_len + n + 1) * 2;
        b->sst_text = xrealloc(b->sst_text, b->sst_cap);
    }
    b->sst_at[b->n_sst++] = b->sst_len;
    memcpy(b->sst_text + b->sst_len, s, n);
    b->sst_len += n;
    b->sst_text[b->sst_len++] = '\0';
}

static void XMLCALL on_sst_end(void *data, const XML_Char *el)
{
    text_reader *t = data;
    const char *name = local_name(el);
    if (strcmp(name, "si") == 0)
        sst_push(t->book, t->text.s ? t->text.s : "", t->text.len);
    else if (strcmp(name, "rPh") == 0)
        t->in_rph--;
    else if (strcmp(name, "t") == 0)
        t->in_t = false;
}

static void XMLCALL on_core_start(void *data, const XML_Char *el,
                                  const XML_Char **atts)
{
    (void)atts;
    text_reader *t = data;
    t->in_t = strcmp(local_name(el), "creator") == 0;
}

static void XMLCALL on_core_end(void *data, const XML_Char *el)
{
    text_reader *t = data;
    if (strcmp(local_name(el), "creator") == 0 && !t->book->creator) {
        t->book->creator = xstrdup(t->text.s ? t->text.s : "");
    }
    t->in_t = false;
}

/* ---- opening ----------------------------------------------------------- */

static bool read_text_part(xlsxread_book *book, const char *part, bool sst,
                           diag_list *diags)
{
    text_reader t = {.book = book, .diags = diags};
    t.ps = &t.state;
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, &t);
    XML_SetElementHandler(p, sst ? on_sst_start : on_core_start,
                          sst ? on_sst_end : on_core_end);
    XML_SetCharacterDataHandler(p, on_text);
    bool ok = parse_part(book, (part_ref){part, part, false}, p,
                         &t.state, diags);
    XML_ParserFree(p);
    free(t.text.s);
    return ok;
}

static bool read_styles(xlsxread_book *book, const char *part,
                        diag_list *diags)
{
    styles_reader s = {.book = book};
    s.ps = &s.state;
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, &s);
    XML_SetElementHandler(p, on_style_start, on_style_end);
    bool ok = parse_part(book, (part_ref){part, part, false}, p,
                         &s.state, diags);
    XML_ParserFree(p);
    free(s.custom_ids);
    free(s.custom_kind);
    return ok;
}

/* Reads workbook.xml and its relationships: the sheets, and where the
 * shared strings and styles are. */
static bool read_workbook(xlsxread_book *book, diag_list *diags)
{
    rels root;
    bool ok = read_rels(book, "_rels/.rels", "", &root, diags);
    const char *found = rels_by_type(&root, "officeDocument");
    char *wb_part = xstrdup(found ? found : "xl/workbook.xml");
    rels_free(&root);
    if (!ok) {
        free(wb_part);
        return false;
    }
    workbook_reader w = {.book = book};
    w.ps = &w.state;
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, &w);
    XML_SetStartElementHandler(p, on_workbook);
    ok = parse_part(book, (part_ref){wb_part, wb_part, true}, p,
                    &w.state, diags);
    XML_ParserFree(p);
    /* relationships of xl/workbook.xml are in xl/_rels/workbook.xml.rels */
    const char *slash = strrchr(wb_part, '/');
    size_t dir_len = slash ? (size_t)(slash - wb_part) + 1 : 0;
    char *base = xasprintf("%.*s", (int)dir_len, wb_part);
    char *rels_part = xasprintf("%s_rels/%s.rels", base, wb_part + dir_len);
    rels wr = {0};
    ok = ok && read_rels(book, rels_part, base, &wr, diags);
    size_t kept = 0;
    for (size_t i = 0; i < book->n_sheets; i++) {
        long rel = rels_by_id(&wr, w.rel_ids[i]);
        bool worksheet = rel >= 0 && strcmp(wr.types[rel], "worksheet") == 0;
        free(w.rel_ids[i]);
        if (!worksheet) {  /* chart sheets, dialog sheets, broken links */
            free(book->sheets[i].name);
            continue;
        }
        book->sheets[kept] = book->sheets[i];
        book->sheets[kept++].part = xstrdup(wr.targets[rel]);
    }
    book->n_sheets = kept;
    free(w.rel_ids);
    const char *sst = rels_by_type(&wr, "sharedStrings");
    const char *styles = rels_by_type(&wr, "styles");
    ok = ok && (!styles || read_styles(book, styles, diags));
    ok = ok && (!sst || read_text_part(book, sst, true, diags));
    ok = ok && read_text_part(book, "docProps/core.xml", false, diags);
    rels_free(&wr);
    free(base);
    free(rels_part);
    free(wb_part);
    return ok;
}

static bool has_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);
    return n >= k && strcasecmp_ascii(path + n - k, suffix) == 0;
}

/* Reads the first bytes of path; returns how many (0 when unreadable). */
static size_t read_head(const char *path, unsigned char *head, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t got = fread(head, 1, n, f);
    fclose(f);
    return got;
}

static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                           0xA1, 0xB1, 0x1A, 0xE1};

/* An OLE compound file is an .xls (or .doc) or an encrypted .xlsx (whose
 * directory names the stream EncryptedPackage, in UTF-16). */
static void refuse_compound_file(const char *path, diag_list *diags)
{
    static const char needle[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e";
    enum { SCAN = 1 << 20 };
    unsigned char *buf = xmalloc(SCAN);
    size_t n = read_head(path, buf, SCAN);
    bool encrypted = false;
    for (size_t i = 0; !encrypted && i + sizeof needle - 1 <= n; i++)
        encrypted = memcmp(buf + i, needle, sizeof needle - 1) == 0;
    free(buf);
    if (encrypted)
        book_error(path, diags,
                   "the workbook is encrypted (protected by a password): "
                   "open it in Excel, remove the password (File > Info > "
                   "Protect Workbook) and save it as .xlsx or CSV UTF-8");
    else
        book_error(path, diags,
                   "an Excel 97-2003 workbook (.xls) or other OLE file, which "
                   "itabench does not read: save it as .xlsx or CSV UTF-8");
}

/* An OpenDocument file names its kind in the "mimetype" entry. */
static bool is_opendocument(unzFile zip)
{
    if (unzLocateFile(zip, "mimetype", 1) != UNZ_OK ||
        unzOpenCurrentFile(zip) != UNZ_OK)
        return false;
    char buf[64] = {0};
    int n = unzReadCurrentFile(zip, buf, sizeof buf - 1);
    unzCloseCurrentFile(zip);
    return n > 0 && strncmp(buf, "application/vnd.oasis.opendocument", 34) == 0;
}

bool xlsxread_sha256(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1;
    unsigned char *buf = xmalloc(PIECE_BYTES);
    size_t got;
    while (ok && (got = fread(buf, 1, PIECE_BYTES, f)) > 0)
        ok = EVP_DigestUpdate(ctx, buf, got) == 1;
    ok = ok && !ferror(f);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, md, &len) == 1 && len == 32;
    for (unsigned i = 0; ok && i < len; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    EVP_MD_CTX_free(ctx);
    free(buf);
    fclose(f);
    return ok;
}

bool xlsxread_looks_like_workbook(const char *path)
{
    unsigned char head[8];
    size_t n = read_head(path, head, sizeof head);
    return (n >= 4 && memcmp(head, "PK\3\4", 4) == 0) ||
           (n == 8 && memcmp(head, cfb_magic, 8) == 0);
}

xlsxread_book *xlsxread_open(const char *path, diag_list *diags)
{
    unsigned char head[8];
    size_t n = read_head(path, head, sizeof head);
    if (n == 8 && memcmp(head, cfb_magic, 8) == 0) {
        refuse_compound_file(path, diags);
        return NULL;
    }
    bool ods = has_suffix(path, ".ods");
    unzFile zip = n >= 4 && memcmp(head, "PK\3\4", 4) == 0 ? unzOpen64(path)
                                                           : NULL;
    if (zip && !ods)
        ods = is_opendocument(zip);
    if (ods || has_suffix(path, ".xls")) {
        book_error(path, diags,
                   "%s, which itabench does not read: save it as .xlsx or CSV "
                   "UTF-8",
                   ods ? "an OpenDocument spreadsheet (.ods)"
                       : "an Excel 97-2003 workbook (.xls)");
        if (zip)
            unzClose(zip);
        return NULL;
    }
    if (!zip) {
        book_error(path, diags,
                   n == 0 ? "cannot read the workbook (missing or empty)"
                          : "not an Excel workbook (.xlsx): the file is not a "
                            "zip archive or its zip directory is damaged");
        return NULL;
    }
    xlsxread_book *book = xcalloc(1, sizeof *book);
    book->path = xstrdup(path);
    book->zip = zip;
    if (!read_workbook(book, diags)) {
        xlsxread_close(book);
        return NULL;
    }
    return book;
}

void xlsxread_close(xlsxread_book *book)
{
    if (!book)
        return;
    if (book->zip)
        unzClose(book->zip);
    for (size_t i = 0; i < book->n_sheets; i++) {
        free(book->sheets[i].name);
        free(book->sheets[i].part);
    }
    free(book->sheets);
    free(book->creator);
    free(book->sst_text);
    free(book->sst_at);
    free(book->xf_kind);
    free(book->path);
    free(book);
}

size_t xlsxread_sheet_count(const xlsxread_book *book)
{
    return book->n_sheets;
}

const xlsxread_sheet *xlsxread_sheet_at(const xlsxread_book *book, size_t i)
{
    return i < book->n_sheets ? &book->sheets[i] : NULL;
}

bool xlsxread_is_date_text(const char *text)
{
    /* the forms of date_text: 2021-09-30, 2021-09-30T08:15:00, 08:15:00 */
    static const char *const forms[] = {"dddd-dd-dd", "dddd-dd-ddTdd:dd:dd",
                                        "dd:dd:dd"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        const char *f = forms[i], *t = text;
        while (*f && *t && (*f == 'd' ? (*t >= '0' && *t <= '9') : *f == *t))
            f++, t++;
        if (!*f && !*t)
            return true;
    }
    return false;
}

void xlsxread_refuse_uncalculated(xlsxread_book *book)
{
    book->refuse_uncalculated = true;
}

void xlsxread_uncalculated_as_formula(xlsxread_book *book)
{
    book->uncalculated_as_formula = true;
}

const char *xlsxread_creator(const xlsxread_book *book)
{
    return book->creator ? book->creator : "";
}

/* ---- sheets ------------------------------------------------------------ */

typedef enum { CELL_NUMBER, CELL_SHARED, CELL_INLINE, CELL_STRING,
               CELL_BOOL, CELL_ERROR } cell_type;

typedef struct {
    part_state *ps;
    part_state state;
    xlsxread_book *book;
    diag_list *diags;
    csv_record record;
    csv_record_fn on_record;
    void *ctx;
    size_t cap_fields;
    size_t row_bytes;         /* text of the current row so far */
    unsigned long row;        /* current row number */
    unsigned long last_row;
    unsigned column;          /* 1-based column of the current cell */
    cell_type type;
    size_t style;
    bool in_row, in_cell, in_value, in_inline_t;
    bool has_formula, has_value;   /* the cell's <f> and <v> */
    bool in_formula;
    int in_rph;
    strbuf text;
    strbuf formula;           /* the cell's formula text */
} sheet_reader;

/* Parses "C12" into column 3 (row ignored); 0 when malformed. */
static unsigned ref_column(const char *ref)
{
    unsigned column = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
        column = column * 26 + (unsigned)(*ref - 'A' + 1);
        if (column > XLSXREAD_MAX_COLUMNS)
            return 0;
    }
    return *ref >= '0' && *ref <= '9' ? column : 0;
}

static void sheet_fail(sheet_reader *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void sheet_fail(sheet_reader *s, const char *fmt, ...)
{
    if (s->state.reported)  /* expat may call a handler after the stop */
        return;
    va_list ap;
    va_start(ap, fmt);
    char *message = xvasprintf(fmt, ap);
    va_end(ap);
    diag_add_cell(s->diags, DIAG_ERROR,
                  &(diag_cell){s->record.file, s->row,
                               s->column ? s->column : 1, NULL},
                  "xlsx", "%s", message);
    free(message);
    s->state.reported = true;
    XML_StopParser(s->state.parser, XML_FALSE);
}

static void clear_row(sheet_reader *s)
{
    for (size_t i = 0; i < s->record.n_fields; i++)
        free(s->record.fields[i]);
    s->record.n_fields = 0;
    s->row_bytes = 0;
}

static void start_row(sheet_reader *s, const char **atts)
{
    const char *r = attr(atts, "r");
    unsigned long row = r ? strtoul(r, NULL, 10) : s->last_row + 1;
    if (row <= s->last_row || row > XLSXREAD_MAX_ROWS) {
        s->row = row;
        sheet_fail(s, "row number %s is out of order or beyond Excel's "
                      "last row", r ? r : "(none)");
        return;
    }
    s->row = s->last_row = row;
    s->column = 0;
    s->in_row = true;
    clear_row(s);
}

static void start_cell(sheet_reader *s, const char **atts)
{
    const char *r = attr(atts, "r"), *t = attr(atts, "t"), *st = attr(atts, "s");
    unsigned column = r ? ref_column(r) : s->column + 1;
    if (column == 0 || column <= s->column || column > XLSXREAD_MAX_COLUMNS) {
        sheet_fail(s, "cell reference %s is malformed or out of order",
                   r ? r : "(none)");
        return;
    }
    s->column = column;
    static const struct { const char *t; cell_type type; } types[] = {
        {"n", CELL_NUMBER}, {"s", CELL_SHARED}, {"inlineStr", CELL_INLINE},
        {"str", CELL_STRING}, {"b", CELL_BOOL}, {"e", CELL_ERROR},
        {"d", CELL_STRING}};
    s->type = CELL_NUMBER;
    for (size_t i = 0; t && i < sizeof types / sizeof *types; i++)
        if (strcmp(t, types[i].t) == 0)
            s->type = types[i].type;
    s->style = st ? strtoul(st, NULL, 10) : 0;
    s->in_cell = true;
    s->has_formula = s->has_value = false;
    s->formula.len = 0;
    if (s->formula.s)
        s->formula.s[0] = '\0';
    s->text.len = 0;
    if (s->text.s)
        s->text.s[0] = '\0';
}

static void XMLCALL on_sheet_start(void *data, const XML_Char *el,
                                   const XML_Char **atts)
{
    sheet_reader *s = data;
    const char *name = local_name(el);
    if (strcmp(name, "row") == 0)
        start_row(s, atts);
    else if (strcmp(name, "c") == 0 && s->in_row)
        start_cell(s, atts);
    else if (strcmp(name, "v") == 0 && s->in_cell)
        s->in_value = s->has_value = true;
    else if (strcmp(name, "f") == 0 && s->in_cell)
        s->has_formula = s->in_formula = true;
    else if (strcmp(name, "rPh") == 0)
        s->in_rph++;
    else if (strcmp(name, "t") == 0 && s->in_cell && s->type == CELL_INLINE)
        s->in_inline_t = true;
}

static void XMLCALL on_sheet_text(void *data, const XML_Char *text, int len)
{
    sheet_reader *s = data;
    /* a message quotes 200 bytes of it; a formula read as typed is
     * whole */
    size_t formula_max =
        s->book->uncalculated_as_formula ? CSVREAD_FIELD_MAX : 200;
    if (s->in_formula && s->formula.len < formula_max) {
        sb_add(&s->formula, text, (size_t)len);
        return;
    }
    if (!(s->in_value || (s->in_inline_t && !s->in_rph)))
        return;
    if (s->text.len + (size_t)len > CSVREAD_FIELD_MAX) {
        sheet_fail(s, "a cell is longer than %zu bytes", CSVREAD_FIELD_MAX);
        return;
    }
    sb_add(&s->text, text, (size_t)len);
}

/* Days since 1970-01-01 -> civil date (H. Hinnant's algorithm). */
static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned long doe = (unsigned long)(z - era * 146097);
    unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned long mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = (long)yoe + era * 400 + (*m <= 2);
}

/* A date serial as ISO text; NULL when it is no plausible date. */
static char *date_text(double serial, bool date1904)
{
    if (!isfinite(serial) || serial < 0 || serial >= 2958466)
        return NULL;
    long seconds = lround(serial * 86400.0);
    long days = seconds / 86400, secs = seconds % 86400;
    if (days == 0 && secs)
        return xasprintf("%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60,
                         secs % 60);
    /* 1900 system: serial 1 is 1900-01-01 and Lotus's phantom 1900-02-29
     * is serial 60, so later serials count from 1899-12-30. */
    long epoch_1970 = date1904 ? 24107 : days < 60 ? 25568 : 25569;
    if (!date1904 && days == 60)
        return xstrdup("1900-02-29");
    long y;
    unsigned m, d;
    civil_from_days(days - epoch_1970, &y, &m, &d);
    if (!secs)
        return xasprintf("%04ld-%02u-%02u", y, m, d);
    return xasprintf("%04ld-%02u-%02uT%02ld:%02ld:%02ld", y, m, d, secs / 3600,
                     secs / 60 % 60, secs % 60);
}

/* The text of the finished cell, or NULL after an error. */
static char *cell_text(sheet_reader *s)
{
    const char *v = s->text.s ? s->text.s : "";
    xlsxread_book *b = s->book;
    switch (s->type) {
    case CELL_SHARED: {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (!*v || *end || i >= b->n_sst) {
            sheet_fail(s, "shared string %s does not exist", v);
            return NULL;
        }
        return xstrdup(b->sst_text + b->sst_at[i]);
    }
    case CELL_BOOL:
        return xstrdup(!*v ? "" : strcmp(v, "0") == 0 ? "FALSE" : "TRUE");
    case CELL_NUMBER: {
        format_kind kind = *v && s->style < b->n_xf ? b->xf_kind[s->style]
                                                    : FORMAT_PLAIN;
        char *date = kind == FORMAT_DATE
                         ? date_text(strtod(v, NULL), b->date1904)
                         : NULL;
        if (date)
            return date;
        /* as shown, so that 85.25% is not taken for a score of 0.8525 */
        if (kind == FORMAT_PERCENT)
            return xasprintf("%.15g%%", strtod(v, NULL) * 100);
        return xstrdup(v);
    }
    default:
        return xstrdup(v);
    }
}

/* A formula whose result the workbook does not hold: none stored, or one
 * the workbook asks to recalculate on opening (a placeholder). */
static bool uncalculated(const sheet_reader *s)
{
    return s->book->refuse_uncalculated && s->has_formula &&
           (!s->has_value || s->book->full_calc_on_load);
}

static void end_cell(sheet_reader *s)
{
    s->in_cell = s->in_value = s->in_inline_t = s->in_formula = false;
    if (uncalculated(s)) {
        /* said once, here, with why; the cell then reads as its formula,
         * which no reader takes for a value */
        const char *f = s->formula.s && *s->formula.s ? s->formula.s
                                                      : "(a shared formula)";
        char *shown = xasprintf("=%s", f);
        char *q = text_quote_short(shown, 40);
        free(shown);
        diag_add_cell(s->diags, DIAG_ERROR,
                      &(diag_cell){s->record.file, s->row, s->column, NULL},
                      "xlsx",
                      "the formula %s was never calculated (%s): open the "
                      "workbook in Excel or LibreOffice and save it, or "
                      "type the value",
                      q,
                      s->has_value ? "the workbook asks for every formula "
                                     "to be recalculated when opened, so the "
                                     "value stored is a placeholder"
                                   : "no value is stored");
        free(q);
        s->text.len = 0;
        sb_add(&s->text, "=", 1);
        sb_add(&s->text, f, strlen(f));
        s->type = CELL_STRING;
    } else if (s->book->uncalculated_as_formula && s->has_formula &&
               (!s->has_value || !s->text.len) && s->formula.s &&
               *s->formula.s) {
        /* typed, never calculated (openpyxl stores an empty value): the
         * formula as typed, not nothing */
        s->text.len = 0;
        sb_add(&s->text, "=", 1);
        sb_add(&s->text, s->formula.s, strlen(s->formula.s));
        s->type = CELL_STRING;
    }
    char *text = cell_text(s);
    if (!text)
        return;
    if (!*text) {
        free(text);
        return;
    }
    /* one shared string repeated in every column must not expand a small
     * sheet into gigabytes */
    s->row_bytes += strlen(text) + 1;
    if (s->row_bytes > CSVREAD_RECORD_MAX_BYTES) {
        free(text);
        sheet_fail(s, "the row is longer than %zu MiB",
                   CSVREAD_RECORD_MAX_BYTES >> 20);
        return;
    }
    csv_record *r = &s->record;
    if (s->column > s->cap_fields) {
        s->cap_fields = s->column * 2 > XLSXREAD_MAX_COLUMNS
                            ? XLSXREAD_MAX_COLUMNS
                            : s->column * 2;
        r->fields = xrealloc(r->fields, s->cap_fields * sizeof *r->fields);
    }
    while (r->n_fields < s->column - 1)
        r->fields[r->n_fields++] = xstrdup("");
    r->fields[r->n_fields++] = text;
}

static void XMLCALL on_sheet_end(void *data, const XML_Char *el)
{
    sheet_reader *s = data;
    const char *name = local_name(el);
    if (strcmp(name, "c") == 0 && s->in_cell) {
        end_cell(s);
    } else if (strcmp(name, "v") == 0) {
        s->in_value = false;
    } else if (strcmp(name, "f") == 0) {
        s->in_formula = false;
    } else if (strcmp(name, "rPh") == 0) {
        s->in_rph--;
    } else if (strcmp(name, "t") == 0) {
        s->in_inline_t = false;
    } else if (strcmp(name, "row") == 0 && s->in_row) {
        s->in_row = false;
        /* rows of empty cells are skipped, as csvread skips blank lines */
        if (s->record.n_fields > 0 && !s->state.reported) {
            s->record.line = s->row;
            if (!s->on_record(&s->record, s->ctx)) {
                s->state.stopped = true;
                XML_StopParser(s->state.parser, XML_FALSE);
            }
        }
        clear_row(s);
    }
}

bool xlsxread_rows(xlsxread_book *book, size_t i, csv_record_fn on_record,
                   void *ctx, diag_list *diags)
{
    const xlsxread_sheet *sheet = xlsxread_sheet_at(book, i);
    if (!sheet)
        return false;
    char *label = xasprintf("%s:%s", book->path, sheet->name);
    sheet_reader s = {.book = book, .diags = diags, .on_record = on_record,
                      .ctx = ctx};
    s.ps = &s.state;
    s.record.file = label;
    s.record.sheet = sheet->name;
    XML_Parser p = XML_ParserCreate(NULL);
    XML_SetUserData(p, &s);
    XML_SetElementHandler(p, on_sheet_start, on_sheet_end);
    XML_SetCharacterDataHandler(p, on_sheet_text);
    char *what = xasprintf("sheet %s (%s)", sheet->name, sheet->part);
    bool ok = parse_part(book, (part_ref){sheet->part, what, true}, p,
                         &s.state, diags);
    XML_ParserFree(p);
    clear_row(&s);
    free(s.record.fields);
    free(s.text.s);
    free(s.formula.s);
    free(what);
    free(label);
    return ok;
}

bool xlsxread_each_sheet(const char *path, xlsxread_sheet_fn on_sheet,
                         csv_record_fn on_record, void *ctx, diag_list *diags)
{
    xlsxread_book *book = xlsxread_open(path, diags);
    if (!book)
        return false;
    bool ok = true;
    for (size_t i = 0; i < book->n_sheets; i++) {
        if (on_sheet && !on_sheet(book, &book->sheets[i], ctx))
            continue;
        size_t errors = diag_count(diags, DIAG_ERROR);
        xlsxread_rows(book, i, on_record, ctx, diags);
        ok &= diag_count(diags, DIAG_ERROR) == errors;
    }
    xlsxread_close(book);
    return ok;
}
