"""results_<year>.csv and data_quality_<year>.csv on the synthetic sample,
checked against the independent reference scorer (ita_reference.py)."""
import csv
import os
import shutil
import subprocess
import tempfile
import unittest

import ita_reference as ref

SPEC_COLUMNS = (
    "year,office_code,office_name_th,office_name_en,zone,ita,grade,pass,"
    "gap_to_target,rank,zone_rank,iit,eit,oit,ind1,ind2,ind3,ind4,ind5,ind6,"
    "ind7,ind8,ind9,ind10,n_iit,n_eit,items_below_target,"
    # the uncertainty spec appends these
    "ita_se,ita_low,ita_high,p_pass,rank_low,rank_high,se_method,"
    # issue 20 appends where each office's scores come from
    "scored_from").split(",")
INPUTS = os.path.join(ref.REPO, "inputs")


def run(*args, out):
    return subprocess.run([ref.ITABENCH, *args, "-o", out, "--no-office-books",
                           "--no-city-book"],
                          capture_output=True, text=True, cwd=ref.REPO)


class SampleResults(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.proc = run("inputs/", out=cls.tmp)
        cls.model = ref.Model()
        cls.by_code, cls.lookup = ref.districts()
        cls.items = ref.load_item_scores(INPUTS, cls.model, cls.lookup)
        with open(os.path.join(cls.tmp, "results_2564.csv"),
                  encoding="utf-8", newline="") as f:
            cls.header = next(csv.reader(f))
            f.seek(0)
            cls.rows = list(csv.DictReader(f))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_exit_status_and_columns(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.header, SPEC_COLUMNS)
        self.assertEqual(len(self.rows), 50)

    def test_every_score_matches_the_reference(self):
        m = self.model
        for row in self.rows:
            code = row["office_code"]
            s = m.score(self.items[2564][code])
            for col in ["ita"] + [t.lower() for t in m.tools] + \
                    [i.lower() for i in m.indicators]:
                key = "ITA" if col == "ita" else col.upper()
                self.assertEqual(float(row[col]), ref.round2(s[key]),
                                 f"{code} {col}")
            ita = ref.round2(s["ITA"])
            self.assertEqual(row["grade"], m.grade(ita), code)
            self.assertEqual(row["pass"], "1" if ita >= 85 else "0", code)
            self.assertAlmostEqual(float(row["gap_to_target"]),
                                   max(0.0, 85 - ita), places=6, msg=code)
            below = sum(1 for i in m.items
                        if ref.round2(self.items[2564][code][i]) < 85)
            self.assertEqual(int(row["items_below_target"]), below, code)
            self.assertEqual(row["office_name_en"],
                             self.by_code[code]["name_en"])

    def test_ranks_are_standard_competition_ranks(self):
        itas = {r["office_code"]: float(r["ita"]) for r in self.rows}
        ranks = ref.competition_ranks(itas)
        for r in self.rows:
            self.assertEqual(int(r["rank"]), ranks[r["office_code"]])
        # rows come best first
        self.assertEqual([int(r["rank"]) for r in self.rows],
                         sorted(int(r["rank"]) for r in self.rows))
        zones = {}
        for r in self.rows:
            zones.setdefault(self.by_code[r["office_code"]]["zone_en"], {})[
                r["office_code"]] = float(r["ita"])
        for zone, values in zones.items():
            zr = ref.competition_ranks(values)
            for r in self.rows:
                if r["office_code"] in values:
                    self.assertEqual(int(r["zone_rank"]), zr[r["office_code"]],
                                     zone)

    def test_respondents(self):
        resp = ref.read_csv(os.path.join(INPUTS, "synthetic_respondents.csv"))
        n = {(r["office_code"], r["tool"]): r["n"] for r in resp
             if r["year"] == "2564"}
        for r in self.rows:
            self.assertEqual(r["n_iit"], n[(r["office_code"], "IIT")])
            self.assertEqual(r["n_eit"], n[(r["office_code"], "EIT")])

    def test_data_quality_lists_exactly_the_misprints(self):
        """Every published figure more than 0.005 from the reference value,
        in any year, and nothing else, at its file and line."""
        m = self.model
        expected = set()
        for path, line, year, code, measure, value in \
                ref.load_published(INPUTS, self.lookup):
            s = m.score(self.items[year][code])
            if abs(value - s[measure]) > 0.005 + 1e-9:
                expected.add((code, os.path.relpath(path, ref.REPO), str(line)))
        self.assertGreaterEqual(len(expected), 3)  # the generator's misprints
        dq = ref.read_csv(os.path.join(self.tmp, "data_quality_2564.csv"))
        found = {(r["office_code"], r["file"], r["line"]) for r in dq
                 if r["check"] == "published_mismatch"}
        self.assertEqual(found, expected)
        for r in dq:
            if r["check"] == "published_mismatch":
                self.assertEqual(r["severity"], "warning")

    def test_strict_turns_misprints_into_errors_and_writes_nothing(self):
        out = tempfile.mkdtemp()
        try:
            proc = run("inputs/", "--strict", out=out)
            self.assertEqual(proc.returncode, 1)
            self.assertIn("published", proc.stderr)
            self.assertEqual(os.listdir(out), [])
        finally:
            shutil.rmtree(out)

    def test_same_input_same_bytes(self):
        out = tempfile.mkdtemp()
        try:
            run("inputs/", out=out)
            for name in ("results_2564.csv", "data_quality_2564.csv"):
                with open(os.path.join(out, name), "rb") as a, \
                        open(os.path.join(self.tmp, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), name)
        finally:
            shutil.rmtree(out)

    def test_previous_year_by_ce_year(self):
        out = tempfile.mkdtemp()
        try:
            proc = run("inputs/", "-y", "2020", out=out)  # 2020 C.E. = 2563
            self.assertEqual(proc.returncode, 0, proc.stderr)
            rows = ref.read_csv(os.path.join(out, "results_2563.csv"))
            self.assertEqual(len(rows), 50)
            for r in rows:
                s = self.model.score(self.items[2563][r["office_code"]])
                self.assertEqual(float(r["ita"]), ref.round2(s["ITA"]))
        finally:
            shutil.rmtree(out)


if __name__ == "__main__":
    unittest.main()
