/* The Method sheet of the city workbook (city_sheets.h). */
#include "city_sheets.h"
#include "textlayout.h"
#include "text.h"

#include <math.h>
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

static const xlsx_column method_columns[] = {
    {"ประเภท", "Kind", 24, XLSX_TEXT},
    {"รหัส", "Id", 10, XLSX_TEXT},
    {"อยู่ภายใต้", "Parent", 10, XLSX_TEXT},
    {"น้ำหนัก", "Weight", 10, XLSX_FINE},
    {"สัดส่วนในระดับเดียวกัน", "Share among siblings", 11, XLSX_PERCENT},
    {"ITA ต่อ 1 คะแนน", "ITA points per point", 11, XLSX_FINE},
    /* one label, in the workbook's language (model label_th / label_en) */
    {"ชื่อ", "Label", 60, XLSX_WRAP},
};
#define N_METHOD_COLUMNS (sizeof method_columns / sizeof *method_columns)

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

/* The model's nodes as a table headed at r + 2; returns the next free
 * row. */
static lxw_row_t write_model(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const model *m = c->m;
    r += 2;
    city_subtitle(c, ws, r++, 0, city_tr(c, "โมเดลการให้คะแนน", "The scoring model"));
    lxw_row_t hr = r;
    for (size_t i = 0; i < m->n_nodes; i++) {
        const model_node *n = &m->nodes[i];
        lxw_row_t row = hr + 1 + (lxw_row_t)i;
        double siblings = 0;
        if (n->parent >= 0) {
            const model_node *p = &m->nodes[n->parent];
            for (size_t k = 0; k < p->n_children; k++)
                siblings += m->nodes[p->children[k]].weight;
        } else {
            for (size_t t = 0; t < m->n_tools; t++)
                siblings += m->nodes[m->tools[t]].weight;
        }
        xlsx_write_text(c->b, ws, row, 0, node_kind_name[n->kind][city_english(c)],
                      city_fmt(c, XLSX_TEXT));
        xlsx_write_text(c->b, ws, row, 1, n->id, city_fmt(c, XLSX_TEXT));
        xlsx_write_text(c->b, ws, row, 2,
                      n->parent >= 0 ? m->nodes[n->parent].id : "ITA",
                      city_fmt(c, XLSX_TEXT));
        xlsx_write_number(c->b, ws, row, 3, n->weight, city_fmt(c, XLSX_FINE));
        xlsx_write_number(c->b, ws, row, 4, siblings > 0 ? n->weight / siblings : NAN,
                     city_fmt(c, XLSX_PERCENT));
        xlsx_write_number(c->b, ws, row, 5, n->ita_weight, city_fmt(c, XLSX_FINE));
        const char *label = xlsx_node_label(c->rep, (int)i);
        xlsx_write_text(c->b, ws, row, 6, label, city_fmt(c, XLSX_WRAP));
        xlsx_row_fit fit = {1};
        xlsx_fit_text(&fit, c->b, label, method_columns[6].width);
        xlsx_set_row_lines(ws, row, fit.lines, city_fmt(c, XLSX_WRAP));
    }
    xlsx_set_columns(c->b, ws, 0, method_columns, N_METHOD_COLUMNS);
    city_note_err(c, xlsx_add_table(c->b, ws, hr, 0, m->n_nodes, method_columns,
                                    N_METHOD_COLUMNS, "Model"));
    r = hr + 1 + (lxw_row_t)(m->n_nodes ? m->n_nodes : 1) + 1;
    return r;
}

/* The grade bands as a table under a heading at r; returns the next free
 * row. */
