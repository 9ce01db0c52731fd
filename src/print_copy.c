/* A copy of a workbook that prints only some of its sheets (print_copy.h). */
#include "print_copy.h"
#include "text.h"

#include <expat.h>
#include <minizip/unzip.h>
#include <minizip/zip.h>
#include <stdlib.h>
#include <string.h>

/* The part that lists the sheets, their order and state. */
#define WORKBOOK_PART "xl/workbook.xml"

/* The start tags of the sheet list that the copy rewrites. */
typedef enum { TAG_VIEW, TAG_SHEET, TAG_NAME, N_TAG_KINDS } tag_kind;
static const char *const tag_names[N_TAG_KINDS] = {
    [TAG_VIEW] = "workbookView",   /* its activeTab and firstSheet go */
    [TAG_SHEET] = "sheet",         /* reordered, state set */
    [TAG_NAME] = "definedName",    /* its localSheetId follows its sheet */
};

typedef struct {
    tag_kind kind;
    size_t at, len;    /* bytes of the start tag in the part */
    size_t end;        /* the byte after the element's end tag */
    char **attrs;      /* name, value, ..., NULL; owned */
} tag;

/* Elements nest this deep at most in a sheet list (workbook,
 * definedNames, definedName). */
enum { MAX_DEPTH = 16 };

typedef struct {
    XML_Parser parser;
    tag *tags;
    size_t n;
    size_t depth;
    size_t open[MAX_DEPTH];   /* 1 + the tag open at each depth, or 0 */
} tag_scan;

static void XMLCALL on_start(void *data, const XML_Char *el,
                             const XML_Char **attrs)
{
    tag_scan *s = data;
    s->open[s->depth < MAX_DEPTH ? s->depth : MAX_DEPTH - 1] = 0;
    for (int k = 0; k < N_TAG_KINDS; k++) {
        if (strcmp(el, tag_names[k]) != 0)
            continue;
        size_t n = 0;
        while (attrs[n])
            n++;
        char **copy = xmalloc((n + 1) * sizeof *copy);
        for (size_t i = 0; i < n; i++)
            copy[i] = xstrdup(attrs[i]);
        copy[n] = NULL;
        s->tags = xrealloc(s->tags, (s->n + 1) * sizeof *s->tags);
        size_t at = (size_t)XML_GetCurrentByteIndex(s->parser);
        size_t len = (size_t)XML_GetCurrentByteCount(s->parser);
        s->tags[s->n++] = (tag){(tag_kind)k, at, len, at + len, copy};
        s->open[s->depth < MAX_DEPTH ? s->depth : MAX_DEPTH - 1] = s->n;
    }
    s->depth++;
}

/* The end of the element a tag opened (0 in open[]: not one of ours). */
static void XMLCALL on_end(void *data, const XML_Char *el)
{
    tag_scan *s = data;
    (void)el;
    s->depth--;
    size_t d = s->depth < MAX_DEPTH ? s->depth : MAX_DEPTH - 1;
    if (s->open[d]) {
        /* an empty element's end is its start tag's: count 0 */
        size_t end = (size_t)XML_GetCurrentByteIndex(s->parser) +
                     (size_t)XML_GetCurrentByteCount(s->parser);
        tag *t = &s->tags[s->open[d] - 1];
        if (end > t->end)
            t->end = end;
        s->open[d] = 0;
    }
}

static void free_tags(tag_scan *s)
{
    for (size_t i = 0; i < s->n; i++) {
        for (char **a = s->tags[i].attrs; *a; a++)
            free(*a);
        free(s->tags[i].attrs);
    }
    free(s->tags);
}

static const char *attr_of(const tag *t, const char *name)
{
    for (char **a = t->attrs; *a; a += 2)
        if (strcmp(a[0], name) == 0)
            return a[1];
    return NULL;
}

