"""The city workbook's Trend sheet, its chart and the movers' sheets
(issues 19 and 20), checked against values worked out here, never against
the program's earlier output.

- The sample (two years): the movers and the items that moved most are on
  sheets of their own right after Trend, each printed with its own table's
  header repeated on every page (print titles = the row of its table's
  header); Trend repeats its own and holds no other table nor chart (under
  its table they printed beneath its repeated header, with none of its
  rows); the chart and the paired t-test are on the City trend sheet
  just before Trend, which repeats no rows: the chart on its first
  printed page, whole above the page break, the test under the break.
- A three-year city of 50 offices (itagen, seeded): the City trend sheet
  has a line chart whose categories are the three years and whose lines are the
  city's upper quartile, median and lower quartile and every zone's
  median, each value equal to a plain-Python median (quartiles as
  QUARTILE.INC) of that year's ITAs, scored here from the item scores by
  the reference scorer; its lines are named by header cells in the
  workbook's language; its fonts print at 9 pt or more at the sheet's
  print scale.
- The same city cut to five offices: a line per office (its ITA each
  year, 2 decimals) beside the city median.
- One year only: no chart, no City trend, no movers sheets; with action
  plans come back (the tiny fixture), the Plan progress chart, now not
  the workbook's 15th sheet, still draws from the Plan progress table's
  sheet (it crashed when it named its sheet by place), while it sits on
  the details sheet after it.
"""
import csv
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl

import ita_reference as ref

YEARS = (2562, 2563, 2564)
FEW = ("1001", "1002", "1003", "1004", "1005")


def run(folder, out, *args):
    wrap = os.environ.get("ITABENCH_WRAP", "").split()
    return subprocess.run([*wrap, ref.ITABENCH, folder, "-o", out,
                           "--no-office-books", *args],
                          capture_output=True, text=True, cwd=ref.REPO)


def itagen(out, years):
    subprocess.run([os.path.join(ref.REPO, ref.BUILD, "itagen"), "--out", out,
                    "--seed", "7", "--years", ",".join(map(str, years))],
                   check=True, capture_output=True)


def keep_offices(folder, codes):
    """Rewrites every input CSV of folder with the rows of codes only."""
    by_code, lookup = ref.districts()
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if not name.endswith(".csv"):
            continue
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        col = rows[0].index("office_code")
        kept = [rows[0]] + [r for r in rows[1:]
                            if ref.resolve(lookup, r[col]) in codes]
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(kept)


def quartile_inc(values, p):
    """Excel's QUARTILE.INC: linear between the order statistics."""
    v = sorted(values)
    h = (len(v) - 1) * p
    lo = int(h)
    return v[lo] + (h - lo) * (v[min(lo + 1, len(v) - 1)] - v[lo])


def cell_ref(text):
    """'Sheet'!$A$5:$A$7 -> (sheet, first cell, last cell)."""
    sheet, cells = text.rsplit("!", 1)
    parts = cells.replace("$", "").split(":")
    return sheet.strip("'"), parts[0], parts[-1]


def range_values(wb, text):
    sheet, first, last = cell_ref(text)
    return [row[0].value for row in wb[sheet][first:last]]


CITY_TREND = "แนวโน้มของเมือง"


def trend_chart(path, sheet_xml_name=CITY_TREND):
    """The XML of the charts whose series come from the City trend
    sheet."""
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist()
                  if re.match(r"xl/charts/chart\d+\.xml$", n)]
    return [c for c in charts if f"'{sheet_xml_name}'!" in c]


def series_of(chart):
    """[(name ref, categories ref, values ref)] of every series."""
    out = []
    for ser in re.findall(r"<c:ser>(.*?)</c:ser>", chart, re.S):
        def f(tag):
            m = re.search(rf"<c:{tag}>.*?<c:f>(.*?)</c:f>", ser, re.S)
            return m.group(1) if m else None
        out.append((f("tx"), f("cat"), f("val")))
    return out