static lxw_row_t write_grade_bands(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const model *m = c->m;
    static const xlsx_column grade_cols[] = {
        {"ระดับ", "Grade", 24, XLSX_TEXT},
        {"ตั้งแต่", "From", 10, XLSX_SCORE},
        {"ถึง", "To", 10, XLSX_SCORE},
    };
    city_subtitle(c, ws, r++, 0, city_tr(c, "ระดับผลการประเมิน", "Grade bands"));
    lxw_row_t hr = r;
    for (size_t g = 0; g < m->n_grades; g++) {
        lxw_row_t row = hr + 1 + (lxw_row_t)g;
        char *label = xasprintf("%s (%s)", m->grades[g].id,
                                xlsx_grade_label(c->rep, g));
        xlsx_write_text(c->b, ws, row, 0, label, city_fmt(c, XLSX_TEXT));
        free(label);
        xlsx_write_number(c->b, ws, row, 1, m->grades[g].min_score,
                     city_fmt(c, XLSX_SCORE));
        /* bands are published to 2 decimals: each ends 0.01 below the next */
        xlsx_write_number(c->b, ws, row, 2,
                     g == 0 ? 100 : m->grades[g - 1].min_score - 0.01,
                     city_fmt(c, XLSX_SCORE));
    }
    city_note_err(c, xlsx_add_table(c->b, ws, hr, 0, m->n_grades, grade_cols, 3,
                                    "GradeBands"));
    city_note_err(
        c, xlsx_grade_colours(c->b, ws, hr + 1, 1,
                              hr + (lxw_row_t)(m->n_grades ? m->n_grades : 1),
                              1, true));
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

/* The shape of every headline measure's distribution, for the readers
 * who want it (the Distribution sheet names the outliers): skewness,
 * excess kurtosis and Tukey's fences, as a table under a heading at r;
 * returns the next free row. */
static lxw_row_t write_shape(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    static const xlsx_column shape_cols[] = {
        {"รหัส", "Measure", 10, XLSX_TEXT},
        {"ความเบ้", "Skewness", 10, XLSX_SCORE},
        {"ความโด่งส่วนเกิน", "Excess kurtosis", 10, XLSX_SCORE},
        {"รั้วล่าง (Q1-1.5 IQR)", "Lower fence (Q1-1.5 IQR)", 10, XLSX_SCORE},
        {"รั้วบน (Q3+1.5 IQR)", "Upper fence (Q3+1.5 IQR)", 10, XLSX_SCORE},
    };
    size_t n_cols = sizeof shape_cols / sizeof *shape_cols;
    city_subtitle(c, ws, r++, 0,
                  city_tr(c, "รูปร่างการกระจายของคะแนน (รั้วตัดที่ 0 และ 100)",
                          "Shape of each distribution (fences cut at 0 and 100)"));
    lxw_row_t hr = r;
    for (size_t j = 0; j < c->n_main; j++) {
        size_t k = c->main[j];
        const stats_summary *s = &c->cs->city[k];
        stats_outliers o;
        stats_tukey(c->cs, k, &o);
        lxw_row_t row = hr + 1 + (lxw_row_t)j;
        xlsx_write_text(c->b, ws, row, 0, city_measure_id(c, k),
                      city_fmt(c, XLSX_TEXT));
        xlsx_write_number(c->b, ws, row, 1, s->skewness, city_fmt(c, XLSX_SCORE));
        xlsx_write_number(c->b, ws, row, 2, s->kurtosis, city_fmt(c, XLSX_SCORE));
        xlsx_write_number(c->b, ws, row, 3, fence_on_scale(o.low_fence),
                     city_fmt(c, XLSX_SCORE));
        xlsx_write_number(c->b, ws, row, 4, fence_on_scale(o.high_fence),
                     city_fmt(c, XLSX_SCORE));
        stats_outliers_free(&o);
    }
    city_note_err(c, xlsx_add_table(c->b, ws, hr, 0, c->n_main, shape_cols,
                                    n_cols, "Shape"));
    return hr + 1 + (lxw_row_t)(c->n_main ? c->n_main : 1) + 1;
}

/* The files read, with their digests, in the wide columns F-H from r. */
static void write_files(city *c, lxw_worksheet *ws, lxw_row_t r)
{
    const report *rep = c->rep;
    const model *m = c->m;
    static const xlsx_column file_cols[] = {
        {"ประเภท", "Role", 11, XLSX_TEXT},
        {"ไฟล์", "File", 44, XLSX_TEXT},
        {"SHA-256", "SHA-256", 66, XLSX_TEXT},
    };
    const lxw_col_t file_col = 5;
    city_subtitle(c, ws, r++, file_col, city_tr(c, "ไฟล์ที่อ่าน และค่า SHA-256",
                                                "Files read, with their SHA-256"));
    lxw_row_t hr = r;
    const dataset *d = rep->d;
    const struct {
        const char *th, *en, *path, *sha256;
    } reference[] = {
        {"โมเดล", "model", m->path, m->sha256},
        {"รายชื่อเขต", "registry", rep->r->path, rep->r->sha256},
    };
    size_t n_ref = sizeof reference / sizeof *reference;
    for (size_t i = 0; i < n_ref + d->n_files; i++) {
        lxw_row_t row = hr + 1 + (lxw_row_t)i;
        const char *path = i < n_ref ? reference[i].path : d->files[i - n_ref];
        char digest[65];
        /* digests taken while reading: every file is read once */
        bool ok = i < n_ref ? stored_digest(reference[i].sha256, digest)
                            : dataset_file_digest(d, i - n_ref, digest);
        xlsx_write_text(c->b, ws, row, file_col,
                      i < n_ref ? city_tr(c, reference[i].th, reference[i].en)
                                : city_tr(c, "ข้อมูลนำเข้า", "input"),
                      city_fmt(c, XLSX_TEXT));
        char *shown = path ? display_path(path) : NULL;
        xlsx_write_text(c->b, ws, row, file_col + 1, shown, city_fmt(c, XLSX_TEXT));
        free(shown);
        xlsx_write_text(c->b, ws, row, file_col + 2,
                      ok ? digest : city_tr(c, "(อ่านไม่ได้)", "(unreadable)"), city_fmt(c, XLSX_TEXT));
    }
    city_note_err(c, xlsx_add_table(c->b, ws, hr, file_col, n_ref + d->n_files,
                                    file_cols, 3, "Files"));
    /* the model table sets F-G; H is the digests' alone */
    xlsx_set_columns(c->b, ws, file_col + 2, &file_cols[2], 1);
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
    r = write_model(c, ws, r);
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
