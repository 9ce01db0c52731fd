"""The documents a district signs and publishes (O42: the analysis and the
plan; O43: the report on carrying it out), checked against what the test
works out itself from the inputs, the model and the measures library:

- Thon Buri's workbook printed by LibreOffice to PDF: the weakness sentence
  of every question below the target, a paragraph per indicator with its
  score, and no code string ("ITA +0.06", "ลำดับ 40 ร่วม 22");
- the sample's plans: at most a fifth of the rows "high", no section
  leading more than a third of a quarter's rows (at least one), O42 and O43
  in every plan;
- a plan returned with statuses, results, evidence, a due date and a
  target score typed in with openpyxl, and the report's date: its O43
  report, recalculated by LibreOffice, counts what the test counts.
"""
import datetime
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from collections import Counter

import openpyxl

import ita_reference as ref
from libreoffice import print_pdf, recalculate
from test_office_books import (PLAN, SHEETS_TH, STATUS_TH, YEAR, Reference,
                               book_name, header_row, plan_table, run)

OFFICE = "1015"
MEASURES = os.path.join(ref.REPO, "inputs", "reference", "measures.csv")
HIGH_SHARE = 5     # at most rows // 5 high (plans.h, PLANS_HIGH_SHARE)
UNIT_SHARE = 3     # a unit leads at most quarter_rows // 3 (at least 1)
REPORT = {"rows": "จำนวนมาตรการ (แถวของแผน)", "done": "ดำเนินการแล้วเสร็จ",
          "in_progress": "อยู่ระหว่างดำเนินการ", "not_started": "ยังไม่เริ่ม",
          "overdue": "เลยกำหนด (ยังไม่เสร็จ และกำหนดเสร็จก่อนวันที่รายงาน)",
          "projected": "ITA ที่คาดว่าจะได้ (ตามคะแนนเป้าหมายในแผน)"}
RESULT, EVIDENCE = "ผลการดำเนินงาน", "หลักฐาน"
AS_OF = "รายงาน ณ วันที่ (แก้ไขได้)"
# the report's date typed in: the end of the plan's second quarter
REPORT_DATE = datetime.datetime(2022, 3, 31)


def blank(value):
    """A report cell the plan leaves blank shows "-"."""
    return None if value in (None, "-") else value


def squeeze(text):
    """Text without any white space: pdftotext puts spaces inside Thai
    words (before a tone mark) and breaks lines where cells wrap."""
    return re.sub(r"\s+", "", text)


