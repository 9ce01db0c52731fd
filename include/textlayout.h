/*
 * textlayout: how many lines a text takes when a spreadsheet wraps it in a
 * column, and so how tall its row must be.  Excel and LibreOffice do not
 * size rows to wrapped text when they open a file written by
 * libxlsxwriter, so every sheet sizes its rows with this one estimate.
 *
 * Thai is written without spaces between words: spreadsheets break its
 * lines between words found with a dictionary.  This module finds the same
 * break opportunities with libthai's word breaker (th_brk_wc_find_breaks)
 * and adds those after spaces, then fills lines greedily with glyph
 * advance widths approximated per class of character (Thai consonants,
 * leading vowels, vowel and tone marks that take no width, Latin letters,
 * digits, spaces, punctuation), measured on TH Sarabun New's metric twin
 * Laksaman.  A word wider than the whole column is broken between
 * characters, as spreadsheets do.
 *
 * Column widths are in Excel's character units (as xlsx stores them and
 * worksheet_set_column takes them); font sizes in points.  The agreement
 * with LibreOffice's own wrapping is measured by
 * tests/integration/test_textlayout_libreoffice.py.
 */
#ifndef ITABENCH_TEXTLAYOUT_H
#define ITABENCH_TEXTLAYOUT_H

#include <stddef.h>

/* The size of the workbook's default (Normal style) font, in points: Excel
 * and LibreOffice measure column widths in digits of that font, so a
 * workbook sized with this module must set its Normal style to the body
 * font (TH Sarabun New) at this size.  With Calibri 11, the default of
 * libxlsxwriter, LibreOffice on a machine without Calibri measures columns
 * in a substitute's digits, a third wider than Excel's. */
#define TEXTLAYOUT_NORMAL_PT 14.0

/* The width (character units) one level of indent takes from the text
 * of a cell (Excel's and LibreOffice's "indent 1", as
 * test_textlayout_libreoffice measures it): give textlayout_lines the
 * column's width less this for an indented cell. */
#define TEXTLAYOUT_INDENT_WIDTH 1.5

/* The width of text (UTF-8, one line: '\n' counts as nothing) in pixels at
 * 96 dpi in a font of font_pt points.  0 for NULL. */
double textlayout_text_px(const char *text, double font_pt);

/* The pixels a column of width character units offers to the text of a
 * cell (its width less the cell's inner margins). */
double textlayout_column_px(double width);

/* The column width (character units, as worksheet_set_column takes it)
 * of a column px pixels wide: the inverse of the column's own width. */
double textlayout_width_for_px(double px);

/* How many lines text (UTF-8; '\n' starts a new line) takes when wrapped
 * in a column width character units wide at font_pt points: at least 1
 * (also for NULL and ""). */
size_t textlayout_lines(const char *text, double width, double font_pt);

/* The narrowest column width (character units) in which no word of text
 * (a run between the break opportunities textlayout_lines uses: spaces
 * and libthai's word boundaries) has to be broken between characters, at
 * font_pt points.  0 for NULL or "". */
double textlayout_word_width(const char *text, double font_pt);

/* Text that itabench writes (never what a person typed, never what is
 * read back as data) with its lines broken by '\n' where the lines
 * textlayout_lines counts would start, in a column width character units
 * wide at font_pt points, filled to a little less than the column (the
 * measure is an estimate), the spaces before each break left out.  Why:
 * LibreOffice breaks Thai lines at the words of its own dictionary, finer
 * than libthai's ("รับ|ผิด|ชอบ" where libthai keeps รับผิดชอบ whole), and no
 * invisible character stops it (tests/validate/thai_line_breaks.py); a
 * line that fits is not broken at all.  A word wider than the column is
 * left whole.  A new string. */
char *textlayout_wrap(const char *text, double width, double font_pt);

/* textlayout_wrap for a list of names joined by spaces ("ฝ่ายทะเบียน
 * ฝ่ายปกครอง"): its lines broken at the spaces, so that no name that fits
 * a line is broken inside, even where libthai finds a word in it
 * (ฝ่าย|ทะเบียน); a name wider than the column is broken at libthai's
 * words (ฝ่ายสิ่ง|แวดล้อมฯ, not LibreOffice's ฝ่ายสิ่งแวด|ล้อมฯ).  A new
 * string. */
char *textlayout_wrap_names(const char *text, double width, double font_pt);

/* Frees the copies of recent texts that textlayout_lines keeps to answer
 * the same question again without measuring (a bounded table); the
 * program calls it before it exits. */
void textlayout_cache_free(void);

/* The row height in points that shows lines lines (at least 1) of a font
 * of font_pt points whole, in LibreOffice and Excel. */
double textlayout_row_height(size_t lines, double font_pt);

/* The row height in points for text wrapped in a column: the two above in
 * one call. */
double textlayout_text_height(const char *text, double width, double font_pt);

#endif
