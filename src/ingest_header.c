/* Header recognition for ingest (ingest_header.h). */
#include "ingest_header.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The names a column may carry, in English and Thai.  Compared by
 * header_key: case, spaces, '_', '-' and '.' ignored. */
static const struct {
    column_role role;
    const char *names[10];
} role_names[] = {
    {ROLE_YEAR, {"year", "fiscal_year", "ปี", "ปีงบประมาณ", "พ.ศ.", NULL}},
    {ROLE_OFFICE, {"office_code", "office", "code", "district", "รหัส",
                   "รหัสหน่วยงาน", "หน่วยงาน", "สำนักงานเขต", "เขต", NULL}},
    {ROLE_NAME, {"office_name", "name", "ชื่อหน่วยงาน", "ชื่อเขต", NULL}},
    {ROLE_ITEM, {"item", "item_id", "ข้อ", "ข้อคำถาม", NULL}},
    {ROLE_SCORE, {"score", "คะแนน", NULL}},
    {ROLE_TOOL, {"tool", "เครื่องมือ", NULL}},
    {ROLE_N, {"n", "respondents", "จำนวนผู้ตอบ", NULL}},
    {ROLE_MEASURE, {"measure", "ตัวชี้วัด", NULL}},
    {ROLE_VALUE, {"value", "ค่า", NULL}},
    {ROLE_LEVEL, {"level", "ระดับ", NULL}},
    {ROLE_COUNT, {"count", "จำนวน", NULL}},
    {ROLE_POPULATION, {"population", "ประชากร", "จำนวนประชากร", NULL}},
    {ROLE_SD, {"sd", "standard_deviation", "ส่วนเบี่ยงเบนมาตรฐาน", NULL}},
    {ROLE_RESPONDENT, {"respondent", "respondent_id", "ผู้ตอบ", "รหัสผู้ตอบ",
                       NULL}},
    {ROLE_ANSWER, {"answer", "คำตอบ", NULL}},
};

const char *ingest_role_name(column_role role)
{
    for (size_t i = 0; i < sizeof role_names / sizeof *role_names; i++)
        if (role_names[i].role == role)
            return role_names[i].names[0];
    return "?";
}

/* Writes the comparison key of a header cell (csvread_header_key, the
 * rule reference files share) to out, cut at a character boundary. */
static void header_key(const char *cell, char *out, size_t cap)
{
    char *key = csvread_header_key(cell);
    text_utf8_copy(out, cap, key);
    free(key);
}

enum { N_ROLE_NAMES = sizeof role_names / sizeof *role_names,
       MAX_ALIASES = 10, KEY_BYTES = 128 };

column_role ingest_role_of(const char *cell)
{
    /* the aliases' keys, worked out once */
    static char alias_keys[N_ROLE_NAMES][MAX_ALIASES][KEY_BYTES];
    static bool ready;
    if (!ready) {
        for (size_t i = 0; i < N_ROLE_NAMES; i++)
            for (size_t a = 0; role_names[i].names[a]; a++)
                header_key(role_names[i].names[a], alias_keys[i][a],
                           KEY_BYTES);
        ready = true;
    }
    char key[KEY_BYTES];
    header_key(cell, key, sizeof key);
    if (!*key)
        return ROLE_NONE;
    for (size_t i = 0; i < N_ROLE_NAMES; i++)
        for (size_t a = 0; role_names[i].names[a]; a++)
            if (strcmp(key, alias_keys[i][a]) == 0)
                return role_names[i].role;
    return ROLE_NONE;
}