/* s with the XML attribute value escaped, appended to out. */
static char *append_escaped(char *out, const char *s)
{
    static const struct {
        char c;
        const char *entity;
    } entities[] = {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"},
                    {'"', "&quot;"}};
    for (; *s; s++) {
        const char *entity = NULL;
        for (size_t k = 0; k < sizeof entities / sizeof *entities; k++)
            if (*s == entities[k].c)
                entity = entities[k].entity;
        out = entity ? text_append(out, "%s", entity)
                     : text_append(out, "%c", *s);
    }
    return out;
}

/* The start tag t written again, with the attribute `set` given the
 * value `value` (NULL: left out) and `drop` left out; empty (`/>`) when
 * the original was. */
static char *append_tag(char *out, const char *part, const tag *t,
                        const char *set, const char *value, const char *drop)
{
    out = text_append(out, "<%s", tag_names[t->kind]);
    bool done = false;
    for (char **a = t->attrs; *a; a += 2) {
        bool is_set = set && strcmp(a[0], set) == 0;
        if ((drop && strcmp(a[0], drop) == 0) || (is_set && !value))
            continue;
        out = text_append(out, " %s=\"", a[0]);
        out = append_escaped(out, is_set ? value : a[1]);
        out = text_append(out, "\"");
        done |= is_set;
    }
    if (set && value && !done) {
        out = text_append(out, " %s=\"", set);
        out = append_escaped(out, value);
        out = text_append(out, "\"");
    }
    bool empty = t->len >= 2 && part[t->at + t->len - 2] == '/';
    return text_append(out, empty ? "/>" : ">");
}

/* The new position of every sheet (by its old one): the sheets named
 * first, in their order, then the others.  NULL after saying which name
 * is missing. */
static size_t *sheet_order(const tag_scan *s, const char *const *names,
                           size_t n_names, size_t n_sheets, const char *book,
                           FILE *err)
{
    size_t *order = xmalloc((n_sheets ? n_sheets : 1) * sizeof *order);
    bool *named = xcalloc(n_sheets ? n_sheets : 1, sizeof *named);
    size_t next = 0;
    for (size_t k = 0; k < n_names && order; k++) {
        size_t pos = 0;
        for (size_t i = 0; i < s->n; i++) {
            if (s->tags[i].kind != TAG_SHEET)
                continue;
            const char *name = attr_of(&s->tags[i], "name");
            if (name && strcmp(name, names[k]) == 0 && !named[pos]) {
                named[pos] = true;
                order[next++] = pos;
                break;
            }
            pos++;
        }
        if (next == k) {
            fprintf(err, "itabench: --pdf: %s: no sheet named \"%s\" to "
                         "print\n", book, names[k]);
            free(order);
            order = NULL;
        }
    }
    for (size_t pos = 0; pos < n_sheets && order; pos++)
        if (!named[pos])
            order[next++] = pos;
    free(named);
    return order;
}

/* The sheet tags of s in their old order, and how many. */
static const tag **sheet_tags(const tag_scan *s, size_t *n)
{
    const tag **sheets = xmalloc((s->n ? s->n : 1) * sizeof *sheets);
    *n = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->tags[i].kind == TAG_SHEET)
            sheets[(*n)++] = &s->tags[i];
    return sheets;
}

/* What the rewriting of one sheet list knows. */
typedef struct {
    const char *part;
    const tag **sheets;       /* the sheet tags, in the old order */
    const size_t *order;      /* the old position of the sheet at each new */
    const size_t *moved_to;   /* the new position of the sheet at each old */
    size_t n_shown, n_sheets;
    size_t p;                 /* the sheet tags rewritten so far */
} rewrite;

/* One rewritten start tag: the p-th sheet tag becomes the tag of the
 * sheet now at position p. */