class TestMoversSheets(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-trend-")
        proc = run("inputs/", cls.tmp)
        assert proc.returncode == 0, proc.stderr
        cls.wb = openpyxl.load_workbook(
            os.path.join(cls.tmp, "ita_2564_city.xlsx"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_movers_follow_trend(self):
        names = self.wb.sheetnames
        at = names.index("แนวโน้ม")
        self.assertEqual(names[at + 1:at + 3],
                         ["ผู้เปลี่ยนแปลงมากที่สุด", "ข้อที่เปลี่ยนมากที่สุด"])

    def test_each_table_repeats_its_own_header(self):
        for sheet, table, first in (("แนวโน้ม", "Trend", "รหัส"),
                                    ("ผู้เปลี่ยนแปลงมากที่สุด", "Movers",
                                     "ตัวชี้วัด"),
                                    ("ข้อที่เปลี่ยนมากที่สุด", "ItemChanges",
                                     "ข้อ")):
            ws = self.wb[sheet]
            with self.subTest(sheet=sheet):
                self.assertEqual(list(ws.tables), [table])
                head = int(re.match(r"[A-Z]+(\d+)",
                                    ws.tables[table].ref).group(1))
                self.assertEqual(ws.print_title_rows, f"${head}:${head}")
                self.assertEqual(ws.cell(head, 1).value, first)

    def test_movers_sheets_print_their_titles_whole(self):
        # a print area as wide as the narrow table cut the Thai Movers
        # title at its edge in LibreOffice's PDF ("...ปีงบประมา"); without
        # one, the title's overflow prints with the columns it crosses
        # (pdftotext reads clipped text too, so the PDF cannot tell)
        for sheet in ("ผู้เปลี่ยนแปลงมากที่สุด", "ข้อที่เปลี่ยนมากที่สุด"):
            self.assertIsNone(self.wb[sheet].print_area, sheet)

    def test_trend_no_longer_holds_the_movers(self):
        texts = [c.value for row in self.wb["แนวโน้ม"].iter_rows()
                 for c in row if isinstance(c.value, str)]
        self.assertNotIn("ตัวชี้วัด", texts)
        self.assertFalse(any(t.startswith("ใครเปลี่ยนไปจริง") for t in texts))

    def test_trend_holds_its_table_alone(self):
        # nothing under the table (a chart or the paired t-test printed
        # beneath the repeated header, with none of the table's rows)
        ws = self.wb["แนวโน้ม"]
        last = int(re.search(r"(\d+)$", ws.tables["Trend"].ref).group(1))
        below = [c.coordinate for row in ws.iter_rows(min_row=last + 1)
                 for c in row if c.value is not None]
        self.assertEqual(below, [])
        self.assertEqual(ws._charts, [])
        self.assertEqual(trend_chart(os.path.join(self.tmp,
                                                  "ita_2564_city.xlsx"),
                                     "แนวโน้ม"), [])

    def test_city_trend_comes_before_trend_and_repeats_no_rows(self):
        names = self.wb.sheetnames
        self.assertEqual(names.index(CITY_TREND) + 1, names.index("แนวโน้ม"))
        self.assertIsNone(self.wb[CITY_TREND].print_title_rows)


class TestTrendChart(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-trend-")
        cls.model = ref.Model()
        cls.by_code, cls.lookup = ref.districts()
        cls.city = os.path.join(cls.tmp, "city")
        itagen(cls.city, YEARS)
        cls.few = os.path.join(cls.tmp, "few")
        shutil.copytree(cls.city, cls.few)
        keep_offices(cls.few, FEW)
        cls.one = os.path.join(cls.tmp, "one")
        itagen(cls.one, YEARS[-1:])
        for folder in (cls.city, cls.few, cls.one):
            proc = run(folder, os.path.join(folder, "out"))
            assert proc.returncode == 0, proc.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def book(self, folder):
        return os.path.join(folder, "out", "ita_2564_city.xlsx")

    def itas(self, folder):
        """{year: {code: ITA}} scored here from the item scores."""
        items = ref.load_item_scores(folder, self.model, self.lookup)
        return {y: {c: float(self.model.score(it)["ITA"])
                    for c, it in items[y].items()} for y in YEARS}

    def chart(self, folder):
        charts = trend_chart(self.book(folder))
        self.assertEqual(len(charts), 1)
        return charts[0], openpyxl.load_workbook(self.book(folder))

    def test_city_lines_are_medians_and_quartiles(self):
        chart, wb = self.chart(self.city)
        zones = sorted({r["zone_th"] for r in self.by_code.values()})
        series = series_of(chart)
        self.assertEqual(len(series), 3 + len(zones))
        itas = self.itas(self.city)
        expected = {
            "ควอร์ไทล์ที่ 3 ของเมือง":
                [quartile_inc(itas[y].values(), 0.75) for y in YEARS],
            "มัธยฐานของเมือง":
                [quartile_inc(itas[y].values(), 0.5) for y in YEARS],
            "ควอร์ไทล์ที่ 1 ของเมือง":
                [quartile_inc(itas[y].values(), 0.25) for y in YEARS],
        }
        for zone in zones:
            expected["มัธยฐาน " + zone] = [
                quartile_inc([v for c, v in itas[y].items()
                              if self.by_code[c]["zone_th"] == zone], 0.5)
                for y in YEARS]
        seen = set()
        for name, cats, vals in series:
            title = range_values(wb, name)[0]
            seen.add(title)
            with self.subTest(line=title):
                self.assertEqual(range_values(wb, cats), list(YEARS))
                for got, want in zip(range_values(wb, vals), expected[title]):
                    self.assertAlmostEqual(got, want, places=9)
        self.assertEqual(seen, set(expected))

    def test_few_offices_get_a_line_each(self):
        chart, wb = self.chart(self.few)
        series = series_of(chart)
        self.assertEqual(len(series), 1 + len(FEW))
        itas = self.itas(self.few)
        names = {self.by_code[c]["name_th"]: c for c in FEW}
        lines = {range_values(wb, s[0])[0]: range_values(wb, s[2])
                 for s in series}
        self.assertEqual(set(lines), {"มัธยฐานของเมือง", *names})
        for name, code in names.items():
            self.assertEqual(lines[name],
                             [ref.round2(itas[y][code]) for y in YEARS], name)

    def test_chart_fonts_print_readable(self):
        chart, wb = self.chart(self.city)
        scale = wb[CITY_TREND].page_setup.scale or 100
        sizes = [int(s) / 100 for s in re.findall(r'\bsz="(\d+)"', chart)]
        self.assertTrue(sizes)
        for pt in sizes:
            self.assertGreaterEqual(pt * scale / 100, 9 - 1e-9, (pt, scale))

    def test_chart_is_whole_on_the_first_page_and_the_test_after(self):
        wb = openpyxl.load_workbook(self.book(self.city))
        ws = wb[CITY_TREND]
        self.assertEqual(ws.cell(4, 1).value[:len("ITA รายปี: ")],
                         "ITA รายปี: ")
        breaks = [b.id for b in ws.row_breaks.brk]
        self.assertEqual(len(breaks), 1)
        # the row after the break (1-based) holds the test's heading
        heading = ws.cell(breaks[0] + 1, 1).value
        self.assertTrue(heading.startswith("การทดสอบ t แบบจับคู่"), heading)
        # the chart from the row under its heading to a row above the
        # break (0-based anchor rows): whole on the first printed page
        self.assertEqual(len(ws._charts), 1)
        anchor = ws._charts[0].anchor
        self.assertEqual(anchor._from.row, 4)
        self.assertLess(anchor.to.row, breaks[0])

    def test_one_year_has_no_chart_and_no_movers(self):
        self.assertEqual(trend_chart(self.book(self.one)), [])
        self.assertEqual(trend_chart(self.book(self.one), "แนวโน้ม"), [])
        names = openpyxl.load_workbook(self.book(self.one)).sheetnames
        self.assertNotIn(CITY_TREND, names)
        self.assertNotIn("ผู้เปลี่ยนแปลงมากที่สุด", names)
        self.assertNotIn("ข้อที่เปลี่ยนมากที่สุด", names)


class TestWithoutMovers(unittest.TestCase):
    def test_progress_chart_draws_from_its_own_sheet(self):
        with tempfile.TemporaryDirectory(prefix="itabench-trend-") as out:
            proc = subprocess.run(
                [*os.environ.get("ITABENCH_WRAP", "").split(), ref.ITABENCH,
                 "--model", "tests/fixtures/tiny/model.csv", "--districts",
                 "tests/fixtures/tiny/offices.csv", "--no-office-books",
                 "tests/bad/ok_returned_bad_cells", "-o", out, "-q"],
                capture_output=True, text=True, cwd=ref.REPO)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            book = os.path.join(out, "ita_2564_city.xlsx")
            names = openpyxl.load_workbook(book).sheetnames
            self.assertNotIn("ผู้เปลี่ยนแปลงมากที่สุด", names)
            self.assertEqual(names[-2:], ["ความก้าวหน้าของแผน",
                                          "ความก้าวหน้าของแผน รายละเอียด"])
            with zipfile.ZipFile(book) as z:
                charts = [z.read(n).decode() for n in z.namelist()
                          if re.match(r"xl/charts/chart\d+\.xml$", n)]
            bars = [c for c in charts if '<c:barDir val="bar"/>' in c]
            self.assertEqual(len(bars), 1)
            refs = re.findall(r"<c:f>(.*?)</c:f>", bars[0])
            self.assertTrue(refs)
            for r in refs:
                self.assertEqual(cell_ref(r)[0], "ความก้าวหน้าของแผน", r)


if __name__ == "__main__":
    unittest.main()