void ingest_column_label(size_t column, char out[24])
{
    char letters[8];
    size_t n = 0;
    for (size_t c = column + 1; c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t o = 0;
    while (n > 0)
        out[o++] = letters[--n];
    snprintf(out + o, 24 - o, " (%zu)", column + 1);
}

static bool is_blank(const char *field)
{
    return field[strspn(field, " \t")] == '\0';
}

/* Kinds of file, each told by its full set of columns. */
#define R(role) (1u << (role))
const file_kind ingest_kinds[] = {
    {"item scores (long form)", "year,office_code,item,score",
     R(ROLE_YEAR) | R(ROLE_OFFICE) | R(ROLE_ITEM) | R(ROLE_SCORE), false, 0},
    {"item scores (wide form)", "year,office_code,<item ids>",
     R(ROLE_YEAR) | R(ROLE_OFFICE), true, 0},
    {"respondents", "year,office_code,tool,n[,population][,sd]",
     R(ROLE_YEAR) | R(ROLE_OFFICE) | R(ROLE_TOOL) | R(ROLE_N), false,
     R(ROLE_POPULATION) | R(ROLE_SD)},
    {"published figures", "year,office_code,measure,value",
     R(ROLE_YEAR) | R(ROLE_OFFICE) | R(ROLE_MEASURE) | R(ROLE_VALUE), false, 0},
    {"answer counts", "year,office_code,item,level,count",
     R(ROLE_YEAR) | R(ROLE_OFFICE) | R(ROLE_ITEM) | R(ROLE_LEVEL) |
         R(ROLE_COUNT),
     false, 0},
    {"respondent answers (long form)",
     "year,office_code,tool,respondent,item,answer",
     R(ROLE_YEAR) | R(ROLE_OFFICE) | R(ROLE_TOOL) | R(ROLE_RESPONDENT) |
         R(ROLE_ITEM) | R(ROLE_ANSWER),
     false, 0},
    {"respondent answers (wide form)",
     "year,office_code[,tool],respondent,<item ids>",
     R(ROLE_YEAR) | R(ROLE_OFFICE) | R(ROLE_RESPONDENT), true, R(ROLE_TOOL)},
};
const size_t ingest_n_kinds = sizeof ingest_kinds / sizeof *ingest_kinds;

/* The office may be named by an office column, a name column, or both:
 * then the first is the key and the name is checked against it. */
static void settle_office(header_info *h)
{
    if (h->col[ROLE_OFFICE] < 0 && h->col[ROLE_NAME] >= 0) {
        h->col[ROLE_OFFICE] = h->col[ROLE_NAME];
        h->col[ROLE_NAME] = -1;
        h->roles = (h->roles & ~R(ROLE_NAME)) | R(ROLE_OFFICE);
    }
}

/* How far the header is from kind k: columns missing plus columns too
 * many (the office name is allowed in every kind). */
static unsigned kind_distance(const header_info *h, const file_kind *k)
{
    unsigned have = h->roles & ~R(ROLE_NAME) & ~k->optional, want = k->roles;
    unsigned d = (unsigned)__builtin_popcount(want & ~have) +
                 (unsigned)__builtin_popcount(have & ~want);
    if (k->wide != (h->n_items > 0))
        d += k->wide ? 1 : (unsigned)h->n_items;
    return d;
}

bool ingest_item_elsewhere(const model *const *others, size_t n_others,
                           const char *id)
{
    for (size_t k = 0; k < n_others; k++) {
        int node = model_find(others[k], id);
        if (node >= 0 && others[k]->item_slot[node] >= 0)
            return true;
    }
    return false;
}

void ingest_header_analyse(const model *m, const model *const *others,
                           size_t n_others, const csv_record *r,
                           header_info *h)
{
    free(h->item_slot);
    *h = (header_info){.kind = -1, .nearest = 0};
    for (int c = 0; c < N_ROLES; c++)
        h->col[c] = -1;
    /* Excel pads the header with empty columns past the last one. */
    h->n = r->n_fields;
    while (h->n > 0 && is_blank(r->fields[h->n - 1]))
        h->n--;
    h->item_slot = xmalloc((h->n + 1) * sizeof *h->item_slot);
    h->first_unknown = h->first_repeat = -1;
    /* repeated items found in one pass: a hostile header may have 10,000 */
    bool *slot_seen = xcalloc(m->n_items + 1, sizeof *slot_seen);
    for (size_t i = 0; i < h->n; i++) {
        h->item_slot[i] = -1;
        column_role role = ingest_role_of(r->fields[i]);
        if (role != ROLE_NONE) {
            h->item_slot[i] = INGEST_NAMED_COLUMN;
            h->n_recognised++;
            if (h->col[role] >= 0 && h->first_repeat < 0)
                h->first_repeat = (int)i;
            else if (h->col[role] < 0)
                h->col[role] = (int)i;
            h->roles |= R(role);
            continue;
        }
        char *id = text_clean(r->fields[i]);
        int node = *id ? model_find(m, id) : -1;
        int slot = node >= 0 ? m->item_slot[node] : -1;
        if (slot < 0 && *id && ingest_item_elsewhere(others, n_others, id))
            slot = INGEST_OTHER_FRAMEWORK;
        free(id);
        if (slot == INGEST_OTHER_FRAMEWORK) {
            h->n_recognised++;
            h->item_slot[i] = slot;
            h->n_items++;
            continue;
        }
        if (slot < 0) {
            h->n_unknown++;
            if (h->first_unknown < 0)
                h->first_unknown = (int)i;
            continue;
        }
        h->n_recognised++;
        if (slot_seen[slot] && h->first_repeat < 0)
            h->first_repeat = (int)i;
        slot_seen[slot] = true;
        h->item_slot[i] = slot;
        h->n_items++;
    }
    free(slot_seen);
    settle_office(h);
    unsigned best = ~0u;
    for (size_t k = 0; k < ingest_n_kinds; k++) {
        unsigned d = kind_distance(h, &ingest_kinds[k]);
        if (d < best)
            best = d, h->nearest = (int)k;
    }
    if (best == 0 && h->n_unknown == 0 && h->first_repeat < 0)
        h->kind = h->nearest;
}

bool ingest_header_like(const header_info *h)
{
    return h->n_recognised >= 2;
}

bool ingest_header_same(const csv_record *a, const csv_record *b)
{
    size_t na = a->n_fields, nb = b->n_fields;
    while (na > 0 && is_blank(a->fields[na - 1]))
        na--;
    while (nb > 0 && is_blank(b->fields[nb - 1]))
        nb--;
    if (na != nb)
        return false;
    for (size_t i = 0; i < na; i++) {
        char ka[128], kb[128];
        header_key(a->fields[i], ka, sizeof ka);
        header_key(b->fields[i], kb, sizeof kb);
        if (strcmp(ka, kb) != 0)
            return false;
    }
    return true;
}

char *ingest_header_describe(const csv_record *r, size_t max_columns)
{
    size_t n = r->n_fields, cap = 256, o = 0;
    while (n > 0 && is_blank(r->fields[n - 1]))
        n--;
    char *out = xmalloc(cap);
    out[0] = '\0';
    for (size_t i = 0; i < n && i < max_columns; i++) {
        char label[24];
        ingest_column_label(i, label);
        char *q = text_quote_short(r->fields[i], 24);
        char *part = xasprintf("%s%.*s %s", i ? ", " : "",
                               (int)strcspn(label, " "), label, q);
        size_t len = strlen(part);
        if (o + len + 8 > cap)
            out = xrealloc(out, cap = 2 * (o + len + 8));
        memcpy(out + o, part, len + 1);
        o += len;
        free(part);
        free(q);
    }
    if (n > max_columns) {
        char *more = xasprintf("%s, ... (%zu columns)", out, n);
        free(out);
        out = more;
    }
    return out;
}

/* Files met among inputs that are not inputs, told by their first
 * columns: what this program writes, and reference data. */
static const known_file known_files[] = {
    {"a results file written by itabench", false,
     {"year", "office_code", "office_name_th", "office_name_en", "zone",
      "ita", "grade", NULL}},
    {"a data-quality file written by itabench", false,
     {"severity", "office_code", "file", "line", "check", "message", NULL}},
    {"an office registry (reference data: give it with --districts)", true,
     {"code", "name_th", "name_en", NULL}},
    {"a scoring model (reference data: give it with --model)", true,
     {"kind", "id", "parent", "weight", NULL}},
    {"a measures library (reference data: give it with --measures)", true,
     {"item", "lead_unit_th", NULL}},
};

const known_file *ingest_known_file(const csv_record *r)
{
    for (size_t k = 0; k < sizeof known_files / sizeof *known_files; k++) {
        size_t i = 0;
        for (; known_files[k].cells[i]; i++) {
            if (i >= r->n_fields)
                break;
            char *c = text_clean(r->fields[i]);
            bool same = strcasecmp_ascii(c, known_files[k].cells[i]) == 0;
            free(c);
            if (!same)
                break;
        }
        if (!known_files[k].cells[i])
            return &known_files[k];
    }
    return NULL;
}