static char *append_rewritten(char *out, rewrite *r, const tag *t)
{
    const char *part = r->part;
    switch (t->kind) {
    case TAG_VIEW:
        /* the first sheet, the first one shown, is the active one */
        return append_tag(out, part, t, "activeTab", NULL, "firstSheet");
    case TAG_SHEET: {
        size_t pos = r->p++;
        const tag *sheet = r->sheets[r->order[pos]];
        const char *state = attr_of(sheet, "state");
        /* a sheet hidden from the Excel user interface stays so */
        const char *hidden =
            state && strcmp(state, "veryHidden") == 0 ? state : "hidden";
        return append_tag(out, part, sheet, "state",
                          pos < r->n_shown ? NULL : hidden, NULL);
    }
    case TAG_NAME: {
        const char *local = attr_of(t, "localSheetId");
        long old = local ? strtol(local, NULL, 10) : -1;
        if (old < 0 || (size_t)old >= r->n_sheets)
            return text_append(out, "%.*s", (int)t->len, part + t->at);
        char id[24];
        snprintf(id, sizeof id, "%zu", r->moved_to[old]);
        return append_tag(out, part, t, "localSheetId", id, NULL);
    }
    case N_TAG_KINDS:
        break;
    }
    return out;
}

/* Whether t is the print area or print titles of a sheet the copy
 * hides: LibreOffice prints a hidden sheet that has a print area, so the
 * copy has none there. */
static bool prints_hidden(const tag *t, const size_t *moved_to,
                          size_t n_shown, size_t n_sheets)
{
    static const char print_prefix[] = "_xlnm.Print_";
    const char *name = attr_of(t, "name");
    const char *local = attr_of(t, "localSheetId");
    if (t->kind != TAG_NAME || !name || !local ||
        strncmp(name, print_prefix, sizeof print_prefix - 1) != 0)
        return false;
    long old = strtol(local, NULL, 10);
    return old >= 0 && (size_t)old < n_sheets && moved_to[old] >= n_shown;
}

/* The sheet list part rewritten; NULL after saying why. */
static char *rewrite_workbook(const char *part, size_t len,
                              const char *const *names, size_t n_names,
                              const char *book, FILE *err)
{
    tag_scan s = {.parser = XML_ParserCreate("UTF-8")};
    XML_SetUserData(s.parser, &s);
    XML_SetElementHandler(s.parser, on_start, on_end);
    bool parsed = XML_Parse(s.parser, part, (int)len, 1) == XML_STATUS_OK;
    if (!parsed)
        fprintf(err, "itabench: --pdf: %s: " WORKBOOK_PART " line %lu: %s\n",
                book, (unsigned long)XML_GetCurrentLineNumber(s.parser),
                XML_ErrorString(XML_GetErrorCode(s.parser)));
    XML_ParserFree(s.parser);
    size_t n_sheets = 0;
    const tag **sheets = sheet_tags(&s, &n_sheets);
    size_t *order = parsed ? sheet_order(&s, names, n_names, n_sheets, book,
                                         err)
                           : NULL;
    char *out = NULL;
    if (order) {
        size_t *moved_to = xmalloc((n_sheets ? n_sheets : 1) *
                                   sizeof *moved_to);
        for (size_t pos = 0; pos < n_sheets; pos++)
            moved_to[order[pos]] = pos;
        out = xstrdup("");
        rewrite r = {part, sheets, order, moved_to, n_names, n_sheets, 0};
        size_t copied = 0;
        for (size_t i = 0; i < s.n; i++) {
            const tag *t = &s.tags[i];
            out = text_append(out, "%.*s", (int)(t->at - copied),
                              part + copied);
            copied = t->at + t->len;
            if (prints_hidden(t, moved_to, n_names, n_sheets))
                copied = t->end;
            else
                out = append_rewritten(out, &r, t);
        }
        out = text_append(out, "%.*s", (int)(len - copied), part + copied);
        free(moved_to);
        free(order);
    }
    free(sheets);
    free_tags(&s);
    return out;
}

/* The current entry of uf, whole; NULL when it does not read back
 * (a bad checksum included). */
