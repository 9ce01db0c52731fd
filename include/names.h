/*
 * names: names made from input text that end up as file names or sheet
 * names, made safe.  Input never escapes: no path separators, "..",
 * control characters or Windows-reserved names in file names; sheet names
 * follow Excel's rules.
 */
#ifndef ITABENCH_NAMES_H
#define ITABENCH_NAMES_H

#include <stddef.h>

/* Returns a new file-name component made from text: ASCII letters and
 * digits lower-cased, every other run of characters one '-', no leading or
 * trailing '-', never empty, never a Windows-reserved name (con, nul,
 * com1...), at most max_len bytes. */
char *names_file_component(const char *text, size_t max_len);

/* Returns a new Excel sheet name made from text: the characters [ ] : * ? / \
 * replaced by '_', no leading or trailing apostrophe, at most 31 characters
 * (counted as Excel counts them: UTF-16 code units, never cutting a UTF-8
 * sequence), unique among the `taken` names already used in the workbook
 * (compared case-insensitively; a " (2)" suffix is added within the 31). */
char *names_sheet(const char *text, const char *const *taken, size_t n_taken);

#endif
