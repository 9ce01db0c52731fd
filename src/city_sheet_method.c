/* The Method sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Copies a digest taken while the file was read; false when there is
 * none (the file was not read to its end). */
static bool stored_digest(const char *sha256, char out[65])
{
    snprintf(out, 65, "%s", sha256);
    return out[0] != '\0';
}

/* Returns a new path for display: relative to the working folder when the
 * file is below it (so the workbook names files as the user typed them and
 * carries no absolute path of this machine), else as given. */
static char *display_path(const char *path)
{
    char *real = realpath(path, NULL);
    char *cwd = getcwd(NULL, 0);
    char *out = NULL;
    if (real && cwd) {
        size_t n = strlen(cwd);
        if (strncmp(real, cwd, n) == 0 && real[n] == '/')
            out = xstrdup(real + n + 1);
    }
    free(real);
    free(cwd);
    return out ? out : xstrdup(path);
}

static const char *const node_kind_name[][2] = {
    [NODE_TOOL] = {"เครื่องมือ", "tool"},
    [NODE_INDICATOR] = {"ตัวชี้วัด", "indicator"},
    [NODE_SUB] = {"ตัวชี้วัดย่อย", "sub-indicator"},
    [NODE_ITEM] = {"ข้อคำถาม", "item"},
    [NODE_PART] = {"ส่วนของเครื่องมือ", "part of a tool"},
};

/* Program, year, files and target from row 2; returns the last row. */
static lxw_row_t write_facts(city *c, lxw_worksheet *ws)
{
    const report *rep = c->rep;
    const model *m = c->m;
    lxw_row_t r = 2;
    char *program = xasprintf("itabench %s", rep->version ? rep->version : "");
    char *year = xasprintf("%d", c->ys->year);
    char *offices = xasprintf("%zu", c->ys->n);
    char *model_path = display_path(m->path);
    char *registry_path = display_path(rep->r->path);
    const struct {
        const char *th, *en, *value;
    } facts[] = {
        {"โปรแกรม", "Program", program},
        {"ปีงบประมาณ", "Fiscal year", year},
        {"จำนวนสำนักงานเขตที่ประเมิน", "Offices assessed", offices},
        {"ไฟล์โมเดลการให้คะแนน", "Scoring model file", model_path},
        /* provenance: the manual the model was written from (issue 20) */
        {"แหล่งที่มาของโมเดล", "Model source",
         city_tr(c, *m->source_th ? m->source_th : m->source_en,
                 *m->source_en ? m->source_en : m->source_th)},
        {"ไฟล์รายชื่อสำนักงานเขต", "Office registry file", registry_path},
        {"การคำนวณ", "Computation",
         city_tr(c, "คะแนนทุกระดับคำนวณใหม่จากคะแนนรายข้อตามโมเดล (ค่าเฉลี่ยถ่วงน้ำหนัก) "
                    "ปัดเป็นทศนิยม 2 ตำแหน่งก่อนจัดระดับและเทียบเป้าหมาย สถิติคำนวณด้วย GSL",
                 "Every score is recomputed from the item scores with the model "
                 "(weighted means), rounded to 2 decimals before grading and "
                 "comparing with the target; statistics by GSL.")},
    };
    for (size_t i = 0; i < sizeof facts / sizeof *facts; i++, r++) {
        xlsx_write_text(c->b, ws, r + 1, 0, city_tr(c, facts[i].th, facts[i].en),
                      c->b->f.label);
        xlsx_write_text(c->b, ws, r + 1, 2, facts[i].value, city_fmt(c, XLSX_TEXT));
    }
    r++;
    xlsx_write_text(c->b, ws, r, 0, city_tr(c, "เป้าหมาย (ช่อง Target ในชีตสรุป)",
                                       "Target (cell on Summary)"),
                  c->b->f.label);
    xlsx_take_formula(c->b, ws, r, 2, xstrdup("=Target"), c->ys->target,
                     city_fmt(c, XLSX_SCORE));
    free(program);
    free(year);
    free(offices);
    free(model_path);
    free(registry_path);

    return r;
}

/* ---- the model: one row per node ----------------------------------- */

static const void *node_at(const void *sheet, size_t i)
{
    return &((const city *)sheet)->m->nodes[i];
}

