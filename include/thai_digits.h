/*
 * thai_digits: number formats that show Thai digits (๗๖.๒๙), for the
 * signed documents printed as the district's reports print them
 * (--thai-digits).  The cells stay numbers: only their format changes.
 *
 * Each section of a format (between unquoted ';') gets the locale code
 * [$-D00041E]: the leading byte 0D is the digit substitution for Thai
 * native digits, 041E the Thai locale (Excel's extended LCID form
 * [$-NNCCLLLL]: digits NN, calendar CC, language LLLL).  A section with a
 * locale code of its own ([$-107041E], Western digits and the Buddhist
 * calendar) keeps its calendar and language, with the digits byte made
 * 0D.  LibreOffice renders the result with Thai digits (checked through
 * its PDF text); it applies a locale code to its own section only, hence
 * one per section.  Digits inside quoted literals ("> 99 %") become Thai
 * digits too, so a section reads in one kind of digit.
 */
#ifndef ITABENCH_THAI_DIGITS_H
#define ITABENCH_THAI_DIGITS_H

/* The locale code that selects Thai digits in the Thai locale. */
#define THAI_DIGITS_LOCALE "[$-D00041E]"

/* Returns a new format string: fmt (an Excel number format; NULL or ""
 * is General) showing Thai digits as above.  The caller frees it. */
char *thai_digits_format(const char *fmt);

/* Returns text (UTF-8 prose that itabench generated, never what a person
 * typed or what is read back as data) with its ASCII digits written as
 * Thai digits ("62.46" -> "๖๒.๔๖", "2564" -> "๒๕๖๔"), except the digits
 * of an identifier, a digit run right after an ASCII letter (I4, O43,
 * IND1), which the model's and the plan's codes keep.  A new string. */
char *thai_digits_text(const char *text);

#endif
