"""ita_<year>_city.xlsx on the synthetic sample, read back with openpyxl and
checked against values recomputed here from the input CSVs (the reference
scorer ita_reference.py and the statistics below, written from their
textbook definitions, not from GSL): ranking, every kind of statistic on the
Distribution sheet, gap formulas on the Target cell with their cached
values, item counts below the target, sheet names in Thai and English,
same bytes for the same input."""
import csv
import hashlib
import math
import os
import re
import shlex
import shutil
import statistics
import subprocess
import tempfile
import unittest

import openpyxl
from openpyxl.utils import get_column_letter

import ita_reference as ref

INPUTS = os.path.join(ref.REPO, "inputs")
YEAR, PREVIOUS = 2564, 2563
TARGET = 85.0
BOOK = f"ita_{YEAR}_city.xlsx"

SHEETS_TH = ["สรุป", "อันดับ", "ช่วง ITA", "ตัวชี้วัด", "การกระจาย",
             "ระดับและสหสัมพันธ์", "ส่วนที่ขาด",
             "ข้อคำถาม", "OIT", "กลุ่มเขต", "แนวโน้มของเมือง", "แนวโน้ม",
             "ผู้เปลี่ยนแปลงมากที่สุด", "ข้อที่เปลี่ยนมากที่สุด", "คุณภาพข้อมูล",
             "วิธีการ", "โมเดลการให้คะแนน", "คะแนนรายข้อ"]
SHEETS_EN = ["Summary", "Ranking", "ITA intervals", "Indicators", "Distribution",
             "Grades and correlations", "Gaps",
             "Questions", "OIT", "Zones", "City trend", "Trend", "Movers",
             "Item changes",
             "Data quality", "Method", "Scoring model",
             "Item scores"]


def run_itabench(out, *args):
    wrap = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
    return subprocess.run(wrap + [ref.ITABENCH, "inputs/", "-o", out,
                                  "--no-office-books", *args],
                          capture_output=True, text=True, cwd=ref.REPO)


# --- statistics from their definitions ---------------------------------

def quantile_sorted(xs, p):
    """The quantile GSL's gsl_stats_quantile_from_sorted_data defines (and
    Excel's QUARTILE.INC): linear interpolation at index (n - 1) p."""
    idx = (len(xs) - 1) * p
    lo = math.floor(idx)
    delta = idx - lo
    if lo + 1 >= len(xs):
        return xs[lo]
    return (1 - delta) * xs[lo] + delta * xs[lo + 1]


def moments(xs):
    """Mean, sample sd, skewness (1/n) sum z^3 and excess kurtosis
    (1/n) sum z^4 - 3, with z standardised by the sample sd (the
    definitions of the GSL manual)."""
    n = len(xs)
    mean = sum(xs) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1))
    skew = sum(((x - mean) / sd) ** 3 for x in xs) / n
    kurt = sum(((x - mean) / sd) ** 4 for x in xs) / n - 3
    return mean, sd, skew, kurt


