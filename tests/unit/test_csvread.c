/*
 * csvread: records, lines, separators, encodings and the SHA-256 taken
 * while reading.  Inputs are in-memory streams (fmemopen); expected values
 * are written out by hand (digests: FIPS 180-2's test vector "abc" and
 * sha256sum of the bytes shown).
 */
#include "csvread.h"
#include "diag.h"
#include "text.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

enum { MAX_SEEN = 16 };

typedef struct {
    size_t n;
    unsigned long line[MAX_SEEN];
    char text[MAX_SEEN][128];   /* fields joined with '|' */
    char separator;
    size_t stop_after;          /* 0 = never stop */
} seen;

static bool collect(const csv_record *r, void *ctx)
{
    seen *s = ctx;
    if (s->n < MAX_SEEN) {
        s->line[s->n] = r->line;
        s->text[s->n][0] = '\0';
        for (size_t i = 0; i < r->n_fields; i++) {
            strncat(s->text[s->n], i ? "|" : "", 127 - strlen(s->text[s->n]));
            strncat(s->text[s->n], r->fields[i],
                    127 - strlen(s->text[s->n]));
        }
    }
    s->separator = r->separator;
    s->n++;
    return !s->stop_after || s->n < s->stop_after;
}

/* Reads the n bytes of data; returns the result of csvread. */
static bool read_bytes(const char *data, size_t n, seen *s, diag_list *diags,
                       char digest[65])
{
    FILE *in = fmemopen((void *)data, n, "rb");
    assert_non_null(in);
    bool ok = csvread_stream_digest(&(csv_stream){in, "mem.csv", NULL},
                                    collect, s, diags, digest);
    fclose(in);
    return ok;
}

static void test_records_and_lines(void **state)
{
    (void)state;
    static const char data[] = "a,b\r\n\r\n1,\"x\ny\"\r2,3\n";
    seen s = {0};
    diag_list diags;
    diag_init(&diags);
    assert_true(read_bytes(data, sizeof data - 1, &s, &diags, NULL));
    assert_int_equal(s.n, 3);
    assert_int_equal(s.line[0], 1);
    assert_string_equal(s.text[0], "a|b");
    /* the blank line 2 is skipped; the quoted newline spans lines 3-4 */
    assert_int_equal(s.line[1], 3);
    assert_string_equal(s.text[1], "1|x\ny");
    assert_int_equal(s.line[2], 5);   /* after a lone CR */
    assert_int_equal(diag_count(&diags, DIAG_ERROR), 0);
    diag_free(&diags);
}

static void test_separator_after_title(void **state)
{
    (void)state;
    /* a title without separators leaves the choice to the header line */
    static const char data[] = "ITA 2564\nyear;office;item;score\n2564;11;a1;80,5\n";
    seen s = {0};
    diag_list diags;
    diag_init(&diags);
    assert_true(read_bytes(data, sizeof data - 1, &s, &diags, NULL));
    assert_int_equal(s.separator, ';');
    assert_string_equal(s.text[0], "ITA 2564");
    assert_string_equal(s.text[2], "2564|11|a1|80,5");
    diag_free(&diags);
}

static void test_sep_line_and_bom(void **state)
{
    (void)state;
    static const char data[] = "\xEF\xBB\xBFsep=\t\na,b\tc\n";
    seen s = {0};
    diag_list diags;
    diag_init(&diags);
    assert_true(read_bytes(data, sizeof data - 1, &s, &diags, NULL));
    assert_int_equal(s.n, 1);
    assert_int_equal(s.line[0], 2);
    assert_string_equal(s.text[0], "a,b|c");
    diag_free(&diags);
}

static void test_digest_while_reading(void **state)
{
    (void)state;
    char digest[65];
    seen s = {0};
    diag_list diags;
    diag_init(&diags);
    /* FIPS 180-2 test vector: SHA-256("abc") */
    assert_true(read_bytes("abc", 3, &s, &diags, digest));
    assert_string_equal(digest, "ba7816bf8f01cfea414140de5dae2223"
                                "b00361a396177a9cb410ff61f20015ad");
    /* converted input (UTF-16LE with BOM): the digest is of the bytes as
     * read, before conversion: sha256sum of FF FE 61 00 */
    seen t = {0};
    assert_true(read_bytes("\xFF\xFE" "a\0", 4, &t, &diags, digest));
    assert_string_equal(t.text[0], "a");
    assert_string_equal(digest, "ee499f138af4e8a0fb3117115b4536c3"
                                "2a3bef4d0ad15b9922a71eb90d3e7493");
    diag_free(&diags);
}

