"""Offices scored from published figures only (issue 20), checked against
values computed here from the inputs and the model (ita_reference.py,
exact rational arithmetic), never against the program's earlier output.

- The sample with 10 offices' 2564 item scores (and answer counts) taken
  out, so that only their published figures are left: those 10 are ranked
  with their published ITA; every other office's ITA, rank among the 50
  and zone rank are what the reference scorer computes for the mixed set;
  the results mark each office's source (scored_from, the last column);
  the 10 offices' workbooks carry an indicator-level plan: one row per
  indicator whose published score is below 85, in model order, gaining
  the indicator's ITA weight x the points it lacks.
- A city of published figures only (50 offices, three years, written here
  from a seeded generator, each ITA the rounded recomputation of its
  indicators): per year, every ITA, rank, zone rank, grade and pass
  equal a plain-Python computation, and the city workbook's Trend sheet
  and an office's Profile show the whole three-year series with each
  year's change.
"""
import csv
import fractions
import os
import random
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl

import ita_reference as ref

F = fractions.Fraction
YEAR = "2564"
INPUTS = os.path.join(ref.REPO, "inputs")
TARGET = 85


def run(*args, out):
    wrap = os.environ.get("ITABENCH_WRAP", "").split()
    return subprocess.run([*wrap, ref.ITABENCH, *args, "-o", out],
                          capture_output=True, text=True, cwd=ref.REPO)


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def zone_ranks(values, by_code):
    zones = {}
    for code, v in values.items():
        zones.setdefault(by_code[code]["zone_th"], {})[code] = v
    out = {}
    for members in zones.values():
        out.update(ref.competition_ranks(members))
    return out


def slug(name_en):
    return re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-")