class ThonBuriPrinted(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        out = os.path.join(cls.tmp, "out")
        cls.proc = run("inputs/", "--no-city-book", "--office", OFFICE,
                       out=out)
        cls.ref = Reference(os.path.join(ref.REPO, "inputs"))
        book = os.path.join(out, "offices", book_name(OFFICE, cls.ref.by_code))
        pdf = print_pdf(book, os.path.join(cls.tmp, "pdf"),
                        os.path.join(cls.tmp, "profile"))
        # -raw: each cell's lines in the order they are drawn
        cls.raw = subprocess.run(["pdftotext", "-raw", pdf, "-"],
                                 capture_output=True, text=True,
                                 check=True).stdout
        cls.text = squeeze(cls.raw)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_every_question_below_target_has_its_weakness_in_words(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        weakness = {r["item"]: r["weakness_th"] for r in ref.read_csv(MEASURES)}
        below = self.ref.below(OFFICE)
        self.assertGreater(len(below), 50)
        for item in below:
            self.assertIn(squeeze("จุดอ่อน: " + weakness[item]), self.text,
                          item)

    def test_a_paragraph_per_indicator_with_its_score(self):
        scores = self.ref.scores[OFFICE]
        m = self.ref.model
        self.assertEqual(len(m.indicators), 10)
        for k, ind in enumerate(m.indicators, start=1):
            score = ref.round2(scores[ind])
            self.assertIn(squeeze(f"ตัวชี้วัดที่ {k} {m.nodes[ind]['label_th']} "
                                  f"ได้ค่าคะแนน {score:.2f} คะแนน"),
                          self.text, ind)

    def test_numbers_in_words_not_code_strings(self):
        self.assertIsNone(re.search(r"ITA\s*\+\s*\d", self.raw))
        self.assertIsNone(re.search(r"ลำดับ\s*\d+\s*(ร่วม|เฉพาะ)", self.raw))
        # the brief's own example of the plain language
        self.assertRegex(self.text, r"\d+\.\d\dต่ำกว่าเป้าหมาย\d+\.\d\dคะแนน;"
                                    r"ลำดับที่\d+จาก50เขต;\d+เขตต่ำกว่า"
                                    r"เป้าหมายในข้อนี้\(จุดอ่อน")


class SamplePlansCanBeStaffed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.proc = run("inputs/", "--no-city-book", out=cls.tmp)
        cls.ref = Reference(os.path.join(ref.REPO, "inputs"))
        cls.plans = {}
        for code in cls.ref.items:
            path = os.path.join(cls.tmp, "offices",
                                book_name(code, cls.ref.by_code))
            wb = openpyxl.load_workbook(path, data_only=True)
            cls.plans[code], _ = plan_table(wb[SHEETS_TH[3]], cls.ref.model)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_high_is_at_most_a_fifth_of_the_rows(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(len(self.plans), 50)
        some_high = 0
        for code, rows in self.plans.items():
            high = sum(r["priority"].startswith("สูง") for r in rows)
            self.assertLessEqual(high * HIGH_SHARE, len(rows), code)
            some_high += high > 0
        self.assertGreater(some_high, 10)

    def test_no_unit_leads_more_than_a_third_of_a_quarter(self):
        spread = 0
        for code, rows in self.plans.items():
            quarter = Counter(r["due"] for r in rows)
            lead = Counter((r["due"], r["units"].split("\n")[0])
                           for r in rows)
            for (due, unit), n in lead.items():
                self.assertLessEqual(n, max(1, quarter[due] // UNIT_SHARE),
                                     f"{code} {due:%Y-%m-%d} {unit}")
            spread += len(quarter) == 4
        # the plans use the whole year, not one day
        self.assertGreater(spread, 40)

    def test_every_plan_has_o42_and_o43(self):
        for code, rows in self.plans.items():
            items = {r["item"] for r in rows}
            self.assertLessEqual({"O42", "O43"}, items, code)


class ReturnedPlanReport(unittest.TestCase):
    """Thon Buri's plan filled in as a district would, in openpyxl; the O43
    report sheet, recalculated by LibreOffice, must count the same."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        out = os.path.join(cls.tmp, "out")
        cls.proc = run("inputs/", "--no-city-book", "--office", OFFICE,
                       out=out)
        cls.ref = Reference(os.path.join(ref.REPO, "inputs"))
        book = os.path.join(out, "offices", book_name(OFFICE, cls.ref.by_code))
        wb = openpyxl.load_workbook(book)
        ws = wb[SHEETS_TH[3]]
        r0, cols = header_row(ws, PLAN["item"])
        model = cls.ref.model
        cls.typed = []   # (item, status, owner, result, evidence)
        cls.goal_typed = None
        today = datetime.date.today()
        future = datetime.datetime(today.year + 5, 1, 1)
        k = 0
        for r in range(r0 + 1, ws.max_row + 1):
            item = ws.cell(r, cols[PLAN["item"]] + 1).value
            if item not in model.items:
                continue
            # half done, a quarter in progress (so that the two counts
            # differ), one typed status not among the choices (not
            # started), the rest left as drafted
            status = (STATUS_TH[2], STATUS_TH[1], STATUS_TH[2], None)[k % 4]
            if k == 7:
                status = "รออนุมัติ"
            owner = f"นาย ก {k}" if k % 2 else None
            result = f"ทำแล้ว {k}" if status == STATUS_TH[2] else None
            evidence = f"หลักฐาน {k}" if result else None
            if status:
                ws.cell(r, cols[PLAN["status"]] + 1).value = status
            if owner:
                ws.cell(r, cols[PLAN["owner"]] + 1).value = owner
            if result:
                ws.cell(r, cols[RESULT] + 1).value = result
                ws.cell(r, cols[EVIDENCE] + 1).value = evidence
            due = ws.cell(r, cols[PLAN["due"]] + 1)
            if k == 1:        # in progress, due in the future: not overdue
                due.value = future
            if k == 4 and model.nodes[item]["answer_type"] != "published":
                ws.cell(r, cols[PLAN["goal"]] + 1).value = 95
                cls.goal_typed = item
            final = status or STATUS_TH[0]
            cls.typed.append({"item": item, "status": final,
                              "owner": owner, "result": result,
                              "evidence": evidence,
                              "due": future if k == 1 else due.value})
            k += 1
        report = wb[SHEETS_TH[4]]
        as_of = next(row for row in report.iter_rows()
                     if row[0].value == AS_OF)
        # the date cell: the first one after the merged label
        cell = next(c for c in as_of[1:] if c.value is not None)
        assert isinstance(cell.value, datetime.datetime), cell.value
        cell.value = REPORT_DATE
        edited = os.path.join(cls.tmp, "edited.xlsx")
        wb.save(edited)
        cls.book = recalculate(edited, os.path.join(cls.tmp, "recalc"),
                               os.path.join(cls.tmp, "profile"))
        # the edited workbook back in its place, rewritten by a rerun: its
        # edits carried into the new plan, and its report's cached values
        # (what LibreOffice prints without recalculating) the plan's
        shutil.copy(edited, book)
        cls.rerun = run("inputs/", "--no-city-book", "--office", OFFICE,
                        out=out)
        cls.rewritten = book

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def report(self):
        wb = openpyxl.load_workbook(self.book, data_only=True)
        ws = wb[SHEETS_TH[4]]
        counts = {}
        for row in ws.iter_rows(values_only=True):
            for key, label in REPORT.items():
                if row and row[0] == label:
                    counts[key] = next(v for v in row[1:] if v is not None)
        r0, cols = header_row(ws, PLAN["item"])
        rows = [dict(zip(("item", "status", "owner", "due", "result",
                          "evidence", "overdue"),
                         (row[cols[h]] for h in (
                             PLAN["item"], PLAN["status"], PLAN["owner"],
                             PLAN["due"], RESULT, EVIDENCE, "เลยกำหนด"))))
                for row in ws.iter_rows(min_row=r0 + 1, values_only=True)
                if row[0] in self.ref.model.items]
        return ws, counts, rows

    def test_counts_follow_the_plan(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        ws, counts, rows = self.report()
        n = len(self.typed)
        done = sum(t["status"] == STATUS_TH[2] for t in self.typed)
        progress = sum(t["status"] == STATUS_TH[1] for t in self.typed)
        overdue = sum(t["status"] != STATUS_TH[2] and t["due"] < REPORT_DATE
                      for t in self.typed)
        self.assertEqual(counts["rows"], n)
        self.assertEqual(counts["done"], done)
        self.assertEqual(counts["in_progress"], progress)
        self.assertEqual(counts["not_started"], n - done - progress)
        self.assertEqual(counts["overdue"], overdue)
        self.assertGreater(done, 10)
        self.assertGreater(overdue, 10)
        self.assertLess(overdue, n - done)   # some due after the date
        # the ITA projected from the target scores: the office's ITA plus
        # each row's weight times the points its target is above its score
        code, m = OFFICE, self.ref.model
        ita = self.ref.scores[code]["ITA"]
        gains = sum(self.ref.gain(code, t["item"]) for t in self.typed
                    if t["item"] != self.goal_typed)
        item = self.goal_typed
        gains += m.item_weight(item) * (95 - self.ref.items[code][item])
        self.assertAlmostEqual(counts["projected"], float(ita + gains),
                               places=9)
        # its own print area, the document signed
        self.assertTrue(ws.print_area)

    def test_every_row_with_what_was_typed(self):
        _, _, rows = self.report()
        self.assertEqual([r["item"] for r in rows],
                         [t["item"] for t in self.typed])
        for r, t in zip(rows, self.typed):
            self.assertEqual(r["status"], t["status"], t["item"])
            self.assertEqual(blank(r["owner"]), t["owner"], t["item"])
            self.assertEqual(blank(r["result"]), t["result"], t["item"])
            self.assertEqual(blank(r["evidence"]), t["evidence"], t["item"])
            self.assertEqual(r["due"], t["due"], t["item"])
            late = t["status"] != STATUS_TH[2] and t["due"] < REPORT_DATE
            self.assertEqual(blank(r["overdue"]),
                             "เลยกำหนด" if late else None, t["item"])

    def test_rewritten_report_caches_what_was_typed(self):
        """Read as written (no recalculation): every row's status (a
        status not understood as typed), owner, result, evidence and due
        date as the district typed them."""
        self.assertEqual(self.rerun.returncode, 0, self.rerun.stderr)
        ws = openpyxl.load_workbook(self.rewritten,
                                    data_only=True)[SHEETS_TH[4]]
        r0, cols = header_row(ws, PLAN["item"])
        rows = [row for row in ws.iter_rows(min_row=r0 + 1, values_only=True)
                if row[0] in self.ref.model.items]
        self.assertEqual([r[0] for r in rows],
                         [t["item"] for t in self.typed])
        for row, t in zip(rows, self.typed):
            for key, head in (("status", PLAN["status"]),
                              ("owner", PLAN["owner"]), ("result", RESULT),
                              ("evidence", EVIDENCE), ("due", PLAN["due"])):
                self.assertEqual(blank(row[cols[head]]), t[key],
                                 (t["item"], key))


if __name__ == "__main__":
    unittest.main()
