"""Property: however the sample's inputs are written, they mean the same.

From the sample inputs (inputs/*.csv) this test generates random variants
that a person or a spreadsheet could have produced from the same data:
columns and rows shuffled, header names in English or Thai with other case
and spacing, title rows above the header, offices named by code, Thai name
(with or without its prefix) or English name, separators comma, semicolon
or tab, quoting minimal or everywhere, CRLF or LF, encodings UTF-8, UTF-8
with BOM, UTF-16 and Windows-874, numbers with Thai digits, a decimal comma
(only where it cannot be read as a thousands separator: the sample has two
decimals) and trailing zeros dropped or added, tables split into several
files and parts of tables joined into one file with their own headers
(different column orders, different kinds one after another).

Some files are written as .xlsx workbooks instead (by the tests' own
writer, xlsx_handmade.py): pieces on one sheet or on several, strings
shared, inline, rich (in runs) or formula results, numbers as number cells
under plain formats (built-in, the Thai-locale 59-62, custom codes with
[$-th-TH]/[$-41E] prefixes), as text, or as formulas with their calculated
value.  The office registry, a reference file, is rewritten too (columns
shuffled, header names spelled otherwise, separators, encodings, zone
names differing only in case and spaces) and given with --districts.

For every variant the results CSV of both years must be byte-identical to
the one of the sample as it is.  The generator is this file's own (Python's
csv and codecs), independent of the program's reader.  Then, a workbook
whose formula holds no calculated value, and one that asks for a full
calculation on load, must be refused naming the cell.

ITABENCH_PROPERTY_VARIANTS (default 300) and ITABENCH_PROPERTY_SEED (default
2564) set the size and the seed; `make fuzz` runs a longer one.
"""
import csv
import io
import os
import random
import shlex
import shutil
import subprocess
import tempfile
import unittest

import xlsx_handmade

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
ITABENCH = os.path.join(REPO, BUILD, "itabench")
WRAP = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
VARIANTS = int(os.environ.get("ITABENCH_PROPERTY_VARIANTS", "300"))
SEED = int(os.environ.get("ITABENCH_PROPERTY_SEED", "2564"))
SAMPLE = ["synthetic_scores_2564_long.csv", "synthetic_scores_2563_wide.csv",
          "synthetic_respondents.csv", "synthetic_published.csv"]
# The answer counts and the respondents' answers are copied as they are
# into every variant: they only feed the intervals, and rewriting their ~30,000 rows in each of hundreds
# of variants would triple the test's time for no new kind of rewriting.
AS_IS = ["synthetic_counts.csv", "synthetic_answers_long.csv",
         "synthetic_answers_wide.csv"]
YEARS = (2563, 2564)

# Header names a person may write (README, Inputs).
ALIASES = {
    "year": ["year", "Year", "YEAR", "ปี", "ปีงบประมาณ", "Fiscal Year"],
    "office_code": ["office_code", "Office Code", "office", "รหัส",
                    "หน่วยงาน", "สำนักงานเขต", "เขต"],
    "office_name": ["office_name", "Office Name", "ชื่อหน่วยงาน"],
    "item": ["item", "Item", "ข้อ", "ข้อคำถาม"],
    "score": ["score", "Score", "คะแนน"],
    "tool": ["tool", "Tool", "เครื่องมือ"],
    "n": ["n", "N", "respondents", "จำนวนผู้ตอบ"],
    "measure": ["measure", "Measure"],
    "value": ["value", "Value"],
}
TITLES = ["ผลการประเมิน ITA ของสำนักงานเขต", "จัดทำโดย ฝ่ายแผนงาน",
          "ITA results (copy)"]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
NUMERIC = {"score", "n", "value"}


