/*
 * lang: the language of the outputs (--lang th|en).  Texts that exist in
 * both languages are kept as pairs indexed by it ([LANG_TH], [LANG_EN]).
 */
#ifndef ITABENCH_LANG_H
#define ITABENCH_LANG_H

typedef enum { LANG_TH, LANG_EN } report_lang;

#endif
