"""The city workbook's columns that point at other columns (issue 23: the
sheets written through the column kit find their columns by what they
show, never column A for a missing one), read back with openpyxl and
checked against values recomputed here from the input CSVs by the
reference scorer (ita_reference.py):

- Indicators: every office's headline scores and the city statistics
  under the table, in the measure's own column;
- Gaps: each row's ITA lost in all sums exactly the "ITA lost to"
  columns; the city total row sums each column over every office;
- OIT: each office's count of missing items counts exactly its item
  columns;
- Ranking: the chance of reaching the target is a formula on the row's
  own ITA and SE cells; the 95 % interval columns hold the ITA."""
import statistics
import tempfile
import shutil
import unittest

import openpyxl
from openpyxl.utils import get_column_letter

import ita_reference as ref
from test_city_book import (BOOK, INPUTS, TARGET, YEAR, run_itabench,
                            table_cells)


class CityColumns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.proc = run_itabench(cls.tmp)
        path = f"{cls.tmp}/{BOOK}"
        cls.wb = openpyxl.load_workbook(path)                  # formulas
        cls.wv = openpyxl.load_workbook(path, data_only=True)  # cached
        cls.model = m = ref.Model()
        _, lookup = ref.districts()
        cls.items = ref.load_item_scores(INPUTS, m, lookup)[YEAR]
        cls.scores = {code: m.score(it) for code, it in cls.items.items()}
        cls.codes = sorted(cls.scores)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def setUp(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)

    def r2(self, code, measure):
        return ref.round2(self.scores[code][measure])

    def test_indicators_scores_and_city_statistics(self):
        m = self.model
        ws = self.wb["ตัวชี้วัด"]
        headers, rows = table_cells(ws, "Indicators")
        measures = ["ITA"] + m.tools + m.indicators
        # each measure column headed by its id (then its label)
        col = {h.split(" ")[0]: i for i, h in enumerate(headers)}
        self.assertEqual([h.split(" ")[0] for h in headers[4:]], measures)
        for r in rows:
            code = r[col["รหัส"]].value
            for measure in measures:
                self.assertEqual(r[col[measure]].value,
                                 self.r2(code, measure), (code, measure))
        last = rows[-1][0].row
        label_col = col["สำนักงานเขต"] + 1
        wanted = {"ค่าเฉลี่ยของเมือง": statistics.mean,
                  "มัธยฐาน": statistics.median, "ต่ำสุด": min, "สูงสุด": max}
        for k, (label, stat) in enumerate(wanted.items()):
            row = last + 2 + k
            self.assertEqual(ws.cell(row=row, column=label_col).value, label)
            for measure in measures:
                xs = [float(self.scores[c][measure]) for c in self.codes]
                self.assertAlmostEqual(
                    ws.cell(row=row, column=col[measure] + 1).value, stat(xs),
                    places=9, msg=f"{label} {measure}")

    def gap_values(self, code):
        """Header -> the office's value in every summed Gaps column."""
        m = self.model
        out, lost = {}, 0.0
        for measure in ["ITA"] + m.tools + m.indicators:
            gap = max(0.0, TARGET - self.r2(code, measure))
            out[f"ขาด {measure}"] = gap
            if measure in m.indicators:
                loss = float(m.item_weight(measure)) * gap
                out[f"ITA ที่เสียจาก {measure}"] = loss
                lost += loss
        out["ITA ที่เสียรวมทุกตัวชี้วัด"] = lost
        return out

    def test_gaps_total_spans_the_loss_columns_and_city_totals(self):
        m = self.model
        ws, wv = self.wb["ส่วนที่ขาด"], self.wv["ส่วนที่ขาด"]
        headers, rows = table_cells(ws, "Gaps")
        col = {h: i for i, h in enumerate(headers)}
        letter = {h: get_column_letter(i + 1) for h, i in col.items()}
        first = letter[f"ITA ที่เสียจาก {m.indicators[0]}"]
        last_loss = letter[f"ITA ที่เสียจาก {m.indicators[-1]}"]
        self.assertEqual(col[f"ITA ที่เสียจาก {m.indicators[-1]}"] + 1,
                         col["ITA ที่เสียรวมทุกตัวชี้วัด"])
        totals = {}
        for r in rows:
            row = r[0].row
            self.assertEqual(r[col["ITA ที่เสียรวมทุกตัวชี้วัด"]].value,
                             f"=SUM({first}{row}:{last_loss}{row})")
            for header, v in self.gap_values(r[col["รหัส"]].value).items():
                totals[header] = totals.get(header, 0.0) + v
        top, last = rows[0][0].row, rows[-1][0].row
        self.assertEqual(ws.cell(row=last + 1,
                                 column=col["สำนักงานเขต"] + 1).value,
                         "รวมทั้งเมือง")
        for header, want in totals.items():
            c = col[header] + 1
            self.assertEqual(
                ws.cell(row=last + 1, column=c).value,
                f"=SUM({letter[header]}{top}:{letter[header]}{last})")
            self.assertAlmostEqual(wv.cell(row=last + 1, column=c).value,
                                   want, places=9, msg=header)

    def test_oit_office_counts_span_the_item_columns(self):
        m = self.model
        published = [i for i in m.items
                     if m.nodes[i]["answer_type"] == "published"]
        ws, wv = self.wb["OIT"], self.wv["OIT"]
        headers, rows = table_cells(ws, "OpenData")
        _, vrows = table_cells(wv, "OpenData")
        col = {h: i for i, h in enumerate(headers)}
        first = get_column_letter(col[published[0]] + 1)
        last = get_column_letter(col[published[-1]] + 1)
        self.assertEqual(col[published[-1]] + 1, col["ข้อที่ยังไม่เปิดเผย"])
        for r, v in zip(rows, vrows):
            code, row = r[col["รหัส"]].value, r[0].row
            self.assertEqual(r[col["ข้อที่ยังไม่เปิดเผย"]].value,
                             f'=COUNTIF({first}{row}:{last}{row},"<100")')
            missing = sum(1 for i in published
                          if ref.round2(self.items[code][i]) < 100)
            self.assertEqual(v[col["ข้อที่ยังไม่เปิดเผย"]].value, missing, code)

    def test_ranking_chance_is_on_the_rows_ita_and_se(self):
        headers, rows = table_cells(self.wb["อันดับ"], "Ranking")
        _, vrows = table_cells(self.wv["อันดับ"], "Ranking")
        col = {h: i for i, h in enumerate(headers)}
        ita = get_column_letter(col["ITA"] + 1)
        se = get_column_letter(col["ความคลาดเคลื่อนมาตรฐาน (SE)"] + 1)
        for r, v in zip(rows, vrows):
            row = r[0].row
            a, s = f"{ita}{row}", f"{se}{row}"
            self.assertEqual(
                r[col["โอกาสถึงเป้าหมาย"]].value,
                f"=IF({s}>0,_xlfn.NORM.DIST({a},ROUNDUP(Target,2)-0.005,"
                f"{s},TRUE),IF({a}>=ROUNDUP(Target,2),1,0))")
            low = v[col["ช่วง 95% ต่ำสุด"]].value
            high = v[col["ช่วง 95% สูงสุด"]].value
            self.assertLessEqual(low, v[col["ITA"]].value)
            self.assertLessEqual(v[col["ITA"]].value, high)
            self.assertLessEqual(v[col["อันดับอาจดีได้ถึง"]].value,
                                 v[col["อันดับ"]].value)
            self.assertLessEqual(v[col["อันดับ"]].value,
                                 v[col["อันดับอาจต่ำได้ถึง"]].value)


if __name__ == "__main__":
    unittest.main()