def read_table(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def read_registry():
    header, rows = read_table(os.path.join(REPO, "inputs", "reference",
                                           "bangkok_districts.csv"))
    return {r[0]: (r[1], r[2]) for r in rows}


# Number formats that show a number as it is (README, Excel workbooks):
# built-in 0 "General", 1 "0", 2 "0.00", 4 "#,##0.00"; the Thai-locale
# built-ins 59-62 (Thai digits on screen); custom codes with locale
# prefixes and colour sections.
PLAIN_FORMATS = [None, 1, 2, 4, 59, 60, 61, 62, "[$-th-TH]0.00",
                 "[$-41E]#,##0.00", "[$-107041E]0.00", "0.00_);[Red](0.00)",
                 "#,##0.00;[Red]-#,##0.00"]
STRING_KINDS = ["shared", "shared", "inline", "rich", "str"]
REGISTRY_ALIASES = {
    "code": ["code", "Code", "CODE", " code "],
    "name_th": ["name_th", "Name TH", "name-th", "NAME_TH"],
    "name_en": ["name_en", "Name EN", "name.en", "Name_En"],
    "zone_th": ["zone_th", "Zone TH", "zone th"],
    "zone_en": ["zone_en", "Zone_EN", "zone-en"],
}


def run_results(folder, out, year, extra=()):
    proc = subprocess.run(
        WRAP + [ITABENCH, "--no-city-book", "--no-office-books", "-q",
                "-y", str(year), *extra, folder, "-o", out],
        cwd=REPO, capture_output=True, timeout=120)
    if proc.returncode != 0:
        return None, proc.stderr.decode("utf-8", "replace")
    with open(os.path.join(out, f"results_{year}.csv"), "rb") as f:
        return f.read(), ""


class Variant:
    """One random way of writing the sample."""

    def __init__(self, rng, registry):
        self.rng = rng
        self.registry = registry

    def number(self, text, sep):
        rng = self.rng
        if "." in text and rng.random() < 0.3:
            text = text.rstrip("0").rstrip(".") or "0"
        elif rng.random() < 0.15:
            text = text + ("0" if "." in text else ".0")
        # README, Numbers: a lone mark before exactly three digits is read
        # by the file's separator: a decimal comma in a semicolon file, a
        # decimal point in a comma or tab file; other forms either way
        three = "." in text and len(text.split(".")[1]) == 3
        if three:
            comma = sep == ";"
        else:
            comma = "." in text and rng.random() < (0.7 if sep == ";" else 0.2)
        if comma:
            text = text.replace(".", ",")
        if rng.random() < 0.2:
            text = text.translate(THAI_DIGITS)
        return text

    def office(self, code):
        th, en = self.registry[code]
        return self.rng.choice([code, th, "สำนักงานเขต" + th, "เขต" + th, en])

    def header_name(self, name):
        if name in ALIASES and self.rng.random() < 0.5:
            return self.rng.choice(ALIASES[name])
        if self.rng.random() < 0.2:
            return name.upper()
        return name

    def table(self, header, rows, sep, office_as_names):
        """A new header and rows: columns shuffled, names and numbers
        rewritten."""
        rng = self.rng
        order = list(range(len(header)))
        rng.shuffle(order)
        kinds = header
        out_header = [self.header_name(header[i]) for i in order]
        out_rows = []
        for row in rows:
            out = []
            for i in order:
                value = row[i]
                if kinds[i] == "office_code" and office_as_names:
                    value = self.office(value)
                elif kinds[i] in NUMERIC or (kinds[i] not in ALIASES and
                                             kinds[i] != "office_name"):
                    value = self.number(value, sep)
                out.append(value)
            out_rows.append(out)
        return out_header, out_rows

    def render(self, parts, sep, quoting, newline):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=sep, quoting=quoting,
                            lineterminator=newline)
        for title in self.rng.sample(TITLES, self.rng.choice([0, 0, 1, 2])):
            buf.write(title + newline)
        for header, rows in parts:
            writer.writerow(header)
            writer.writerows(rows)
        return buf.getvalue()

    def encode(self, text):
        encoding = self.rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16",
                                    "cp874"])
        try:
            return text.encode(encoding)
        except UnicodeEncodeError:
            return text.encode("utf-8")

    def write_all(self, tables, folder):
        """Splits each table into pieces and writes them as files; some
        files hold several pieces (of one table or of several) joined."""
        rng = self.rng
        pieces = []
        for header, rows in tables:
            rows = rows[:]
            rng.shuffle(rows)
            n = rng.choice([1, 1, 2, 3])
            cuts = sorted(rng.sample(range(1, len(rows)), n - 1))
            for a, b in zip([0] + cuts, cuts + [len(rows)]):
                pieces.append((header, rows[a:b]))
        rng.shuffle(pieces)
        files = []
        while pieces:
            take = rng.choice([1, 1, 2, 3])
            files.append(pieces[:take])
            pieces = pieces[take:]
        for i, group in enumerate(files):
            sep = rng.choice([",", ";", "\t"])
            names = rng.random() < 0.4
            parts = [self.table(h, r, sep, names) for h, r in group]
            text = self.render(parts, sep,
                               rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
                               rng.choice(["\n", "\r\n"]))
            if rng.random() < 0.25:
                self.write_workbook(group,
                                    os.path.join(folder, f"part{i:02d}.xlsx"))
                continue
            with open(os.path.join(folder, f"part{i:02d}.csv"), "wb") as f:
                f.write(self.encode(text))

    # --- .xlsx: the same tables as cells of every kind ---

    def text_cell(self, text):
        return {"text": text, "how": self.rng.choice(STRING_KINDS)}

    def number_cell(self, text):
        rng = self.rng
        if text == "":
            return None if rng.random() < 0.5 else self.text_cell("")
        pick = rng.random()
        if pick < 0.15:
            return self.text_cell(text)
        # as Excel stores a number: shortest form, no ".0" on a whole one
        number = float(text)
        value = str(int(number)) if number.is_integer() else repr(number)
        if pick < 0.3:
            return {"number": value, "formula": f"{value}*1",
                    "fmt": rng.choice(PLAIN_FORMATS)}
        return {"number": value, "fmt": rng.choice(PLAIN_FORMATS)}

    def sheet_rows(self, header, rows):
        """A table as cells: columns shuffled, names and offices rewritten
        (as in table()), numbers as number cells."""
        rng = self.rng
        order = list(range(len(header)))
        rng.shuffle(order)
        out = [[self.text_cell(self.header_name(header[i])) for i in order]]
        names = rng.random() < 0.4
        for row in rows:
            cells = []
            for i in order:
                kind, value = header[i], row[i]
                if kind == "office_code" and names:
                    cells.append(self.text_cell(self.office(value)))
                elif kind in ("year", "office_code") or kind in NUMERIC or (
                        kind not in ALIASES and kind != "office_name"):
                    cells.append(self.number_cell(value))
                else:
                    cells.append(self.text_cell(value))
            out.append(cells)
        return out

    def write_workbook(self, group, path):
        rng = self.rng
        titles = [[self.text_cell(t)] for t in
                  rng.sample(TITLES, rng.choice([0, 0, 1]))]
        tables = [self.sheet_rows(h, r) for h, r in group]
        if rng.random() < 0.5:
            sheets = [("Sheet1", titles + [row for t in tables for row in t])]
        else:
            sheets = [(f"ตาราง {k + 1}", (titles if k == 0 else []) + t)
                      for k, t in enumerate(tables)]
        xlsx_handmade.write(path, sheets)

    # --- the office registry, a reference file read like the others ---

    def write_registry(self, path):
        rng = self.rng
        header, rows = read_table(os.path.join(
            REPO, "inputs", "reference", "bangkok_districts.csv"))
        order = list(range(len(header)))
        rng.shuffle(order)
        seen = set()
        out_rows = []
        for row in rows:
            row = row[:]
            for z in (3, 4):
                # a zone met before, spelled otherwise: the same zone
                if row[z] in seen and rng.random() < 0.3:
                    row[z] = rng.choice([row[z].upper(), row[z].lower(),
                                         row[z].replace(" ", "  "),
                                         " " + row[z]])
                else:
                    seen.add(row[z])
            out_rows.append([row[i] for i in order])
        out_header = [rng.choice(REGISTRY_ALIASES[header[i]]) for i in order]
        sep = rng.choice([",", ";", "\t"])
        text = self.render([(out_header, out_rows)], sep, csv.QUOTE_MINIMAL,
                           rng.choice(["\n", "\r\n"]))
        # render may add title rows: a registry has none
        text = text[text.index(out_header[0]) if out_header[0][0] != '"'
                    else 0:]
        with open(path, "wb") as f:
            f.write(self.encode(text))


