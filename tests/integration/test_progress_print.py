"""The Plan progress sheet printed (issue 19): three sample plans come
back (edited as test_returned_plans edits them, with a long owner's name
on every row, every date past), the city workbook is printed to PDF by
LibreOffice and read back with pdftotext.

- no "###": every overdue row's due date shows;
- every owner's name prints whole on one line;
- the as-of date reads as a Thai book writes it (30 มิ.ย. 2565), never
  C.E. (2022-06-30) nor as typed (2565-06-30);
- the chart names every office that sent its plan back, and its axes run
  the right way: the offices (a bar chart's Y axis) top to bottom in the
  table's order (reversed), the counts (X) from 0 upward (not reversed);
- each table's header prints only over its rows: every page of the
  details sheet with an overdue row starts with the overdue table's
  header, and no page has the Plan progress table's header without an
  office's row under it (the chart and the lists under that table
  printed beneath its repeated header: they are on the details sheet,
  the overdue rows last, so that its header repeats only over them)."""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import ita_reference as ref
from libreoffice import print_pdf
from test_city_print import FOOTER, squeeze
import test_returned_plans as rp

OWNER = "นางสาวสมหญิง ใจดีมาก หัวหน้าฝ่ายปกครองและทะเบียน"
SHEET = "ความก้าวหน้าของแผน"
DETAILS = "ความก้าวหน้าของแผน รายละเอียด"
# A row of the Plan progress table (code, office, then counts) and of the
# overdue table (code, office, item); each table's header cells.
OFFICE_ROW = re.compile(r"^\s*1\d{3}\s+\S+\s+\d+\s")
OVERDUE_ROW = re.compile(r"^\s*1\d{3}\s+\S+\s+[IEO]\d+\s")
PROGRESS_HEADER = ["รหัส", "สำนักงานเขต", "แถว"]
OVERDUE_HEADER = ["รหัส", "สำนักงานเขต", "ข้อ", "กำหนดเสร็จ"]


def scheme_long_owner(k):
    """Every row overdue (a past date, not done), with a long owner."""
    return (rp.IN_PROGRESS, OWNER, rp.PAST, None)


class ProgressPrint(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-progress-")
        first = os.path.join(cls.tmp, "first")
        proc = rp.run(rp.INPUTS, "-o", first, "--no-city-book", "-q",
                      "--office", "1001,1002,1003")
        assert proc.returncode == 0, proc.stderr
        returned = os.path.join(cls.tmp, "returned")
        os.makedirs(returned)
        model = ref.Model()
        _, lookup = ref.districts()
        items = ref.load_item_scores(rp.INPUTS, model, lookup)[2564]
        cls.codes = []
        for book in sorted(glob.glob(os.path.join(first, "offices",
                                                  "*.xlsx"))):
            path = shutil.copy(book, returned)
            code = os.path.basename(book).split("_")[2]
            rp.edit(path, scheme_long_owner, model, items[code])
            cls.codes.append(code)
        out = os.path.join(cls.tmp, "second")
        proc = rp.run(rp.INPUTS, returned, "-o", out, "--as-of",
                      "2565-06-30", "--no-office-books", "-q")
        assert proc.returncode == 0, proc.stderr
        cls.book = os.path.join(out, "ita_2564_city.xlsx")
        pdf = print_pdf(cls.book, out, os.path.join(cls.tmp, "profile"))
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                              capture_output=True, text=True,
                              check=True).stdout
        cls.pages = [p for p in text.split("\f")
                     if (m := FOOTER.search(p)) and
                     squeeze(m.group(1)).startswith(squeeze(SHEET))]
        cls.names = {c: r["name_th"] for c, r in ref.districts()[0].items()}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_dates_and_owners_print_whole(self):
        self.assertTrue(self.pages, "no Plan progress pages")
        text = "\n".join(self.pages)
        self.assertNotIn("###", text)
        owner_lines = [l for l in text.splitlines()
                       if squeeze(OWNER[:12]) in squeeze(l)]
        self.assertTrue(owner_lines)
        for line in owner_lines:
            self.assertIn(squeeze(OWNER), squeeze(line))

    def test_each_header_prints_only_over_its_rows(self):
        def footer(page):
            return squeeze(FOOTER.search(page).group(1))

        def first_lines(lines, i):
            return squeeze("".join(lines[i:i + 2]))

        details = [p for p in self.pages if footer(p) == squeeze(DETAILS)]
        main = [p for p in self.pages if footer(p) == squeeze(SHEET)]
        self.assertTrue(main)
        self.assertGreater(len(details), 1)
        for n, page in enumerate(details, 1):
            lines = [l for l in page.splitlines() if l.strip()]
            rows = [i for i, l in enumerate(lines) if OVERDUE_ROW.match(l)]
            heads = [i for i in range(len(lines))
                     if all(squeeze(c) in first_lines(lines, i)
                            for c in OVERDUE_HEADER)]
            if rows:
                self.assertTrue(heads and heads[0] < rows[0], (n, lines[:3]))
                if not any("แถวที่เลยกำหนดเสร็จ" in l for l in lines):
                    self.assertEqual(heads[0], 0, (n, lines[:3]))
            if heads:
                self.assertTrue(rows and rows[-1] > heads[0], (n, lines[:3]))
        for n, page in enumerate(main, 1):
            lines = [l for l in page.splitlines() if l.strip()]
            rows = [i for i, l in enumerate(lines) if OFFICE_ROW.match(l)]
            heads = [i for i in range(len(lines))
                     if all(squeeze(c) in first_lines(lines, i)
                            for c in PROGRESS_HEADER)]
            if heads:
                self.assertTrue(rows and rows[-1] > heads[0], (n, lines[:3]))

    def test_the_as_of_date_is_buddhist_era(self):
        text = squeeze("\n".join(self.pages))
        self.assertIn(squeeze("30 มิ.ย. 2565"), text)
        self.assertNotIn("2022-06-30", text)
        self.assertNotIn("2565-06-30", text)

    def test_chart_names_the_offices_and_runs_the_right_way(self):
        text = squeeze("\n".join(self.pages))
        # the chart's text: from its title to its legend
        chart = text[text.index(squeeze("แถวของแผนตามสถานะ")):]
        chart = chart[:chart.index(squeeze("ดำเนินการแล้ว"))]
        for code in self.codes:
            self.assertIn(squeeze(self.names[code]), chart, code)
        with zipfile.ZipFile(self.book) as z:
            charts = [z.read(n).decode() for n in z.namelist()
                      if n.startswith("xl/charts/chart")]
        bar = [c for c in charts if '<c:barDir val="bar"/>' in c]
        self.assertEqual(len(bar), 1)
        cat = re.search(r"<c:catAx>.*?</c:catAx>", bar[0], re.S).group(0)
        val = re.search(r"<c:valAx>.*?</c:valAx>", bar[0], re.S).group(0)
        self.assertIn('<c:orientation val="maxMin"/>', cat)
        self.assertNotIn('val="maxMin"', val)


if __name__ == "__main__":
    unittest.main()
