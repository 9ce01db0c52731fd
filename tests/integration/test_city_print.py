"""The city workbook printed (issue 9): the sample's city workbook, in Thai
and in English, printed to PDF by LibreOffice and read back with
pdftotext, page by page.

- no cell prints as "###" (a number wider than its column);
- the Thai workbook prints in a Thai font (TH Sarabun New or its metric
  twin Laksaman) and its pages hold Thai text;
- every chart is whole on one page: its title on the same page as its
  axis title or legend (a chart split across pages loses one of them);
- a heading stays with its table: the correlation headings of the
  Distribution sheet on the page of their matrix's header and last row;
- the pages of each sheet (named in the footer) are counted and shown;
- no text prints under 9 pt on any page (sizes read from the PDF's
  content streams by pdf_text_sizes: pdffonts gives no sizes and
  pdftohtml rounds them to whole points);
- every page of the Zones sheet after its first starts with the header of
  the table it continues (the rank table), not the zones table's; every
  page of the Trend sheet after its first with the Trend table's header;
- the Trend table's header prints only over its rows: every page of the
  Trend sheet with an office's row has the header above the first row
  (at the page's top after the first page), and no page has the header
  without a row under it (the chart and the paired t-test under the
  table printed beneath the repeated header: they are on the City trend
  sheet now, which repeats no rows); the same on Ranking, whose
  caterpillar chart is on the ITA intervals sheet, one page, and on
  Distribution, whose grade histogram and correlation matrices are on
  the Grades and correlations sheet;
- the chances of reaching the target print as "> 99 %" and "< 1 %" at
  the extremes (a number format: the cells stay numbers).

Texts are compared with every space and every Thai mark above or below
the line removed: pdftotext splits Thai words where the font's marks sit
apart, and may give the marks in another order."""
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import print_pdf
from pdf_text_sizes import page_text_sizes

YEAR = 2564
BOOK = f"ita_{YEAR}_city.xlsx"

# (title, a text printed under it in the same chart), per language
CHARTS = {
    "th": [("ITA รายสำนักงานเขต เรียงจากมากไปน้อย", "ส่วนที่เกินค่าเป้าหมาย"),
           ("จำนวนสำนักงานเขตตามระดับ ITA", "ค่าเฉลี่ยของเมืองรายตัวชี้วัด เทียบกับเป้าหมาย"),
           ("ค่าเฉลี่ยของเมืองรายตัวชี้วัด เทียบกับเป้าหมาย", "ค่าเฉลี่ยของเมือง"),
           ("ITA ของทุกสำนักงานเขตพร้อมช่วง 95%",
            "สำนักงานเขต เรียงจาก ITA มากไปน้อย (ลำดับที่)"),
           ("ITA รายปี", "มัธยฐานของเมือง")],
    "en": [("ITA by office, best first", "Above Target"),
           ("Offices by ITA grade", "Indicators: city mean against the target"),
           ("Indicators: city mean against the target", "City mean"),
           ("Every office's ITA with its 95% interval",
            "Offices, best ITA first (position)"),
           ("ITA year by year", "City median")],
}
# The smallest text a printed page may carry (XLSX_MIN_PRINT_PT), less
# LibreOffice's rounding of sizes to thousandths of its units (9 pt at
# 75 % prints as 8.993).
MIN_PT = 9.0 - 0.01
# Per language: the Zones sheet's footer name, the rank table's header
# cells on one line (every continuation page starts with them: the
# others wrap, and pdftotext interleaves wrapped cells' lines) and a
# header cell of the zones table alone (never on a continuation page).
ZONES = {
    "th": ("กลุ่มเขต", ["กลุ่มเขต", "สำนักงานเขต", "รหัส", "ITA", "ระดับ"],
           "มัธยฐาน"),
    "en": ("Zones", ["Zone", "Office", "Code", "ITA", "Grade"], "Median"),
}
# The Trend sheet: its footer name and its table's header cells on one
# line (the table is the sheet's only content: the movers, the chart and
# the paired t-test have sheets of their own).
TREND = {
    "th": ("แนวโน้ม", ["รหัส", "สำนักงานเขต"]),
    "en": ("Trend", ["Code", "Office"]),
}
# A row of a table that starts with the office's code.
CODE_ROW = re.compile(r"^\s*1\d{3}\s")
# The Ranking sheet: its footer name, header cells on one line, its rows
# (rank, then code), and the title of its chart's sheet (ITA intervals).
RANKING = {
    "th": ("อันดับ", ["อันดับ", "รหัส", "สำนักงานเขต"],
           "ITA ของทุกสำนักงานเขตพร้อมช่วง 95% ปีงบประมาณ 2564"),
    "en": ("Ranking", ["Rank", "Code", "Office"],
           "Every office's ITA with its 95% interval, fiscal year 2564"),
}
RANK_ROW = re.compile(r"^\s*\d+\s+1\d{3}\s")
# The Distribution sheet: its footer name, header cells, and its rows: a
# measure's id, then its label (a correlation matrix's row has a number
# after the id).
DISTRIBUTION = {
    "th": ("การกระจาย", ["รหัส", "จำนวน", "ค่า"]),
    "en": ("Distribution", ["Measure", "Label", "Mean"]),
}
MEASURE_ROW = re.compile(r"^\s*(?:ITA|IIT|EIT|OIT|IND\d+)\s+[^\d\s.-]")
# (heading, the matrix's header cell)
MATRICES = {
    "th": [("สหสัมพันธ์เพียร์สันระหว่างตัวชี้วัด", "เพียร์สัน"),
           ("สหสัมพันธ์สเปียร์แมน (อันดับ) ระหว่างตัวชี้วัด", "สเปียร์แมน")],
    "en": [("Pearson correlation of the indicators", "Pearson r"),
           ("Spearman (rank) correlation of the indicators", "Spearman rho")],
}
FOOTER = re.compile(r"^\s*(\S.*?)\s{2,}(?:หน้า|Page) \d+ (?:จาก|of) \d+\s*$",
                    re.M)