static const model_node *cell_node(const xlsx_cell *cell)
{
    return cell->item;
}

static const model *cell_model(const xlsx_cell *cell)
{
    return ((const city *)cell->sheet)->m;
}

static void node_kind_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, node_kind_name[cell_node(cell)->kind]
                                       [city_english(cell->sheet)]);
}

static void node_id_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_node(cell)->id);
}

/* The parent's id; the tools hang from the ITA itself. */
static void node_parent_cell(const xlsx_cell *cell)
{
    const model_node *n = cell_node(cell);
    xlsx_cell_text(cell,
                   n->parent >= 0 ? cell_model(cell)->nodes[n->parent].id
                                  : "ITA");
}

static void node_weight_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_node(cell)->weight);
}

/* The node's weight over the sum of its siblings' (itself included): the
 * tools' siblings are the other tools.  Blank when they weigh nothing. */
static void node_share_cell(const xlsx_cell *cell)
{
    const model *m = cell_model(cell);
    const model_node *n = cell_node(cell);
    double siblings = 0;
    if (n->parent >= 0) {
        const model_node *p = &m->nodes[n->parent];
        for (size_t k = 0; k < p->n_children; k++)
            siblings += m->nodes[p->children[k]].weight;
    } else {
        for (size_t t = 0; t < m->n_tools; t++)
            siblings += m->nodes[m->tools[t]].weight;
    }
    xlsx_cell_number(cell, siblings > 0 ? n->weight / siblings : NAN);
}

static void node_ita_weight_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, cell_node(cell)->ita_weight);
}

/* One label, in the workbook's language (model label_th / label_en),
 * wrapped: the row as tall as it needs. */
static void node_label_cell(const xlsx_cell *cell)
{
    const char *label = xlsx_node_label(xlsx_report(cell->b), (int)cell->index);
    xlsx_cell_text(cell, label);
    xlsx_cell_fit(cell, label, cell->column->col.width);
}

static const xlsx_table_column model_columns[] = {
    {{"ประเภท", "Kind", 24, XLSX_TEXT}, node_kind_cell, 0},
    {{"รหัส", "Id", 10, XLSX_TEXT}, node_id_cell, 0},
    {{"อยู่ภายใต้", "Parent", 10, XLSX_TEXT}, node_parent_cell, 0},
    {{"น้ำหนัก", "Weight", 10, XLSX_FINE}, node_weight_cell, 0},
    {{"สัดส่วนในระดับเดียวกัน", "Share among siblings", 11, XLSX_PERCENT},
     node_share_cell, 0},
    {{"ITA ต่อ 1 คะแนน", "ITA points per point", 11, XLSX_FINE},
     node_ita_weight_cell, 0},
    {{"ชื่อ", "Label", 60, XLSX_WRAP}, node_label_cell, 0},
};
#define N_MODEL_COLUMNS (sizeof model_columns / sizeof *model_columns)

/* The model's nodes as a table headed at CITY_HEAD, its header printed
 * on every page. */
void city_sheet_model_write(city *c, lxw_worksheet *ws)
{
    const model *m = c->m;
    city_title(c, ws, "โมเดลการให้คะแนน ปีงบประมาณ", "The scoring model, fiscal year");
    lxw_row_t hr = CITY_HEAD;
    xlsx_write_rows_spec(c->b, ws,
                         &(xlsx_rows_spec){.first_row = hr + 1,
                                           .cols = model_columns,
                                           .n_cols = N_MODEL_COLUMNS,
                                           .n_rows = m->n_nodes,
                                           .sheet = c,
                                           .row_at = node_at});
    xlsx_column cols[N_MODEL_COLUMNS];
    xlsx_table_layout(model_columns, N_MODEL_COLUMNS, cols);
    xlsx_set_columns(c->b, ws, 0, cols, N_MODEL_COLUMNS);
    city_note_err(c, xlsx_add_table(c->b, ws, hr, 0, m->n_nodes, cols,
                                    N_MODEL_COLUMNS, "Model"));
    worksheet_freeze_panes(ws, hr + 1, 0);
    xlsx_print_readable(c->b, ws, hr, hr, cols, N_MODEL_COLUMNS, 0,
                        TEXTLAYOUT_NORMAL_PT);
}

