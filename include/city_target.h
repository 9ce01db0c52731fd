/*
 * city_target: the label left of the Target cell on the city workbook's
 * Summary sheet, in each language.  The Summary writes it
 * (city_sheet_summary.c); a rerun finds the Target of an edited city
 * workbook by it (output_keep.h).  A header of its own, so that
 * reading an edited workbook back needs none of the writers' headers.
 */
#ifndef ITABENCH_CITY_TARGET_H
#define ITABENCH_CITY_TARGET_H

#define CITY_TARGET_LABEL_TH "เป้าหมาย (แก้ได้ที่ช่องนี้)"
#define CITY_TARGET_LABEL_EN "Target (edit this cell)"

#endif