class Property(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-property-")
        cls.registry = read_registry()
        cls.tables = [read_table(os.path.join(REPO, "inputs", name))
                      for name in SAMPLE]
        cls.expected = {}
        for year in YEARS:
            results, err = run_results(os.path.join(REPO, "inputs"),
                                       os.path.join(cls.tmp, "base"), year)
            assert results, err
            cls.expected[year] = results

    @classmethod
    def tearDownClass(cls):
        if not getattr(cls, "keep", False):
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_variants_give_identical_results(self):
        rng = random.Random(SEED)
        failures = []
        for v in range(VARIANTS):
            folder = os.path.join(self.tmp, f"v{v}")
            os.mkdir(folder)
            variant = Variant(rng, self.registry)
            variant.write_all(self.tables, folder)
            for name in AS_IS:
                shutil.copy(os.path.join(REPO, "inputs", name), folder)
            extra = []
            if rng.random() < 0.5:
                registry = os.path.join(self.tmp, f"registry_v{v}.csv")
                variant.write_registry(registry)
                extra = ["--districts", registry]
            for year in YEARS:
                got, err = run_results(folder, os.path.join(folder, "out"),
                                       year, extra)
                if got != self.expected[year]:
                    failures.append((v, year, err[:800]))
            if not failures:
                shutil.rmtree(folder)
            if len(failures) >= 3:
                break
        type(self).keep = bool(failures)
        self.assertEqual(failures, [], f"seed {SEED}; variants kept in "
                                       f"{self.tmp}")


    def test_uncalculated_formulas_are_refused(self):
        # the sample's long table as a workbook, one score a formula with
        # no value, or a placeholder under fullCalcOnLoad
        header, rows = self.tables[0]
        for full_calc in (False, True):
            with self.subTest(full_calc=full_calc):
                cells = [[{"text": h} for h in header]]
                for row in rows[:12]:
                    cells.append([{"text": v} for v in row])
                score = header.index("score")
                cells[5][score] = ({"number": "0", "formula": "B5*1"}
                                   if full_calc else {"formula": "B5*1"})
                folder = os.path.join(self.tmp, f"formula{int(full_calc)}")
                os.makedirs(folder, exist_ok=True)
                xlsx_handmade.write(os.path.join(folder, "book.xlsx"),
                                    [("Scores", cells)], full_calc=full_calc)
                proc = subprocess.run(
                    WRAP + [ITABENCH, "--no-city-book", "--no-office-books",
                            "--skip-incomplete", folder,
                            "-o", os.path.join(folder, "out")],
                    cwd=REPO, capture_output=True, timeout=120)
                self.assertEqual(proc.returncode, 1, proc.stderr)
                column = "ABCDEFGH"[score]
                # cells[5] is row 6 of the sheet
                self.assertIn(f"book.xlsx:Scores!{column}6: error: the formula "
                              f"\"=B5*1\" was never calculated".encode(),
                              proc.stderr)
                self.assertFalse(os.path.exists(os.path.join(folder, "out")))


if __name__ == "__main__":
    unittest.main()