/* ---- the grade bands: one row per grade, best first ---------------- */

static const void *grade_at(const void *sheet, size_t i)
{
    return &((const city *)sheet)->m->grades[i];
}

/* The grade's id and label: "A (ดีมาก)". */
static void grade_name_cell(const xlsx_cell *cell)
{
    const model_grade *g = cell->item;
    char *label = xasprintf("%s (%s)", g->id,
                            xlsx_grade_label(xlsx_report(cell->b), cell->index));
    xlsx_cell_text(cell, label);
    free(label);
}

static void grade_from_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, ((const model_grade *)cell->item)->min_score);
}

/* Bands are published to 2 decimals: each ends 0.01 below the next
 * (better) one; the best ends at 100. */
static void grade_to_cell(const xlsx_cell *cell)
{
    const model_grade *grades = cell_model(cell)->grades;
    xlsx_cell_number(cell, cell->index == 0
                               ? 100
                               : grades[cell->index - 1].min_score - 0.01);
}

static const xlsx_table_column grade_columns[] = {
    {{"ระดับ", "Grade", 24, XLSX_TEXT}, grade_name_cell, 0},
    {{"ตั้งแต่", "From", 10, XLSX_SCORE}, grade_from_cell, 0},
    {{"ถึง", "To", 10, XLSX_SCORE}, grade_to_cell, 0},
};
#define N_GRADE_COLUMNS (sizeof grade_columns / sizeof *grade_columns)

/* The grade bands as a table under a heading at r; returns the next free
 * row. */
static lxw_row_t write_grade_bands(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const model *m = c->m;
    city_subtitle(c, ws, r++, 0, city_tr(c, "ระดับผลการประเมิน", "Grade bands"));
    lxw_row_t hr = r;
    xlsx_write_rows_spec(c->b, ws,
                         &(xlsx_rows_spec){.first_row = hr + 1,
                                           .cols = grade_columns,
                                           .n_cols = N_GRADE_COLUMNS,
                                           .n_rows = m->n_grades,
                                           .sheet = c,
                                           .row_at = grade_at});
    xlsx_column cols[N_GRADE_COLUMNS];
    xlsx_table_layout(grade_columns, N_GRADE_COLUMNS, cols);
    city_note_err(c, xlsx_add_table(c->b, ws, hr, 0, m->n_grades, cols,
                                    N_GRADE_COLUMNS, "GradeBands"));
    lxw_col_t from = xlsx_table_column_of(grade_columns, N_GRADE_COLUMNS,
                                          grade_from_cell);
    city_note_err(
        c, xlsx_grade_colours(c->b, ws, hr + 1, from,
                              hr + (lxw_row_t)(m->n_grades ? m->n_grades : 1),
                              from, true));
    r = hr + 1 + (lxw_row_t)(m->n_grades ? m->n_grades : 1) + 1;
    return r;
}

/* A fence as printed: scores live in 0-100, so a fence beyond the scale
 * (Q3 + 1.5 IQR above 100) is shown at its end; no score lies beyond it,
 * so the outliers are the same. */
static double fence_on_scale(double fence)
{
    return isnan(fence) ? fence : fmin(100, fmax(0, fence));
}

/* ---- the shape of each headline measure's distribution ------------- */

/* One row of the shape table: a measure and its figures. */
typedef struct {
    const char *id;
    double skewness, kurtosis, low_fence, high_fence;
} shape_row;

static const void *shape_at(const void *sheet, size_t i)
{
    return &((const shape_row *)sheet)[i];
}

static void shape_id_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, ((const shape_row *)cell->item)->id);
}

/* The figure at offset arg of the row. */
static void shape_figure_cell(const xlsx_cell *cell)
{
    xlsx_cell_number(cell, city_stat_at(cell->item, cell->column->arg));
}