def squeeze(text):
    """text without spaces and without Thai marks above and below the
    line, which pdftotext may give in another order ("ชีว้" for "ชี้")."""
    return re.sub(r"[\s\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]+", "", text)


class CityPrint(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-print-")
        cls.pages = {}
        profile = os.path.join(cls.tmp, "profile")
        wrap = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
        for lang in ("th", "en"):
            out = os.path.join(cls.tmp, lang)
            subprocess.run(wrap + [ref.ITABENCH, "inputs/", "-o", out, "-q",
                                   "--no-office-books", "--lang", lang],
                           check=True, cwd=ref.REPO, capture_output=True)
            pdf = print_pdf(os.path.join(out, BOOK), out, profile)
            cls.sheets = getattr(cls, "sheets", {})
            cls.sheets[lang] = [squeeze(n) for n in openpyxl.load_workbook(
                os.path.join(out, BOOK), read_only=True).sheetnames]
            text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                                  capture_output=True, text=True,
                                  check=True).stdout
            cls.pages[lang] = [p for p in text.split("\f") if p.strip()]
            cls.sizes = getattr(cls, "sizes", {})
            cls.sizes[lang] = [s for s, p in zip(page_text_sizes(pdf),
                                                 text.split("\f"))
                               if p.strip()]
            cls.fonts = getattr(cls, "fonts", {})
            cls.fonts[lang] = subprocess.run(
                ["pdffonts", pdf], capture_output=True, text=True,
                check=True).stdout

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def sheet_pages(self, lang):
        """Pages per sheet, in order, from the footers (a page whose footer
        pdftotext did not keep on a line of its own, so that it does not
        read as a sheet's name, counts to the sheet before)."""
        counts, last = [], None
        for page in self.pages[lang]:
            m = FOOTER.search(page)
            name = squeeze(m.group(1)) if m else None
            name = name if name in self.sheets[lang] else last
            if counts and counts[-1][0] == name:
                counts[-1][1] += 1
            else:
                counts.append([name, 1])
            last = name
        return counts

    def test_no_cell_prints_as_hashes(self):
        for lang, pages in self.pages.items():
            bad = [i + 1 for i, p in enumerate(pages) if "###" in p]
            self.assertEqual(bad, [], f"{lang}: pages with ###")

    def test_no_text_under_9_pt(self):
        for lang in ("th", "en"):
            self.assertEqual(len(self.sizes[lang]), len(self.pages[lang]))
            small = [(i + 1, min(s)) for i, s in enumerate(self.sizes[lang])
                     if s and min(s) < MIN_PT]
            self.assertEqual(small, [], f"{lang}: pages (number, smallest "
                                        f"pt) with text under 9 pt")

    def pages_of(self, lang, sheet):
        return [p for p in self.pages[lang]
                if (m := FOOTER.search(p))
                and squeeze(m.group(1)) == squeeze(sheet)]

    def assert_pages_start_with(self, lang, sheet, header, other=None):
        pages = self.pages_of(lang, sheet)
        self.assertGreater(len(pages), 1, f"{lang}: {sheet} pages")
        for n, page in enumerate(pages[1:], 2):
            lines = [squeeze(l) for l in page.splitlines() if l.strip()]
            for cell in header:
                self.assertIn(squeeze(cell), lines[0],
                              f"{lang}: {sheet} page {n} starts with "
                              f"{lines[:2]}")
            if other:
                self.assertNotIn(squeeze(other), "".join(lines[:3]),
                                 f"{lang}: {sheet} page {n}")

    def test_zones_pages_start_with_the_rank_header(self):
        for lang, (sheet, header, other) in ZONES.items():
            self.assert_pages_start_with(lang, sheet, header, other)

    def test_trend_pages_start_with_the_trend_header(self):
        for lang, (sheet, header) in TREND.items():
            self.assert_pages_start_with(lang, sheet, header)

    def assert_header_only_over_rows(self, lang, sheet, header, row,
                                     at_top=True):
        """Every page of sheet that has a row (a line matching row) has
        the header (its cells on its first two lines) above the first row, on the
        page's first line after the first page (at_top: not for a table
        split over to further columns, whose first page of those columns
        starts with the sheet's title); no page has the header without a
        row under it."""
        pages = self.pages_of(lang, sheet)
        self.assertGreater(len(pages), 1, f"{lang}: {sheet} pages")
        for n, page in enumerate(pages, 1):
            lines = [l for l in page.splitlines() if l.strip()]
            # (a wrapped header's cells on its first two lines: Thai
            # marks and short cells may fall to the second)
            heads = [i for i, l in enumerate(lines)
                     if all(squeeze(c) in squeeze(l + "".join(lines[i + 1:i + 2]))
                            for c in header)]
            rows = [i for i, l in enumerate(lines) if row.match(l)]
            where = f"{lang}: {sheet} page {n}: {lines[:3]}"
            if rows:
                self.assertTrue(heads and heads[0] < rows[0], where)
                if n > 1 and at_top:
                    self.assertEqual(heads[0], 0, where)
            if heads:
                self.assertTrue(rows and rows[-1] > heads[0],
                                f"{where}: a header without rows")

    def test_trend_header_only_over_its_rows(self):
        for lang, (sheet, header) in TREND.items():
            self.assert_header_only_over_rows(lang, sheet, header, CODE_ROW)

    def test_ranking_header_only_over_its_rows(self):
        for lang, (sheet, header, chart) in RANKING.items():
            self.assert_header_only_over_rows(lang, sheet, header, RANK_ROW,
                                              at_top=False)
            # the chart's sheet: one page, with no table header
            pages = [p for p in self.pages[lang]
                     if squeeze(chart) in squeeze(p)]
            self.assertEqual(len(pages), 1, lang)
            self.assertNotIn(squeeze("".join(header)), squeeze(pages[0]))

    def test_distribution_header_only_over_its_rows(self):
        for lang, (sheet, header) in DISTRIBUTION.items():
            self.assert_header_only_over_rows(lang, sheet, header,
                                              MEASURE_ROW)

    def test_chances_print_as_people_read_them(self):
        # the sample has offices far above and far below the target: their
        # chances of reaching it print as "> 99 %" and "< 1 %", never as
        # the certainties "100.0%" and "0.0%"
        for lang, sheet in (("th", "อันดับ"), ("en", "Ranking")):
            text = "".join(p for p in self.pages[lang]
                           if (m := FOOTER.search(p))
                           and squeeze(m.group(1)) == squeeze(sheet))
            self.assertRegex(text, r">\s*99\s*%", lang)
            self.assertRegex(text, r"<\s*1\s*%", lang)
            self.assertNotRegex(text, r"\b100(?:\.0)?\s*%", lang)
            self.assertNotRegex(text, r"(?<![\d.])0(?:\.0)?\s*%", lang)

    def test_thai_prints_in_a_thai_font(self):
        self.assertRegex(self.fonts["th"], r"(?i)sarabun|laksaman")
        thai = re.compile(r"[\u0E01-\u0E2E]")
        for i, page in enumerate(self.pages["th"]):
            self.assertRegex(page, thai, f"page {i + 1}")

    def test_every_chart_is_whole_on_one_page(self):
        for lang, charts in CHARTS.items():
            pages = [squeeze(p) for p in self.pages[lang]]
            for title, inside in charts:
                where = [i for i, p in enumerate(pages) if squeeze(title) in p]
                self.assertTrue(where, f"{lang}: no chart {title!r}")
                # (a heading of a table may read as the chart's title)
                self.assertTrue(any(squeeze(inside) in pages[i] for i in where),
                                f"{lang}: {title!r} split (pages "
                                f"{[i + 1 for i in where]})")

    def test_correlation_headings_stay_with_their_matrix(self):
        for lang, matrices in MATRICES.items():
            pages = [squeeze(p) for p in self.pages[lang]]
            for heading, header in matrices:
                where = [i for i, p in enumerate(pages)
                         if squeeze(heading) in p]
                self.assertEqual(len(where), 1, f"{lang}: {heading!r}")
                page = pages[where[0]]
                # the matrix's header row: its corner cell, then the ids
                self.assertIn(squeeze(header) + "IND1", page, heading)
                # the last indicator heads a column and its own row
                self.assertGreaterEqual(page.count("IND10"), 2, heading)

    def test_the_scoring_model_repeats_its_header_on_every_page(self):
        """The model's table takes several pages: each starts with its
        header (on the Method sheet, among tables side by side, it
        repeated none)."""
        for lang, header in (("th", "ประเภท"), ("en", "Kind")):
            sheet = "โมเดลการให้คะแนน" if lang == "th" else "Scoring model"
            pages = [p for p in self.pages[lang]
                     if p.strip() and sheet in p.strip().splitlines()[-1]]
            self.assertGreater(len(pages), 2, lang)
            for k, page in enumerate(pages):
                lines = [l for l in page.splitlines() if l.strip()]
                self.assertIn(header, " ".join(lines[:3]), (lang, k))

    def test_pages_per_sheet(self):
        for lang in ("th", "en"):
            counts = self.sheet_pages(lang)
            print(f"\n{lang}: {len(self.pages[lang])} pages: " +
                  ", ".join(f"{n} {c}" for n, c in counts))
            names = [n for n, _ in counts]
            # every sheet's pages together, each sheet once
            self.assertEqual(len(names), len(set(names)), names)
            # (Item scores is hidden; Grades and correlations follows
            # Distribution; City trend comes before Trend, Movers and Item
            # changes follow it; ITA intervals follows Ranking, and its
            # page counts to Ranking: its chart's upright labels keep
            # pdftotext from giving its footer on a line of its own;
            # Scoring model follows Method)
            self.assertEqual(len(names), 16, names)
            # what splitting wide sheets costs in pages
            self.assertLessEqual(len(self.pages[lang]), 70, counts)


if __name__ == "__main__":
    unittest.main()
