/* Reads lines "width<TAB>font_pt<TAB>text" (a newline inside text written
 * as \n) and prints, one a line, how many lines textlayout_lines says the
 * text takes: the estimate that test_textlayout_libreoffice.py compares
 * with LibreOffice's own wrapping. */
#include "textlayout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Turns every "\n" (backslash, n) of s into a newline, in place. */
static void unescape(char *s)
{
    char *out = s;
    for (const char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] == 'n') {
            *out++ = '\n';
            p++;
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n')
            line[n - 1] = '\0';
        char *font = strchr(line, '\t');
        char *text = font ? strchr(font + 1, '\t') : NULL;
        if (!text) {
            fprintf(stderr, "textlayout_probe: bad line: %s\n", line);
            return 2;
        }
        *font++ = '\0';
        *text++ = '\0';
        unescape(text);
        printf("%zu\n", textlayout_lines(text, atof(line), atof(font)));
    }
    free(line);
    return 0;
}