#define SHAPE(field) offsetof(shape_row, field)
static const xlsx_table_column shape_columns[] = {
    {{"รหัส", "Measure", 10, XLSX_TEXT}, shape_id_cell, 0},
    {{"ความเบ้", "Skewness", 10, XLSX_SCORE}, shape_figure_cell,
     SHAPE(skewness)},
    {{"ความโด่งส่วนเกิน", "Excess kurtosis", 10, XLSX_SCORE},
     shape_figure_cell, SHAPE(kurtosis)},
    {{"รั้วล่าง (Q1-1.5 IQR)", "Lower fence (Q1-1.5 IQR)", 10, XLSX_SCORE},
     shape_figure_cell, SHAPE(low_fence)},
    {{"รั้วบน (Q3+1.5 IQR)", "Upper fence (Q3+1.5 IQR)", 10, XLSX_SCORE},
     shape_figure_cell, SHAPE(high_fence)},
};
#define N_SHAPE_COLUMNS (sizeof shape_columns / sizeof *shape_columns)

/* The rows of the shape table, one per headline measure (c->main); a new
 * array of c->n_main, caller frees. */
static shape_row *shape_rows(const city *c)
{
    shape_row *rows = xmalloc((c->n_main ? c->n_main : 1) * sizeof *rows);
    for (size_t j = 0; j < c->n_main; j++) {
        size_t k = c->main[j];
        const stats_summary *s = &c->cs->city[k];
        stats_outliers o;
        stats_tukey(c->cs, k, &o);
        rows[j] = (shape_row){city_measure_id(c, k), s->skewness,
                              s->kurtosis, fence_on_scale(o.low_fence),
                              fence_on_scale(o.high_fence)};
        stats_outliers_free(&o);
    }
    return rows;
}

/* The shape of every headline measure's distribution, for the readers
 * who want it (the Distribution sheet names the outliers): skewness,
 * excess kurtosis and Tukey's fences, as a table under a heading at r;
 * returns the next free row. */
static lxw_row_t write_shape(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    city_subtitle(c, ws, r++, 0,
                  city_tr(c, "รูปร่างการกระจายของคะแนน (รั้วตัดที่ 0 และ 100)",
                          "Shape of each distribution (fences cut at 0 and 100)"));
    lxw_row_t hr = r;
    shape_row *rows = shape_rows(c);
    xlsx_write_rows_spec(c->b, ws,
                         &(xlsx_rows_spec){.first_row = hr + 1,
                                           .cols = shape_columns,
                                           .n_cols = N_SHAPE_COLUMNS,
                                           .n_rows = c->n_main,
                                           .sheet = rows,
                                           .row_at = shape_at});
    free(rows);
    xlsx_column cols[N_SHAPE_COLUMNS];
    xlsx_table_layout(shape_columns, N_SHAPE_COLUMNS, cols);
    city_note_err(c, xlsx_add_table(c->b, ws, hr, 0, c->n_main, cols,
                                    N_SHAPE_COLUMNS, "Shape"));
    return hr + 1 + (lxw_row_t)(c->n_main ? c->n_main : 1) + 1;
}

/* ---- the files read, with their digests ---------------------------- */

/* One row of the files table: the file's role, its path as shown and its
 * digest (or why there is none). */
typedef struct {
    const char *role;
    char *shown;              /* display_path; owned */
    const char *digest;       /* hex, or "(unreadable)" */
    char hex[65];
} file_row;

static const void *file_at(const void *sheet, size_t i)
{
    return &((const file_row *)sheet)[i];
}

static const file_row *cell_file(const xlsx_cell *cell)
{
    return cell->item;
}

static void file_role_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_file(cell)->role);
}

static void file_path_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_file(cell)->shown);
}

static void file_digest_cell(const xlsx_cell *cell)
{
    xlsx_cell_text(cell, cell_file(cell)->digest);
}

static const xlsx_table_column file_columns[] = {
    {{"ประเภท", "Role", 11, XLSX_TEXT}, file_role_cell, 0},
    {{"ไฟล์", "File", 44, XLSX_TEXT}, file_path_cell, 0},
    {{"SHA-256", "SHA-256", 66, XLSX_TEXT}, file_digest_cell, 0},
};
#define N_FILE_COLUMNS (sizeof file_columns / sizeof *file_columns)

/* The rows of the files table: the model, the registry, then every input
 * file; a new array of *n, caller frees it and its rows' shown paths. */
