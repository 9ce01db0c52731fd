"""The Thon Buri (1015) office workbook edited as a user would, recalculated
by LibreOffice, then checked against values computed here from the inputs
(ita_reference.py):

- Target set to 80: the plan's count of items below Target, its notice and
  every row's "reaches Target" flag follow 80; the rows themselves (drafted
  for 85) stay and say so;
- a target score typed into the plan is the planned score of Path to
  target after recalculation, and the projected ITA follows it;
- the printed plan (LibreOffice -> PDF -> pdftotext) shows Thai B.E. dates
  (quarter ends, due dates) and no ISO date;
- every office of the sample has a plan with at least one row."""
import fractions
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import print_pdf, recalculate
from test_office_books import (PATH, PLAN, SHEETS_TH, YEAR, Reference,
                               header_row, path_table, plan_table, run)

OFFICE = "1015"
BOOK = f"ita_{YEAR}_{OFFICE}_thon-buri.xlsx"
NEW_TARGET = 80
ISO_DATE = re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b")
# B.E. dates as the number format shows them: "31 ธ.ค. 2564"
THAI_DATE = re.compile(r"\b\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|"
                       r"ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d\b")


def set_target(wb, value):
    sheet, cell = list(wb.defined_names["Target"].destinations)[0]
    wb[sheet][cell.replace("$", "")].value = value


def plan_cells(ws):
    """{label text: value} of the plan's summary lines and its notice: a
    line holds label, value pairs (two figures to a line)."""
    r0, _ = header_row(ws, PLAN["item"])
    lines = {}
    for row in ws.iter_rows(max_row=r0 - 1, values_only=True):
        values = [v for v in row if v is not None]
        for k in range(0, len(values), 2):
            lines[values[k]] = values[k + 1] if k + 1 < len(values) else None
    return lines


