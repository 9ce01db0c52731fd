"""The cells a district types into outside the plan's table (issue 19:
"every edit survives a rerun"): the O43 report's date is kept, the
Profile's Target is said.

The O43 report sheet of an office workbook has one cell a district types
into, "รายงาน ณ วันที่ (แก้ไขได้)" (the date the report is as of, the end of
the fiscal year as written).  Before, a rerun into the same folder wrote
the fiscal year's end over a date typed there.  Now:

- a date typed there is carried into the new workbook, and the report's
  overdue count, recalculated by LibreOffice, is the test's own count of
  the plan's rows not done and due before that date (read from the plan
  sheet with openpyxl);
- a text that is no date ("ไตรมาส 2") is kept as typed, marked with a
  comment, and a warning names the file and the text; a second rerun keeps
  it again;
- a workbook whose date is the one itabench wrote is no edit: rewritten,
  no backup;
- a Target typed on the Profile (90) is not carried (the run's target
  makes the plan), and the rerun says so, even with -q: "Target was 90 in
  your edited workbook; this run used 85; pass -t 90 to keep it"; with
  -t 90 it says nothing of it."""
import datetime
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import recalculate

INPUTS = os.path.join(ref.REPO, "inputs")
OFFICE = "1015"
LABEL = "รายงาน ณ วันที่ (แก้ไขได้)"
OVERDUE = "เลยกำหนด (ยังไม่เสร็จ และกำหนดเสร็จก่อนวันที่รายงาน)"
REPORT, PLAN = "รายงานผล O43", "แผนปฏิบัติการ"
DONE = "ดำเนินการแล้ว"
AS_OF = datetime.datetime(2022, 3, 31)


def run(out, *args):
    return subprocess.run([ref.ITABENCH, INPUTS, "-o", out, "--office",
                           OFFICE, "--no-city-book", *args],
                          capture_output=True, text=True, cwd=ref.REPO,
                          timeout=300)


def book(out):
    return glob.glob(os.path.join(out, "offices", f"ita_2564_{OFFICE}_*"
                                  "[a-z].xlsx"))[0]


def date_cell(ws):
    """The report's date cell: the first value right of its label."""
    for row in ws.iter_rows():
        cells = [c for c in row if c.value is not None]
        if cells and cells[0].value == LABEL:
            return cells[1]
    raise AssertionError("no report date")


def labelled(ws, label):
    for row in ws.iter_rows(values_only=True):
        values = [v for v in row if v is not None]
        if values and values[0] == label:
            return values[1]
    raise AssertionError(label)


def type_date(path, value):
    wb = openpyxl.load_workbook(path)
    date_cell(wb[REPORT]).value = value
    wb.save(path)


class ReportDate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-asof-")
        cls.out = os.path.join(cls.tmp, "out")
        assert run(cls.out).returncode == 0
        cls.path = book(cls.out)
        with open(cls.path, "rb") as f:
            cls.first = f.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def backups(self):
        return glob.glob(os.path.join(self.out, "offices", "*.edited-*"))

    def test_1_unedited_is_no_edit(self):
        proc = run(self.out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(self.backups(), [])
        with open(self.path, "rb") as f:
            self.assertEqual(f.read(), self.first)

    def test_2_a_date_typed_is_carried_and_counts_overdue(self):
        type_date(self.path, AS_OF)
        proc = run(self.out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(len(self.backups()), 1)
        wb = openpyxl.load_workbook(self.path)
        self.assertEqual(date_cell(wb[REPORT]).value, AS_OF)
        # the test's own count: plan rows not done, due before the date
        ws = wb[PLAN]
        header = next(r for r in ws.iter_rows() if any(
            c.value == "สถานะ" for c in r))
        col = {str(c.value).replace("\n", ""): c.column - 1 for c in header
               if c.value}
        items = ref.Model().items
        overdue = sum(1 for r in ws.iter_rows(min_row=header[0].row + 1,
                                              values_only=True)
                      if r[col["ข้อ"]] in items and r[col["สถานะ"]] != DONE
                      and isinstance(r[col["กำหนดเสร็จ"]], datetime.datetime)
                      and r[col["กำหนดเสร็จ"]] < AS_OF)
        self.assertGreater(overdue, 0)
        lo = recalculate(self.path, os.path.join(self.tmp, "lo"),
                         os.path.join(self.tmp, "profile"))
        after = openpyxl.load_workbook(lo, data_only=True)[REPORT]
        self.assertEqual(labelled(after, OVERDUE), overdue)
        # the cached value, as LibreOffice prints it without recalculating
        cached = openpyxl.load_workbook(self.path, data_only=True)[REPORT]
        self.assertEqual(labelled(cached, OVERDUE), overdue)

    def test_3_a_text_is_kept_as_typed_and_said(self):
        type_date(self.path, "ไตรมาส 2")
        proc = run(self.out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("ไตรมาส 2", proc.stderr)
        with open(os.path.join(self.out, "data_quality_2564.csv"),
                  encoding="utf-8") as f:
            self.assertIn("plan_report_date", f.read())
        for _ in range(2):   # and again, from the rewritten workbook
            cell = date_cell(openpyxl.load_workbook(self.path)[REPORT])
            self.assertEqual(cell.value, "ไตรมาส 2")
            self.assertIsNotNone(cell.comment)
            self.assertEqual(run(self.out).returncode, 0)


    def test_4_a_target_typed_on_the_profile_is_said(self):
        wb = openpyxl.load_workbook(self.path)
        ws = wb["ภาพรวม"]
        cell = next(row[1] for row in ws.iter_rows()
                    if row[0].value == "ค่าเป้าหมาย")
        self.assertEqual(cell.value, 85)
        cell.value = 90
        wb.save(self.path)
        proc = run(self.out, "-q")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("Target was 90 in your edited workbook; this run used "
                      "85; pass -t 90 to keep it", proc.stderr)
        ws = openpyxl.load_workbook(self.path)["ภาพรวม"]
        self.assertEqual(next(row[1].value for row in ws.iter_rows()
                              if row[0].value == "ค่าเป้าหมาย"), 85)
        # typed again, the run given -t 90: nothing said of it
        wb = openpyxl.load_workbook(self.path)
        next(row[1] for row in wb["ภาพรวม"].iter_rows()
             if row[0].value == "ค่าเป้าหมาย").value = 90
        wb.save(self.path)
        proc = run(self.out, "-t", "90")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertNotIn("Target was", proc.stderr)


if __name__ == "__main__":
    unittest.main()
