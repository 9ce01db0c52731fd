"""Incomplete data, kept honest: without --skip-incomplete an office with
missing items is an error whose message names the option; with it the
office is left out of scores, ranks and statistics, named in the
data-quality file and marked "not scored: N items missing" at the end of
the results; a year scoring fewer offices than the registry holds is a
warning naming them; the change since the previous year is over the offices scored
in both."""
import csv
import os
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref

INPUTS = os.path.join(ref.REPO, "inputs")
# office 1005 loses 3 items in 2564; office 1010 is absent from 2564
DROPPED_ITEMS = {("1005", "I1"), ("1005", "E2"), ("1005", "O7")}
ABSENT = "1010"


def run(*args, out):
    return subprocess.run([ref.ITABENCH, *args, "-o", out, "--no-office-books",
                           "--no-city-book"],
                          capture_output=True, text=True, cwd=ref.REPO)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Incomplete(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.inputs = os.path.join(cls.tmp, "inputs")
        shutil.copytree(INPUTS, cls.inputs,
                        ignore=shutil.ignore_patterns("reference", "*.md"))
        long_path = os.path.join(cls.inputs, "synthetic_scores_2564_long.csv")
        with open(long_path, encoding="utf-8-sig", newline="") as f:
            kept = [r for r in csv.reader(f)
                    if (r[1], r[3]) not in DROPPED_ITEMS and r[1] != ABSENT]
        with open(long_path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(kept)
        # absent altogether: its published figures would score it (issue 20)
        published = os.path.join(cls.inputs, "synthetic_published.csv")
        with open(published, encoding="utf-8-sig", newline="") as f:
            kept = [r for r in csv.reader(f)
                    if not (r[0] == "2564" and r[1] == ABSENT)]
        with open(published, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(kept)
        cls.full = os.path.join(cls.tmp, "full")
        assert run("inputs/", out=cls.full).returncode == 0

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_error_names_the_option(self):
        out = os.path.join(self.tmp, "strict")
        proc = run(self.inputs, out=out)
        self.assertEqual(proc.returncode, 1)
        self.assertIn("error: office 1005 (Bang Khen) has no score for 3 of "
                      "88 items in 2564: I1, E2, O7 (--skip-incomplete leaves "
                      "such offices out of the scores instead)", proc.stderr)
        self.assertFalse(os.path.exists(out))

    def test_skip_incomplete(self):
        out = os.path.join(self.tmp, "skip")
        proc = run(self.inputs, "--skip-incomplete", out=out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        results = rows(os.path.join(out, "results_2564.csv"))
        full = {r["office_code"]: r
                for r in rows(os.path.join(self.full, "results_2564.csv"))}
        scored = [r for r in results if r["ita"]]
        self.assertEqual(len(scored), 48)
        # the unscored office is the last row, marked, with blank scores
        last = results[-1]
        self.assertEqual(last["office_code"], "1005")
        self.assertEqual(last["grade"], "not scored: 3 items missing")
        self.assertEqual([last[k] for k in ("ita", "rank", "iit", "pass")],
                         ["", "", "", ""])
        self.assertNotIn(ABSENT, [r["office_code"] for r in results])
        # the others keep their scores; ranks are among the 48 (competition
        # ranking recomputed here from the ITA column)
        itas = sorted((float(r["ita"]) for r in scored), reverse=True)
        for r in scored:
            self.assertEqual(r["ita"], full[r["office_code"]]["ita"])
            self.assertEqual(int(r["rank"]),
                             1 + sum(v > float(r["ita"]) for v in itas))
        quality = rows(os.path.join(out, "data_quality_2564.csv"))
        messages = [(q["severity"], q["check"], q["message"]) for q in quality]
        self.assertIn(("warning", "missing_items",
                       "office 1005 (Bang Khen) has no score for 3 of 88 "
                       "items in 2564: I1, E2, O7; not scored: left out of "
                       "scores, ranks and statistics (--skip-incomplete)"),
                      messages)
        self.assertIn(("warning", "coverage",
                       "2 of the 50 offices of the registry are not scored in "
                       "2564 (no item scores, or items missing with "
                       "--skip-incomplete): 1005 (Bang Khen, items missing), "
                       "1010 (Min Buri); the city figures of 2564 cover the "
                       "other 48 offices only"), messages)
        self.assertIn(("note", "paired_years",
                       "the change since 2563 (t-test and trend) is over the "
                       "48 offices scored in both 2563 and 2564"), messages)
        self.assertIn("warning: 2 of the 50 offices of the registry are not "
                      "scored in 2564", proc.stderr)

    def test_workbooks_say_k_of_50(self):
        out = os.path.join(self.tmp, "books")
        proc = subprocess.run(
            [ref.ITABENCH, self.inputs, "--skip-incomplete", "--lang", "en",
             "--office", "1001", "-o", out],
            capture_output=True, text=True, cwd=ref.REPO)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        city = openpyxl.load_workbook(os.path.join(out, "ita_2564_city.xlsx"))
        for ws in city.worksheets:
            self.assertIn("(city figures: 48 of 50 offices)",
                          str(ws["A1"].value), ws.title)
        office = openpyxl.load_workbook(os.path.join(
            out, "offices", "ita_2564_1001_phra-nakhon.xlsx"))
        for ws in office.worksheets:
            top = [str(ws.cell(row=r, column=1).value) for r in range(1, 6)]
            self.assertIn("City and zone figures: 48 of 50 offices", top,
                          ws.title)


if __name__ == "__main__":
    unittest.main()