class PlanFollowsTarget(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        out = os.path.join(cls.tmp, "out")
        cls.proc = run("inputs/", "--no-city-book", out=out)
        cls.folder = os.path.join(out, "offices")
        cls.book = os.path.join(cls.folder, BOOK)
        cls.profile = os.path.join(cls.tmp, "profile")
        cls.ref = Reference(os.path.join(ref.REPO, "inputs"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def recalculated(self, wb, name):
        edited = os.path.join(self.tmp, name, BOOK)
        os.makedirs(os.path.dirname(edited))
        wb.save(edited)
        return openpyxl.load_workbook(
            recalculate(edited, os.path.join(self.tmp, name + "-lo"),
                        self.profile), data_only=True)

    def test_every_office_has_a_plan(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(len(os.listdir(self.folder)), 50)
        for name in os.listdir(self.folder):
            wb = openpyxl.load_workbook(os.path.join(self.folder, name),
                                        read_only=True)
            rows, _ = plan_table(wb[SHEETS_TH[3]], self.ref.model)
            self.assertGreater(len(rows), 0, name)

    def test_target_80_notice_counts_and_flags(self):
        wb = openpyxl.load_workbook(self.book)
        set_target(wb, NEW_TARGET)
        after = self.recalculated(wb, "target80")
        ws = after[SHEETS_TH[3]]
        scores = self.ref.items[OFFICE]
        below_80 = sum(1 for s in scores.values()
                       if ref.round2(s) < NEW_TARGET)
        below_85 = len(self.ref.below(OFFICE))
        self.assertNotEqual(below_80, below_85)
        lines = plan_cells(ws)
        self.assertEqual(lines["ค่าเป้าหมาย (Target)"], NEW_TARGET)
        self.assertEqual(lines["ข้อที่ต่ำกว่าค่าเป้าหมาย"], below_80)
        notice = next(k for k in lines if str(k).startswith(
            "ค่าเป้าหมายเปลี่ยนเป็น"))
        self.assertIn("80.00 ไม่ใช่ 85", notice)
        self.assertIn(f"ใหม่ {below_80} ข้อ", notice)
        self.assertIn("itabench -t 80", notice)
        # the rows drafted for 85 stay, and say which reach 80 now
        drafted = next(k for k in lines if str(k).startswith(
            "แผนนี้จัดทำสำหรับค่าเป้าหมาย 85"))
        # the plan's rows: those below 85, and O42 and O43 in every plan
        n_plan = len(self.ref.plan_items(OFFICE))
        self.assertIn(f"จำนวน {n_plan} ข้อ", drafted)
        r0, cols = header_row(ws, PLAN["item"])
        reach = cols["ถึงค่าเป้าหมาย (Target)"]
        n_rows = 0
        for row in ws.iter_rows(min_row=r0 + 1, values_only=True):
            item = row[0]
            if item in self.ref.model.items:
                n_rows += 1
                want = "ถึงแล้ว" if ref.round2(scores[item]) >= NEW_TARGET \
                    else "ยังไม่ถึง"
                self.assertEqual(row[reach], want, item)
        self.assertEqual(n_rows, n_plan)

    def test_a_target_score_typed_in_the_plan_is_the_path_planned_score(self):
        wb = openpyxl.load_workbook(self.book)
        plan = wb[SHEETS_TH[3]]
        r0, cols = header_row(plan, PLAN["item"])
        # the first step of the path: its item's row in the plan
        path, _ = self.ref.path(OFFICE)
        first_item = path[0][0]
        goal_row = next(r for r in range(r0 + 1, plan.max_row + 1)
                        if plan.cell(r, 1).value == first_item)
        typed = 55.5
        plan.cell(goal_row, cols[PLAN["goal"]] + 1).value = typed
        after = self.recalculated(wb, "typed")
        steps, _ = path_table(after[SHEETS_TH[5]])
        self.assertEqual(steps[1]["item"], first_item)
        self.assertAlmostEqual(steps[1]["planned"], typed, places=9)
        # the projection follows: ITA + weight x (typed - score)
        weight = self.ref.model.item_weight(first_item)
        score = self.ref.items[OFFICE][first_item]
        ita = self.ref.scores[OFFICE]["ITA"]
        self.assertAlmostEqual(steps[1]["projected"],
                               float(ita + weight *
                                     (fractions.Fraction(str(typed)) -
                                      score)), places=6)

    def test_printed_plan_shows_thai_dates_and_no_iso_date(self):
        pdf = print_pdf(self.book, os.path.join(self.tmp, "pdf"),
                        self.profile)
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                              capture_output=True, text=True,
                              check=True).stdout
        # the plan's pages: their footer starts with the sheet's name
        plan_pages = [p for p in text.split("\f")
                      if next((line.split()[0] for line in
                               reversed(p.splitlines()) if line.strip()),
                              "") == SHEETS_TH[3]]
        self.assertGreater(len(plan_pages), 0)
        plan_text = "\n".join(plan_pages)
        self.assertEqual(ISO_DATE.findall(plan_text), [])
        dates = [m.group(0) for m in THAI_DATE.finditer(plan_text)]
        # every row's due date, B.E.: the end of the quarter the plan's
        # schedule gives it (a date cell of the workbook) in fiscal year
        # 2565
        quarter_end = {"2021-12-31": "31 ธ.ค. 2564",
                       "2022-03-31": "31 มี.ค. 2565",
                       "2022-06-30": "30 มิ.ย. 2565",
                       "2022-09-30": "30 ก.ย. 2565"}
        ws = openpyxl.load_workbook(self.book)[SHEETS_TH[3]]
        r0, cols = header_row(ws, PLAN["item"])
        wanted = [quarter_end[row[cols[PLAN["due"]]].date().isoformat()]
                  for row in ws.iter_rows(min_row=r0 + 1, values_only=True)
                  if row[0] in self.ref.model.items]
        self.assertEqual(len(wanted), len(self.ref.plan_items(OFFICE)))
        # and each quarter's end once in the summary
        wanted += list(quarter_end.values())
        self.assertGreaterEqual(len(dates), len(wanted))
        for end in set(wanted):
            self.assertEqual(dates.count(end), wanted.count(end), end)

if __name__ == "__main__":
    unittest.main()