static char *read_entry(unzFile uf, size_t *len)
{
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(uf, &info, NULL, 0, NULL, 0, NULL, 0) !=
            UNZ_OK ||
        unzOpenCurrentFile(uf) != UNZ_OK)
        return NULL;
    size_t size = (size_t)info.uncompressed_size;
    char *data = xmalloc(size + 1);
    size_t got = 0;
    int n = 1;
    while (got < size && n > 0) {
        size_t chunk = size - got < 1u << 20 ? size - got : 1u << 20;
        n = unzReadCurrentFile(uf, data + got, (unsigned)chunk);
        got += n > 0 ? (size_t)n : 0;
    }
    if (unzCloseCurrentFile(uf) != UNZ_OK || got != size || n < 0) {
        free(data);
        return NULL;
    }
    data[size] = '\0';
    *len = size;
    return data;
}

static bool write_entry(zipFile zf, const char *name, const char *data,
                        size_t len)
{
    zip_fileinfo zi = {0};
    if (zipOpenNewFileInZip64(zf, name, &zi, NULL, 0, NULL, 0, NULL,
                              Z_DEFLATED, Z_DEFAULT_COMPRESSION,
                              len >= 0xffffffffu) != ZIP_OK)
        return false;
    bool ok = true;
    for (size_t at = 0; at < len && ok; at += 1u << 20) {
        size_t chunk = len - at < 1u << 20 ? len - at : 1u << 20;
        ok = zipWriteInFileInZip(zf, data + at, (unsigned)chunk) == ZIP_OK;
    }
    return zipCloseFileInZip(zf) == ZIP_OK && ok;
}

/* Copies every entry of uf into zf, the sheet list rewritten. */
static bool copy_entries(unzFile uf, zipFile zf, const char *const *names,
                         size_t n_names, const char *book, FILE *err)
{
    bool ok = true, found = false;
    for (int at = unzGoToFirstFile(uf); at == UNZ_OK && ok;
         at = unzGoToNextFile(uf)) {
        char name[1024];
        size_t len = 0;
        char *data = unzGetCurrentFileInfo64(uf, NULL, name, sizeof name,
                                             NULL, 0, NULL, 0) == UNZ_OK
                         ? read_entry(uf, &len)
                         : NULL;
        if (!data) {
            fprintf(err, "itabench: --pdf: %s: a part does not read back\n",
                    book);
            return false;
        }
        if (strcmp(name, WORKBOOK_PART) == 0) {
            char *rewritten = rewrite_workbook(data, len, names, n_names,
                                               book, err);
            free(data);
            data = rewritten;
            len = data ? strlen(data) : 0;
            found = true;
        }
        ok = data && write_entry(zf, name, data, len);
        if (data && !ok)
            fprintf(err, "itabench: --pdf: %s: cannot write its print "
                         "copy\n", book);
        free(data);
    }
    if (ok && !found)
        fprintf(err, "itabench: --pdf: %s: no " WORKBOOK_PART ": not a "
                     "workbook\n", book);
    return ok && found;
}

bool print_copy_write(const char *book, const char *copy,
                      const char *const *sheets, size_t n, FILE *err)
{
    unzFile uf = unzOpen64(book);
    if (!uf) {
        fprintf(err, "itabench: --pdf: %s: cannot be read as a workbook\n",
                book);
        return false;
    }
    zipFile zf = zipOpen64(copy, APPEND_STATUS_CREATE);
    bool ok = zf && copy_entries(uf, zf, sheets, n, book, err);
    if (!zf)
        fprintf(err, "itabench: --pdf: %s: cannot write its print copy\n",
                book);
    if (zf && zipClose(zf, NULL) != ZIP_OK && ok) {
        fprintf(err, "itabench: --pdf: %s: cannot write its print copy\n",
                book);
        ok = false;
    }
    unzClose(uf);
    return ok;
}