static void test_no_digest_when_stopped(void **state)
{
    (void)state;
    /* stopped in the first of three 256 KiB chunks: not read to the end */
    size_t n = 3 * 256 * 1024;
    char *data = xmalloc(n);
    for (size_t i = 0; i < n; i += 2)
        memcpy(data + i, "a\n", 2);
    char digest[65] = "x";
    seen s = {.stop_after = 1};
    diag_list diags;
    diag_init(&diags);
    read_bytes(data, n, &s, &diags, digest);
    assert_int_equal(s.n, 1);
    assert_string_equal(digest, "");
    /* stopped, but every byte was already read: the digest is whole
     * (sha256sum of "a\nb\n") */
    seen t = {.stop_after = 1};
    read_bytes("a\nb\n", 4, &t, &diags, digest);
    assert_string_equal(digest, "911169ddaaf146aff539f58c26c489af"
                                "3b892dff0fe283c1c264c65ae5aa59a2");
    free(data);
    diag_free(&diags);
}

static void test_errors_with_line_and_column(void **state)
{
    (void)state;
    static const char data[] = "a,b\n1,2\n3,\xFF\n";
    seen s = {0};
    diag_list diags;
    diag_init(&diags);
    assert_false(read_bytes(data, sizeof data - 1, &s, &diags, NULL));
    assert_int_equal(diags.n, 1);
    assert_int_equal(diags.items[0].line, 3);
    assert_non_null(strstr(diags.items[0].message,
                           "not valid UTF-8: byte 0xFF at column 3"));
    diag_free(&diags);
}

static void test_detect_encoding(void **state)
{
    (void)state;
    assert_int_equal(csvread_detect_encoding("a,b", 3, true), CSV_ENC_UTF8);
    assert_int_equal(csvread_detect_encoding("\xEF\xBB\xBF" "a", 4, true),
                     CSV_ENC_UTF8_BOM);
    assert_int_equal(csvread_detect_encoding("a\0,\0", 4, true),
                     CSV_ENC_UTF16LE);
    /* "ธนบุรี" in Windows-874 */
    assert_int_equal(csvread_detect_encoding("\xB8\xB9\xBA\xD8\xC3\xD5", 6,
                                             true),
                     CSV_ENC_THAI);
    assert_int_equal(csvread_detect_encoding("caf\xE9", 4, true),
                     CSV_ENC_INVALID);
    /* only numbers in Thai digits: "๑๗.๖๖" */
    assert_int_equal(csvread_detect_encoding("a,\xF1\xF7.\xF6\xF6", 7,
                                             true),
                     CSV_ENC_THAI);
    /* one Latin-1 letter in that range is not Thai */
    assert_int_equal(csvread_detect_encoding("Espa\xF1" "a", 6, true),
                     CSV_ENC_INVALID);
}

static void test_convert_cp874(void **state)
{
    (void)state;
    size_t len;
    csv_bad_bytes bad;
    char *text = csvread_convert("\xA1,\xA2", 3, "CP874", &len, &bad);
    assert_non_null(text);
    assert_string_equal(text, "\xE0\xB8\x81,\xE0\xB8\x82"); /* ก,ข */
    free(text);
}

static void test_column_lookup(void **state)
{
    (void)state;
    char *fields[] = {" Year ", "office_code", "x"};
    csv_record r = {.file = "f", .line = 1, .n_fields = 3, .fields = fields};
    assert_int_equal(csvread_column(&r, "year"), 0);
    assert_int_equal(csvread_column(&r, "OFFICE_CODE"), 1);
    assert_int_equal(csvread_column(&r, "item"), -1);
    assert_string_equal(csvread_field(&r, 7), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_and_lines),
        cmocka_unit_test(test_separator_after_title),
        cmocka_unit_test(test_sep_line_and_bom),
        cmocka_unit_test(test_digest_while_reading),
        cmocka_unit_test(test_no_digest_when_stopped),
        cmocka_unit_test(test_errors_with_line_and_column),
        cmocka_unit_test(test_detect_encoding),
        cmocka_unit_test(test_convert_cp874),
        cmocka_unit_test(test_column_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
