"""The city workbook with Target set to 90 (openpyxl, formulas kept),
recalculated by LibreOffice: no cell may contradict another, and every
count follows 90 as computed here from the inputs (ita_reference.py):

- the Summary sentence gives the new pass count;
- the Summary's weakest indicators, the Distribution sheet and the
  sentence about the weakest indicator count the same offices below 90;
- every question's count and share on the Questions sheet follow 90;
- the bar chart's split (each office's ITA up to Target and above it)
  follows 90;
- the Zones sheet's offices passing, per zone, follow 90."""
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import error_cells, recalculate

YEAR = 2564
BOOK = f"ita_{YEAR}_city.xlsx"
TARGET = 90


class CityFollowsTarget(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        wrap = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
        proc = subprocess.run(
            wrap + [ref.ITABENCH, "inputs/", "-o", cls.tmp, "--no-office-books",
                    "-q"], capture_output=True, text=True, cwd=ref.REPO)
        assert proc.returncode == 0, proc.stderr
        wb = openpyxl.load_workbook(os.path.join(cls.tmp, BOOK))
        sheet, cell = list(wb.defined_names["Target"].destinations)[0]
        wb[sheet][cell.replace("$", "")].value = TARGET
        edited = os.path.join(cls.tmp, "edited", BOOK)
        os.makedirs(os.path.dirname(edited))
        wb.save(edited)
        path = recalculate(edited, os.path.join(cls.tmp, "lo"),
                           os.path.join(cls.tmp, "profile"))
        cls.errors = error_cells(path)
        cls.wb = openpyxl.load_workbook(path, data_only=True)
        # independently, from the inputs
        model = ref.Model()
        _, lookup = ref.districts()
        items = ref.load_item_scores(os.path.join(ref.REPO, "inputs"), model,
                                     lookup)[YEAR]
        cls.model = model
        cls.by_code, _ = ref.districts()
        cls.items = items
        cls.scores = {c: model.score(s) for c, s in items.items()}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def below(self, node):
        """Offices whose rounded score on node is below TARGET."""
        values = [s[node] for s in self.scores.values()] \
            if node not in self.model.items else \
            [s[node] for s in self.items.values()]
        return sum(1 for v in values if ref.round2(v) < TARGET)

    def texts(self, ws):
        return [c.value for row in ws.iter_rows() for c in row
                if isinstance(c.value, str)]

    def test_no_error_value(self):
        self.assertEqual(self.errors, [])

    def test_summary_sentence_gives_the_new_pass_count(self):
        n = len(self.scores)
        passing = sum(1 for s in self.scores.values()
                      if ref.round2(s["ITA"]) >= TARGET)
        texts = self.texts(self.wb.worksheets[0])
        sentence = next(t for t in texts if "ได้ ITA ตั้งแต่เป้าหมาย" in t)
        self.assertTrue(sentence.startswith(f"{passing} จาก {n} แห่ง ("),
                        sentence)
        self.assertIn("เป้าหมาย 90.00 คะแนนขึ้นไป", sentence)
        self.assertIn(f"อีก {n - passing} แห่งต่ำกว่าเป้าหมาย", sentence)

    def test_indicator_counts_agree_between_sheets(self):
        summary = self.wb.worksheets[0]
        rows = list(summary.iter_rows(values_only=True))
        start = next(i for i, r in enumerate(rows)
                     if r[0] == "ตัวชี้วัด" and r[2] == "เขตที่ต่ำกว่าเป้าหมาย")
        weak = {}
        for r in rows[start + 1:]:
            if not r[0] or not str(r[0]).startswith("IND"):
                break
            weak[r[0].split(" ")[0]] = r[2]
        self.assertEqual(len(weak), 3)
        dist = self.wb["การกระจาย"] if "การกระจาย" in self.wb.sheetnames \
            else self.wb.worksheets[3]
        head = next(r for r in dist.iter_rows(values_only=True)
                    if "ต่ำกว่าเป้าหมาย (เขต)" in r)
        col = head.index("ต่ำกว่าเป้าหมาย (เขต)")
        counts = {}
        for r in dist.iter_rows(values_only=True):   # the first table
            if r[0] in self.model.indicators and r[0] not in counts:
                counts[r[0]] = r[col]
        for ind in self.model.indicators:
            self.assertEqual(counts[ind], self.below(ind), ind)
        for ind, n in weak.items():
            self.assertEqual(n, self.below(ind), ind)
        first = next(iter(weak))
        sentence = next(t for t in self.texts(summary)
                        if t.startswith("ตัวชี้วัดที่ค่าเฉลี่ยของเมืองต่ำที่สุด"))
        self.assertIn(f"มี {self.below(first)} เขตต่ำกว่าเป้าหมาย", sentence)

    def test_questions_counts_follow(self):
        ws = self.wb["ข้อคำถาม"]
        head = next(r for r in ws.iter_rows(values_only=True)
                    if r[1] == "ข้อ")
        item_col, below_col = 1, head.index("เขตที่ต่ำกว่าเป้าหมาย")
        share_col = head.index("สัดส่วน")
        seen = 0
        for r in ws.iter_rows(values_only=True):
            if r[item_col] in self.model.items:
                n = self.below(r[item_col])
                self.assertEqual(r[below_col], n, r[item_col])
                self.assertAlmostEqual(r[share_col], n / len(self.items),
                                       places=9)
                seen += 1
        self.assertEqual(seen, len(self.model.items))

    def test_zones_pass_counts_follow(self):
        ws = self.wb["กลุ่มเขต"]
        rows = list(ws.iter_rows(values_only=True))
        head = next(i for i, r in enumerate(rows) if r[0] == "กลุ่มเขต")
        col = rows[head].index("ผ่านเป้าหมาย (เขต)")
        want = {}
        for code, s in self.scores.items():
            zone = self.by_code[code]["zone_th"]
            want[zone] = want.get(zone, 0) + (ref.round2(s["ITA"]) >= TARGET)
        got = {}
        for r in rows[head + 1:]:
            if r[0] not in want or r[0] in got:
                break
            got[r[0]] = r[col]
        self.assertEqual(got, want)
        self.assertGreater(sum(want.values()), 0)   # 90 passes someone

    def test_bar_split_follows_target(self):
        ranking = self.wb.worksheets[1]
        cells = ranking[ranking.tables["Ranking"].ref]
        col = {c.value: i for i, c in enumerate(cells[0])}
        itas = [r[col["ITA"]].value for r in cells[1:]]
        summary = self.wb.worksheets[0]
        split = [(summary.cell(5 + i, 11).value, summary.cell(5 + i, 12).value)
                 for i in range(len(itas))]
        for ita, (up_to, above) in zip(itas, split):
            v = ref.round2(ita)
            self.assertAlmostEqual(up_to, min(v, TARGET), places=6)
            self.assertAlmostEqual(above, max(0, v - TARGET), places=6)


if __name__ == "__main__":
    unittest.main()