static file_row *file_rows(city *c, size_t *n)
{
    const report *rep = c->rep;
    const dataset *d = rep->d;
    const struct {
        const char *th, *en, *path, *sha256;
    } reference[] = {
        {"โมเดล", "model", c->m->path, c->m->sha256},
        {"รายชื่อเขต", "registry", rep->r->path, rep->r->sha256},
    };
    size_t n_ref = sizeof reference / sizeof *reference;
    *n = n_ref + d->n_files;
    file_row *rows = xmalloc(*n * sizeof *rows);
    for (size_t i = 0; i < *n; i++) {
        file_row *f = &rows[i];
        const char *path = i < n_ref ? reference[i].path : d->files[i - n_ref];
        /* digests taken while reading: every file is read once */
        bool ok = i < n_ref ? stored_digest(reference[i].sha256, f->hex)
                            : dataset_file_digest(d, i - n_ref, f->hex);
        f->role = i < n_ref ? city_tr(c, reference[i].th, reference[i].en)
                            : city_tr(c, "ข้อมูลนำเข้า", "input");
        f->shown = path ? display_path(path) : NULL;
        f->digest = ok ? f->hex : city_tr(c, "(อ่านไม่ได้)", "(unreadable)");
    }
    return rows;
}

/* The files read, with their digests, in the wide columns F-H from r. */
static void write_files(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const lxw_col_t file_col = 5;
    city_subtitle(c, ws, r++, file_col, city_tr(c, "ไฟล์ที่อ่าน และค่า SHA-256",
                                                "Files read, with their SHA-256"));
    lxw_row_t hr = r;
    size_t n;
    file_row *rows = file_rows(c, &n);
    xlsx_write_rows_spec(c->b, ws,
                         &(xlsx_rows_spec){.first_row = hr + 1,
                                           .first_col = file_col,
                                           .cols = file_columns,
                                           .n_cols = N_FILE_COLUMNS,
                                           .n_rows = n,
                                           .sheet = rows,
                                           .row_at = file_at});
    for (size_t i = 0; i < n; i++)
        free(rows[i].shown);
    free(rows);
    xlsx_column cols[N_FILE_COLUMNS];
    xlsx_table_layout(file_columns, N_FILE_COLUMNS, cols);
    city_note_err(c, xlsx_add_table(c->b, ws, hr, file_col, n, cols,
                                    N_FILE_COLUMNS, "Files"));
    /* the model table sets F-G; H is the digests' alone */
    lxw_col_t digest = xlsx_table_column_of(file_columns, N_FILE_COLUMNS,
                                            file_digest_cell);
    xlsx_set_columns(c->b, ws, file_col + digest, &cols[digest], 1);
}

void city_sheet_method_write(city *c, lxw_worksheet *ws)
{
    city_title(c, ws, "วิธีการและที่มาของข้อมูล ปีงบประมาณ", "Method and sources, fiscal year");
    if (c->rep->synthetic) {
        xlsx_wide_line(c->b, ws, 1, 7, 180,
                  city_tr(c, "ข้อมูลตัวอย่างสังเคราะห์: ไฟล์นำเข้าสร้างขึ้นโดยโปรแกรม (itagen) จากค่าตั้งต้นคงที่ "
                             "ไม่ใช่ผลการประเมินจริงของสำนักงานเขตใด",
                          "SYNTHETIC SAMPLE DATA: the input files were made up by a "
                          "program (itagen) from a fixed seed; they are not any office's "
                          "real results."),
                  c->b->f.warning);
    }
    lxw_row_t r = write_facts(c, ws);
    /* the columns as wide as the model's table had them, before it had a
     * sheet of its own: the facts and the tables below are laid out in
     * them */
    xlsx_column cols[N_MODEL_COLUMNS];
    xlsx_table_layout(model_columns, N_MODEL_COLUMNS, cols);
    xlsx_set_columns(c->b, ws, 0, cols, N_MODEL_COLUMNS);
    r = write_grade_bands(c, ws, r);
    r = write_shape(c, ws, r);
    r = city_sheet_method_uncertainty(c, ws, r);
    write_files(c, ws, r);
    worksheet_freeze_panes(ws, 1, 0);
    /* the widest tables (paths and digests) go on pages of their own
     * columns rather than shrinking every page below the readable size */
    xlsx_print_setup_scaled(c->b, ws, XLSX_NO_REPEAT, XLSX_NO_REPEAT,
                            xlsx_min_print_scale(TEXTLAYOUT_NORMAL_PT));
}