class MixedSample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.inputs = os.path.join(cls.tmp, "inputs")
        shutil.copytree(INPUTS, cls.inputs,
                        ignore=shutil.ignore_patterns("reference", "*.md"))
        cls.model = ref.Model()
        cls.by_code, cls.lookup = ref.districts()
        published = [p for p in ref.load_published(cls.inputs, cls.lookup)
                     if str(p[2]) == YEAR]
        cls.published = {}
        for _, _, _, code, measure, value in published:
            cls.published.setdefault(code, {})[measure] = value
        # the first 10 offices with every indicator and the ITA published
        full = [c for c in sorted(cls.published)
                if all(i in cls.published[c]
                       for i in cls.model.indicators + ["ITA"])]
        cls.chosen = full[:10]
        # their item-level data go: scores, answer counts and the
        # respondents' answers (from which items would be computed)
        for name in ("synthetic_scores_2564_long.csv", "synthetic_counts.csv",
                     "synthetic_answers_long.csv",
                     "synthetic_answers_wide.csv"):
            path = os.path.join(cls.inputs, name)
            with open(path, encoding="utf-8-sig", newline="") as f:
                kept = [r for r in csv.reader(f)
                        if not (r[0] == YEAR and r[1] in cls.chosen)]
            if len(kept) == 1:  # a header alone is a bad input file
                os.remove(path)
                continue
            with open(path, "w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows(kept)
        cls.out = os.path.join(cls.tmp, "out")
        cls.proc = run(cls.inputs, "--office", ",".join(cls.chosen[:3]),
                       "--as-of", "2565-01-01", out=cls.out)
        items = ref.load_item_scores(cls.inputs, cls.model, cls.lookup)[int(YEAR)]
        cls.ita = {}
        for code in cls.by_code:
            if code in cls.chosen:
                cls.ita[code] = cls.published[code]["ITA"]
            elif code in items:
                cls.ita[code] = cls.model.score(items[code])["ITA"]
        cls.results = {r["office_code"]: r for r in
                       rows(os.path.join(cls.out, "results_2564.csv"))}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_runs_and_says_it_once(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.proc.stderr.count("from published figures only"),
                         1)
        dq = rows(os.path.join(self.out, "data_quality_2564.csv"))
        notes = [r for r in dq if r["check"] == "published_only"]
        self.assertEqual(len(notes), 1)
        self.assertEqual(notes[0]["severity"], "note")
        self.assertTrue(notes[0]["message"].startswith(
            "10 of the 50 offices scored in 2564 have published figures only"))
        self.assertFalse([r for r in dq if r["severity"] == "error"])

    def test_ita_rank_and_zone_rank(self):
        rounded = {c: ref.round2(v) for c, v in self.ita.items()}
        self.assertEqual(set(self.results), set(rounded))
        ranks = ref.competition_ranks(rounded)
        zranks = zone_ranks(rounded, self.by_code)
        for code, r in self.results.items():
            with self.subTest(code=code):
                self.assertEqual(float(r["ita"]), rounded[code])
                self.assertEqual(int(r["rank"]), ranks[code])
                self.assertEqual(int(r["zone_rank"]), zranks[code])
                published = code in self.chosen
                self.assertEqual(r["scored_from"],
                                 "published: indicators" if published
                                 else "items")
                self.assertEqual(r["items_below_target"] == "", published)
                if published:
                    for ind in self.model.indicators:
                        self.assertEqual(
                            float(r[ind.lower()]),
                            ref.round2(self.published[code][ind]))
                    self.assertEqual(r["ita_se"], "")

    def test_indicator_plans(self):
        for code in self.chosen[:3]:
            with self.subTest(code=code):
                name = "ita_%s_%s_%s.xlsx" % (
                    YEAR, code, slug(self.by_code[code]["name_en"]))
                wb = openpyxl.load_workbook(
                    os.path.join(self.out, "offices", name))
                ws = wb["แผนปฏิบัติการ"]
                cached = openpyxl.load_workbook(
                    os.path.join(self.out, "offices", name),
                    data_only=True)["แผนปฏิบัติการ"]
                head = None
                found = []
                for row, values in zip(ws.iter_rows(values_only=True),
                                       cached.iter_rows(values_only=True)):
                    if row[0] == "ข้อ":
                        # printed headers: broken into lines
                        head = {v.replace("\n", ""): c
                                for c, v in enumerate(row) if v}
                        continue
                    if head and isinstance(row[0], str) and \
                            row[0] in self.model.indicators and \
                            row[head["คะแนน"]] is not None:
                        found.append((row[0], row[head["คะแนน"]],
                                      row[head["ข้อคำถามและผลการวิเคราะห์จุดอ่อน"]],
                                      values[head["คะแนน ITA ที่เพิ่มได้"]]))
                pub = self.published[code]
                below = [i for i in self.model.indicators
                         if ref.round2(pub[i]) < TARGET]
                self.assertEqual([f[0] for f in found], below)
                counted = [next(v for v in row[1:] if v is not None)
                           for row in ws.iter_rows(values_only=True)
                           if row[0] == "ตัวชี้วัดที่ต่ำกว่าค่าเป้าหมาย "
                                        "(คะแนนที่ประกาศ)"]
                self.assertEqual(counted, [len(below)])
                for ind, score, analysis, cached_gain in found:
                    self.assertEqual(score, ref.round2(pub[ind]))
                    # the numbers in words (issue 19), the gain in its
                    # column: the indicator's ITA weight times what it lacks
                    self.assertIn("%.2f ต่ำกว่าเป้าหมาย %.2f คะแนน"
                                  % (pub[ind], TARGET - pub[ind]), analysis)
                    gain = self.model.item_weight(ind) * (TARGET - pub[ind])
                    self.assertAlmostEqual(cached_gain, float(gain), places=9)


def city_figures(seed=20):
    """{year: {code: {measure: text}}}: every indicator a 2-decimal draw,
    tools and ITA their rounded recomputation (a consistent publication)."""
    model = ref.Model()
    by_code, _ = ref.districts()
    rnd = random.Random(seed)
    out = {}
    for year in ("2563", "2564", "2565"):
        for code in sorted(by_code):
            level = rnd.uniform(70, 95)
            values = {i: F("%.2f" % min(100, max(0, rnd.gauss(level, 6))))
                      for i in model.indicators}
            scored = model.score(values)  # tools and ITA from indicators
            figures = {i: "%.2f" % float(values[i]) for i in model.indicators}
            for t in model.tools:
                figures[t] = "%.2f" % ref.round2(scored[t])
            figures["ITA"] = "%.2f" % ref.round2(scored["ITA"])
            out.setdefault(year, {})[code] = figures
    return out


class PublishedCity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.figures = city_figures()
        cls.path = os.path.join(cls.tmp, "published_city.csv")
        with open(cls.path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["year", "office_code", "measure", "value"])
            for year, offices in cls.figures.items():
                for code, figures in offices.items():
                    for measure, value in figures.items():
                        w.writerow([year, code, measure, value])
        cls.by_code, _ = ref.districts()
        cls.model = ref.Model()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_every_year_ranks_and_distribution(self):
        for year in ("2563", "2564", "2565"):
            with self.subTest(year=year):
                out = os.path.join(self.tmp, "o" + year)
                proc = run(self.path, "-y", year, "--no-office-books",
                           out=out)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertNotIn("differs from", proc.stderr)
                results = {r["office_code"]: r for r in rows(
                    os.path.join(out, "results_%s.csv" % year))}
                ita = {c: float(f["ITA"])
                       for c, f in self.figures[year].items()}
                self.assertEqual({c: float(r["ita"])
                                  for c, r in results.items()}, ita)
                ranks = ref.competition_ranks(ita)
                zranks = zone_ranks(ita, self.by_code)
                for c, r in results.items():
                    self.assertEqual(int(r["rank"]), ranks[c])
                    self.assertEqual(int(r["zone_rank"]), zranks[c])
                    self.assertEqual(r["scored_from"], "published: indicators")
                    self.assertEqual(r["pass"], "1" if ita[c] >= TARGET
                                     else "0")
                    self.assertEqual(r["grade"],
                                     self.model.grade(F(r["ita"])))
                passing = sum(v >= TARGET for v in ita.values())
                self.assertEqual(sum(r["pass"] == "1"
                                     for r in results.values()), passing)


    def test_trend_and_profile_series(self):
        out = os.path.join(self.tmp, "series")
        proc = run(self.path, "--office", "1001", out=out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        wb = openpyxl.load_workbook(os.path.join(out, "ita_2565_city.xlsx"),
                                    data_only=True)
        ws = wb["แนวโน้ม"]
        head, rows = None, {}
        for row in ws.iter_rows(values_only=True):
            if row and row[0] == "รหัส":
                head = {v: i for i, v in enumerate(row) if v}
            elif head and row and row[0] in self.by_code:
                rows[row[0]] = row
        self.assertEqual(set(rows), set(self.by_code))
        years = ("2563", "2564", "2565")
        for code, row in rows.items():
            for y in years:
                self.assertEqual(row[head["ITA ปี " + y]],
                                 float(self.figures[y][code]["ITA"]))
            for a, b in zip(years, years[1:]):
                change = F(self.figures[b][code]["ITA"]) - \
                    F(self.figures[a][code]["ITA"])
                self.assertAlmostEqual(row[head[f"เปลี่ยนแปลง {a}-{b}"]],
                                       float(change), places=9)
        ws = openpyxl.load_workbook(os.path.join(
            out, "offices", "ita_2565_1001_phra-nakhon.xlsx"))["ภาพรวม"]
        series = []
        inside = False
        for row in ws.iter_rows(values_only=True):
            if row[0] == "ปีงบประมาณ":
                inside = True
            elif inside and row[0] in years:
                series.append((row[0], row[1], row[3]))
        expected = []
        for i, y in enumerate(years):
            ita = float(self.figures[y]["1001"]["ITA"])
            change = None if i == 0 else ref.round2(
                F(self.figures[y]["1001"]["ITA"]) -
                F(self.figures[years[i - 1]]["1001"]["ITA"]))
            expected.append((y, ita, change))
        self.assertEqual(series, expected)
        # and a line of them: a line chart over the series' ITA cells
        book = os.path.join(out, "offices", "ita_2565_1001_phra-nakhon.xlsx")
        with zipfile.ZipFile(book) as z:
            lines = [z.read(n).decode() for n in z.namelist()
                     if n.startswith("xl/charts/") and
                     "<c:lineChart>" in z.read(n).decode()]
        self.assertEqual(len(lines), 1)
        refs = re.findall(r"<c:f>'ภาพรวม'!\$B\$(\d+):\$B\$(\d+)</c:f>",
                          lines[0])
        self.assertEqual(len(refs), 1)
        self.assertEqual(int(refs[0][1]) - int(refs[0][0]) + 1, len(years))


if __name__ == "__main__":
    unittest.main()