def pearson(xs, ys):
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def ranks(xs):
    """Ranks 1..n, ties get the mean of their ranks."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    r = [0.0] * len(xs)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and xs[order[j + 1]] == xs[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r


def spearman(xs, ys):
    return pearson(ranks(xs), ranks(ys))


def t_two_sided_p(t, df):
    """P(|T| >= |t|) for Student's t with integer df, from the closed forms
    of Abramowitz & Stegun 26.7.3 and 26.7.4 (no library)."""
    theta = math.atan(abs(t) / math.sqrt(df))
    c, s = math.cos(theta), math.sin(theta)
    if df % 2 == 1:
        total, term = 0.0, c
        if df > 1:
            total = c
            for k in range(1, (df - 3) // 2 + 1):
                term *= (2 * k) / (2 * k + 1) * c * c
                total += term
        a = 2 / math.pi * (theta + s * total) if df > 1 else 2 / math.pi * theta
    else:
        total, term = 1.0, 1.0
        for k in range(1, (df - 2) // 2 + 1):
            term *= (2 * k - 1) / (2 * k) * c * c
            total += term
        a = s * total
    return 1 - a


# --- reading the workbook ----------------------------------------------


def table_cells(ws, name):
    """(headers, rows of cell objects) of an Excel table, or of the
    autofilter of a sheet written row by row in constant memory (no
    table: Indicators, Gaps, OIT)."""
    cells = ws[ws.tables[name].ref if name in ws.tables else ws.auto_filter.ref]
    return [c.value for c in cells[0]], [list(r) for r in cells[1:]]


class CityBook(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.proc = run_itabench(cls.tmp)
        cls.path = os.path.join(cls.tmp, BOOK)
        cls.wb = openpyxl.load_workbook(cls.path)                # formulas
        cls.wv = openpyxl.load_workbook(cls.path, data_only=True)  # cached
        cls.model = m = ref.Model()
        cls.by_code, cls.lookup = ref.districts()
        items = ref.load_item_scores(INPUTS, m, cls.lookup)
        cls.items = items[YEAR]
        cls.scores = {code: m.score(it) for code, it in items[YEAR].items()}
        cls.previous = {code: m.score(it) for code, it in items[PREVIOUS].items()}
        cls.codes = sorted(cls.scores)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def values(self, measure):
        return [float(self.scores[c][measure]) for c in self.codes]

    def r2(self, code, measure):
        return ref.round2(self.scores[code][measure])

    def test_exit_status_and_sheet_order(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.wb.sheetnames, SHEETS_TH)

    def test_target_is_a_named_cell(self):
        dn = self.wb.defined_names["Target"]
        (sheet, ref_cell), = list(dn.destinations)
        self.assertEqual(sheet, SHEETS_TH[0])
        self.assertEqual(self.wv[sheet][ref_cell.replace("$", "")].value, TARGET)

    def test_ranking(self):
        m = self.model
        ws, wv = self.wb["อันดับ"], self.wv["อันดับ"]
        headers, rows = table_cells(ws, "Ranking")
        _, vrows = table_cells(wv, "Ranking")
        col = {h: i for i, h in enumerate(headers)}
        itas = {c: self.r2(c, "ITA") for c in self.codes}
        expected_order = sorted(self.codes, key=lambda c: (-itas[c], c))
        self.assertEqual([r[col["รหัส"]].value for r in rows], expected_order)
        ranks_ = ref.competition_ranks(itas)
        ita_col = get_column_letter(col["ITA"] + 1)
        prev_col = get_column_letter(col["ITA ปี 2563"] + 1)
        for r, v in zip(rows, vrows):
            code = r[col["รหัส"]].value
            row = r[0].row
            ita = itas[code]
            self.assertEqual(r[col["อันดับ"]].value, ranks_[code])
            self.assertEqual(r[col["ITA"]].value, ita)
            self.assertEqual(r[col["ระดับ"]].value, m.grade(ita))
            self.assertEqual(r[col["สำนักงานเขต"]].value,
                             self.by_code[code]["name_th"])
            # one language: no English name column in a Thai workbook
            self.assertNotIn("ชื่อภาษาอังกฤษ", col)
            for tool in m.tools:
                self.assertEqual(r[col[tool]].value, self.r2(code, tool))
            # pass and gap: formulas on Target and this row's ITA, with the
            # right cached values
            self.assertEqual(r[col["ผ่านเป้าหมาย"]].value,
                             f"=IF({ita_col}{row}>=Target,1,0)")
            self.assertEqual(v[col["ผ่านเป้าหมาย"]].value,
                             1 if ita >= TARGET else 0)
            self.assertEqual(r[col["ขาดจากเป้าหมาย"]].value,
                             f"=MAX(0,Target-{ita_col}{row})")
            self.assertAlmostEqual(v[col["ขาดจากเป้าหมาย"]].value,
                                   max(0.0, TARGET - ita), places=9)
            prev = ref.round2(self.previous[code]["ITA"])
            self.assertEqual(r[col["ITA ปี 2563"]].value, prev)
            self.assertEqual(r[col["เปลี่ยนแปลงจากปี 2563"]].value,
                             f"={ita_col}{row}-{prev_col}{row}")
            self.assertAlmostEqual(v[col["เปลี่ยนแปลงจากปี 2563"]].value,
                                   ita - prev, places=9)
        zones = {}
        for c in self.codes:
            zones.setdefault(self.by_code[c]["zone_th"], {})[c] = itas[c]
        for r in rows:
            code = r[col["รหัส"]].value
            zone = self.by_code[code]["zone_th"]
            self.assertEqual(r[col["กลุ่มเขต"]].value, zone)
            self.assertEqual(r[col["อันดับในกลุ่มเขต"]].value,
                             ref.competition_ranks(zones[zone])[code])

    def test_distribution_statistics(self):
        m = self.model
        ws, wv = self.wb["การกระจาย"], self.wv["การกระจาย"]
        headers, rows = table_cells(ws, "Distribution")
        _, vrows = table_cells(wv, "Distribution")
        col = {h: i for i, h in enumerate(headers)}
        by_id = {r[0].value: (r, v) for r, v in zip(rows, vrows)}
        measures = ["ITA"] + m.tools + m.indicators
        self.assertEqual([r[0].value for r in rows], measures)
        shape_headers, shape_rows = table_cells(self.wb["วิธีการ"], "Shape")
        shape_col = {h: i for i, h in enumerate(shape_headers)}
        shapes = {r[0].value: r for r in shape_rows}
        self.assertEqual(list(shapes), measures)
        for measure in measures:
            r, v = by_id[measure]
            xs = self.values(measure)
            s = sorted(xs)
            mean, sd, skew, kurt = moments(xs)
            q1, q3 = quantile_sorted(s, 0.25), quantile_sorted(s, 0.75)
            below = sum(1 for x in xs if ref.round2(x) < TARGET)
            expected = {
                "จำนวนเขต": len(xs), "ค่าเฉลี่ย": mean,
                "ส่วนเบี่ยงเบนมาตรฐาน": sd, "ต่ำสุด": s[0], "ควอไทล์ 1": q1,
                "มัธยฐาน": statistics.median(xs), "ควอไทล์ 3": q3,
                "สูงสุด": s[-1], "พิสัยควอไทล์": q3 - q1,
                "สัมประสิทธิ์การแปรผัน": sd / mean,
            }
            for header, want in expected.items():
                self.assertAlmostEqual(r[col[header]].value, want, places=9,
                                       msg=f"{measure} {header}")
            # the shape, for statisticians, on the Method sheet: the
            # fences cut to the 0-100 scale of the scores
            shape = shapes[measure]
            for header, want in {
                    "ความเบ้": skew, "ความโด่งส่วนเกิน": kurt,
                    "รั้วล่าง (Q1-1.5 IQR)": max(0, q1 - 1.5 * (q3 - q1)),
                    "รั้วบน (Q3+1.5 IQR)": min(100, q3 + 1.5 * (q3 - q1))
            }.items():
                self.assertAlmostEqual(shape[shape_col[header]].value, want,
                                       places=9, msg=f"{measure} {header}")
            self.assertNotIn("ความเบ้", col)
            # below target: a formula on Target counting rounded scores
            # (as every count below target does), cached right
            self.assertIn("ROUND(", r[col["ต่ำกว่าเป้าหมาย (เขต)"]].value)
            self.assertIn("<Target", r[col["ต่ำกว่าเป้าหมาย (เขต)"]].value)
            self.assertEqual(v[col["ต่ำกว่าเป้าหมาย (เขต)"]].value, below)
            self.assertAlmostEqual(v[col["สัดส่วนต่ำกว่าเป้าหมาย"]].value,
                                   below / len(xs), places=12)
            # Tukey outliers, named
            lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
            outliers = [c for c in self.codes
                        if float(self.scores[c][measure]) < lo or
                        float(self.scores[c][measure]) > hi]
            text = r[col["ค่าผิดปกติ (Tukey)"]].value or ""
            self.assertEqual(text.count("("), len(outliers), measure)
            for c in outliers:
                self.assertIn(self.by_code[c]["name_th"], text)
        # there is something to find in the sample
        self.assertTrue(by_id["ITA"][0][col["ค่าผิดปกติ (Tukey)"]].value)

    def test_grade_histogram(self):
        m = self.model
        _, rows = table_cells(self.wv["ระดับและสหสัมพันธ์"], "Grades")
        counts = {}
        for c in self.codes:
            g = m.grade(self.r2(c, "ITA"))
            counts[g] = counts.get(g, 0) + 1
        self.assertEqual([r[0].value for r in rows], [g for _, g in m.grades])
        for r in rows:
            self.assertEqual(r[2].value, counts.get(r[0].value, 0), r[0].value)

    def correlation_block(self, ws, label):
        for row in ws.iter_rows():
            if row[0].value == label:
                ids = [c.value for c in row[1:] if c.value]
                out = {}
                for k, a in enumerate(ids):
                    cells = ws[row[0].row + 1 + k]
                    self.assertEqual(cells[0].value, a)
                    for j, b in enumerate(ids):
                        out[(a, b)] = cells[1 + j].value
                return ids, out
        self.fail(f"no {label} block")

    def test_correlations(self):
        m = self.model
        ws = self.wb["ระดับและสหสัมพันธ์"]
        for label, fn in (("เพียร์สัน", pearson),
                          ("สเปียร์แมน", spearman)):
            ids, matrix = self.correlation_block(ws, label)
            self.assertEqual(ids, m.indicators)
            for a in ids:
                for b in ids:
                    self.assertAlmostEqual(
                        matrix[(a, b)], fn(self.values(a), self.values(b)),
                        places=9, msg=f"{label} {a} {b}")

    def test_gap_formulas_and_cached_values(self):
        m = self.model
        ws, wv = self.wb["ส่วนที่ขาด"], self.wv["ส่วนที่ขาด"]
        headers, rows = table_cells(ws, "Gaps")
        _, vrows = table_cells(wv, "Gaps")
        col = {h: i for i, h in enumerate(headers)}
        for r, v in zip(rows, vrows):
            code = r[col["รหัส"]].value
            lost = 0.0
            for measure in ["ITA"] + m.tools + m.indicators:
                value = self.r2(code, measure)
                gap = max(0.0, TARGET - value)
                formula = r[col[f"ขาด {measure}"]].value
                self.assertEqual(formula, f"=MAX(0,Target-{value:.2f})")
                self.assertAlmostEqual(v[col[f"ขาด {measure}"]].value, gap,
                                       places=9, msg=f"{code} {measure}")
                if measure in m.indicators:
                    w = float(m.item_weight(measure))
                    formula = r[col[f"ITA ที่เสียจาก {measure}"]].value
                    self.assertIn("Target", formula)
                    self.assertAlmostEqual(
                        v[col[f"ITA ที่เสียจาก {measure}"]].value, w * gap,
                        places=9, msg=f"{code} {measure}")
                    lost += w * gap
            self.assertAlmostEqual(v[col["ITA ที่เสียรวมทุกตัวชี้วัด"]].value,
                                   lost, places=9)

    def test_question_counts_below_target(self):
        m = self.model
        headers, rows = table_cells(self.wv["ข้อคำถาม"], "Questions")
        col = {h: i for i, h in enumerate(headers)}
        self.assertEqual(len(rows), len(m.items))
        seen = []
        for r in rows:
            item = r[col["ข้อ"]].value
            xs = [float(self.items[c][item]) for c in self.codes]
            below = sum(1 for x in xs if ref.round2(x) < TARGET)
            self.assertEqual(r[col["เขตที่ต่ำกว่าเป้าหมาย"]].value, below, item)
            self.assertAlmostEqual(r[col["ค่าเฉลี่ยของเมือง"]].value,
                                   sum(xs) / len(xs), places=9)
            self.assertAlmostEqual(r[col["ต่ำสุด"]].value, min(xs), places=9)
            self.assertAlmostEqual(r[col["สูงสุด"]].value, max(xs), places=9)
            seen.append((-below, sum(xs) / len(xs)))
        self.assertEqual(sorted(i for i in seen), seen)  # weaknesses first
        self.assertEqual(sorted(r[col["ข้อ"]].value for r in rows),
                         sorted(m.items))

    def test_question_formulas_count_the_item_scores(self):
        """The Questions counts are formulas: the range they count must be
        the item's own column of the (hidden) Item scores sheet, headed by
        the item's code and holding its 2-decimal reference score of every
        office."""
        sheet = "คะแนนรายข้อ"
        scores = self.wb[sheet]
        header_row = int(re.match(r"[A-Z]+([0-9]+):",
                                  scores.auto_filter.ref).group(1))
        code_col = [c.value for c in scores[header_row]].index("รหัส") + 1
        headers, rows = table_cells(self.wb["ข้อคำถาม"], "Questions")
        col = {h: i for i, h in enumerate(headers)}
        self.assertEqual(len(rows), len(self.model.items))
        for r in rows:
            item = r[col["ข้อ"]].value
            formula = r[col["เขตที่ต่ำกว่าเป้าหมาย"]].value
            # every range of the Item scores sheet the row's formulas use
            ranges = {m for c in r if isinstance(c.value, str)
                      and c.value.startswith("=") for m in re.findall(
                          rf"'{sheet}'!\$?([A-Z]+)\$?([0-9]+):"
                          r"\$?([A-Z]+)\$?([0-9]+)", c.value)}
            self.assertEqual(len(ranges), 1, (item, formula))
            letter, top, letter2, bottom = ranges.pop()
            self.assertIn(f"{letter}${top}:", formula, item)
            self.assertEqual(letter, letter2, item)     # one column
            self.assertEqual(scores[f"{letter}{header_row}"].value, item)
            self.assertEqual(int(top), header_row + 1, item)
            got = {}      # rounded as the formulas round
            for n in range(int(top), int(bottom) + 1):
                code = scores.cell(row=n, column=code_col).value
                got[code] = ref.round2(scores[f"{letter}{n}"].value)
            self.assertEqual(
                got, {c: ref.round2(self.items[c][item]) for c in self.codes},
                item)

    def test_oit_items_missing(self):
        m = self.model
        published = [i for i in m.items
                     if m.nodes[i]["answer_type"] == "published"]
        ws, wv = self.wb["OIT"], self.wv["OIT"]
        headers, rows = table_cells(ws, "OpenData")
        self.assertEqual(headers[2:-1], published)
        last = rows[-1][0].row
        for k, item in enumerate(published):
            cell = wv.cell(row=last + 1, column=3 + k)
            missing = sum(1 for c in self.codes if self.items[c][item] < 100)
            self.assertEqual(cell.value, missing, item)
            self.assertIn("COUNTIF", ws.cell(row=last + 1, column=3 + k).value)

    def test_zones_pass_counts(self):
        _, rows = table_cells(self.wv["กลุ่มเขต"], "Zones")
        for r in rows:
            codes = [c for c in self.codes if self.by_code[c]["zone_th"] == r[0].value]
            self.assertEqual(r[1].value, len(codes))
            self.assertEqual(r[6].value, sum(1 for c in codes
                                             if self.r2(c, "ITA") >= TARGET))
            self.assertAlmostEqual(
                r[2].value, statistics.fmean(float(self.scores[c]["ITA"])
                                             for c in codes), places=9)

    def test_paired_t_test(self):
        both = [c for c in self.codes if c in self.previous]
        d = [ref.round2(self.scores[c]["ITA"]) - ref.round2(self.previous[c]["ITA"])
             for c in both]
        n = len(d)
        mean = sum(d) / n
        sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
        t = mean / (sd / math.sqrt(n))
        ws = self.wv["แนวโน้มของเมือง"]
        found = {}
        for row in ws.iter_rows():
            if row[0].value and len(row) > 1 and row[1].value is not None:
                found[row[0].value] = row[1].value
        self.assertEqual(found["เขตที่มีผลทั้งสองปี"], n)
        self.assertAlmostEqual(found["ค่าเฉลี่ยการเปลี่ยนแปลง (คะแนน)"], mean, places=9)
        self.assertAlmostEqual(found["ค่าสถิติ t"], t, places=9)
        self.assertEqual(found["องศาอิสระ"], n - 1)
        self.assertAlmostEqual(found["ค่า p (สองทาง)"], t_two_sided_p(t, n - 1),
                               places=9)

    def test_data_quality_lists_every_finding(self):
        dq = ref.read_csv(os.path.join(self.tmp, f"data_quality_{YEAR}.csv"))
        _, rows = table_cells(self.wv["คุณภาพข้อมูล"], "DataQuality")
        self.assertGreater(len(dq), 0)
        self.assertEqual([(r[2].value, r[3].value) for r in rows],
                         [(d["file"] or None, int(d["line"]) if d["line"] else None)
                          for d in dq])
        # in Thai: the sample's findings are published figures that differ,
        # said with the office's Thai name and the same numbers
        by_code, _ = ref.districts()
        english = re.compile(r"office (\d+) \(.*\) (\d+): published (\S+) "
                             r"(\S+) differs from the (\S+) recomputed from "
                             r"its (.*) by (\S+), more than rounding allows "
                             r"\((\S+): 0.005 for the figure plus 0.005 x the "
                             r"weights of its 2-decimal inputs\)")
        for r, d in zip(rows, dq):
            if d["check"] != "published_mismatch":
                continue  # e.g. the note on 2563's model
            code, year, what, pub, new, _, diff, bound = english.fullmatch(
                d["message"]).groups()
            self.assertEqual(
                r[5].value,
                f"สำนักงานเขต{by_code[code]['name_th']} ปี {year}: ค่า {what} "
                f"ที่ประกาศ {pub} ต่างจากค่าที่คำนวณใหม่ {new} ({diff}) "
                f"เกินกว่าที่การปัดเศษอธิบายได้ ({bound}: 0.005 ของค่าที่ประกาศ "
                f"บวก 0.005 x น้ำหนักของค่าที่ใช้คำนวณซึ่งมีทศนิยม 2 ตำแหน่ง)")
            self.assertEqual(r[4].value, "ค่าที่เผยแพร่ต่างจากค่าที่คำนวณ")

    def test_method_sheet_digests_and_synthetic_note(self):
        ws = self.wv["วิธีการ"]
        _, rows = table_cells(ws, "Files")
        listed = {r[1].value: r[2].value for r in rows}
        for name in sorted(os.listdir(INPUTS)):
            if name.endswith(".csv"):
                rel = os.path.join("inputs", name)
                with open(os.path.join(ref.REPO, rel), "rb") as f:
                    self.assertEqual(listed[rel], hashlib.sha256(f.read()).hexdigest())
        text = " ".join(str(c.value) for row in ws.iter_rows(max_row=3) for c in row
                        if c.value)
        self.assertIn("สังเคราะห์", text)
        # provenance (issue 20): the model file's source row, in Thai
        facts = {row[0].value: row[2].value for row in ws.iter_rows(max_row=20)
                 if row[0].value and len(row) > 2}
        self.assertEqual(facts["แหล่งที่มาของโมเดล"], self.model.source[0])
        # the model on a sheet of its own, its header on every page
        model_ws = self.wv["โมเดลการให้คะแนน"]
        _, model_rows = table_cells(model_ws, "Model")
        self.assertEqual(model_ws.print_title_rows, "$4:$4")
        self.assertEqual(len(model_rows), len(self.model.order))
        for r in model_rows:
            self.assertAlmostEqual(r[5].value,
                                   float(self.model.item_weight(r[1].value)),
                                   places=12, msg=r[1].value)
        # one label, the model's Thai one (label_th of the model CSV)
        with open(ref.MODEL, encoding="utf-8") as f:
            label_th = {r["id"]: r["label_th"] for r in csv.DictReader(f)}
        self.assertEqual(len(model_rows[0]), 7)
        for r in model_rows:
            self.assertEqual(r[6].value, label_th[r[1].value], r[1].value)

    def test_same_input_same_bytes(self):
        out = tempfile.mkdtemp()
        try:
            run_itabench(out)
            with open(os.path.join(out, BOOK), "rb") as a, open(self.path, "rb") as b:
                self.assertEqual(a.read(), b.read())
        finally:
            shutil.rmtree(out)

    def test_english(self):
        out = tempfile.mkdtemp()
        try:
            proc = run_itabench(out, "--lang", "en")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            wb = openpyxl.load_workbook(os.path.join(out, BOOK))
            self.assertEqual(wb.sheetnames, SHEETS_EN)
            headers, rows = table_cells(wb["Ranking"], "Ranking")
            self.assertEqual(headers[:2], ["Rank", "Code"])
            self.assertIn("SYNTHETIC", " ".join(
                str(c.value) for row in wb["Method"].iter_rows(max_row=3)
                for c in row if c.value))
            headers, _ = table_cells(wb["Method"], "Shape")
            self.assertIn("Excess kurtosis", headers)
        finally:
            shutil.rmtree(out)

    def test_no_city_book(self):
        out = tempfile.mkdtemp()
        try:
            proc = run_itabench(out, "--no-city-book")
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertFalse(os.path.exists(os.path.join(out, BOOK)))
        finally:
            shutil.rmtree(out)

    def test_unwritable_output_is_exit_3(self):
        out = tempfile.mkdtemp()
        try:
            # a folder where the workbook should go: the rename must fail
            os.mkdir(os.path.join(out, BOOK))
            proc = run_itabench(out)
            self.assertEqual(proc.returncode, 3, proc.stderr)
            self.assertIn(BOOK, proc.stderr)
            # every output is checked before the first is written
            # (output_check.h): nothing was written, and the run says so
            self.assertIn("nothing was written", proc.stderr)
            self.assertEqual(os.listdir(out), [BOOK])
        finally:
            shutil.rmtree(out)


if __name__ == "__main__":
    unittest.main()
