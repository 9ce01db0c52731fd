"""One language per workbook (issue 9): every workbook of the sample run, the
city workbook and all office workbooks, written in Thai (the default) and in
English (--lang en), is read back and every text a reader can see is
checked for the other language.

Texts read: sheet names; every string cell; the string literals of every
formula (what the formula can display); comments; data-validation titles,
prompts, error messages and list items; headers and footers; the chart
XML's titles, axis titles and literal series names.

A Thai workbook holds no English prose.  English prose is, after the
allowed tokens below are removed:
  (a) two or more consecutive Latin words of three letters or more, i.e.
      words joined only by spaces or punctuation, with no Thai between
      them ("English name", "Phra Nakhon", "below target"); or
  (b) a text with no Thai letter at all that holds a Latin word of three
      letters or more (a lone English word: a name such as "Dusit" or a
      label such as "Rank").
Allowed tokens (they have no Thai form, or are code or data, not prose):
the tool codes ITA, IIT, EIT, OIT; item and indicator codes (I9, O42,
IND7); grades, and their labels as the NACC writes them ("B (Good)", the
same in both languages); file names and paths (*.csv, *.xlsx, a/b/c), locations in
the user's files (book.xlsx:Sheet!A1) and SHA-256 digests; URLs;
command lines of the program (itabench ...) and its options (-t 90,
--lang en); the hidden marker cell `itabench-plan year=... office=...`;
the defined name Target; the font; the error codes of Excel; the names
GSL, SHA-256, UTF-8, QUARTILE.INC; quoted input values ("finished");
an English gloss in parentheses right after the Thai term it glosses, as
the official Thai wording of the ITA items has it ("สื่อสังคมออนไลน์
(Social Network)", "(E-Service)"); and the name of the NACC's "No Gift
Policy", which Thai government documents write in English.

An English workbook holds no Thai letter (U+0E00-U+0E7F): the model, the
registry and the measures library give every text an English form, so
the English name of an office, item or unit is shown, never the Thai.
Thai is allowed only where it is the user's data, which has no English
form: file paths and cell locations in the user's files (a returned Thai
plan's sheet แผนปฏิบัติการ), quoted input values, and the status choices
of a Thai plan (ยังไม่เริ่ม, กำลังดำเนินการ, ดำเนินการแล้ว) when a
finding about a returned plan lists the choices it accepts.

Sheets read: every sheet of the 51 workbooks of the sample (city and 50
offices) in each language, and the city workbook of every accepted input
of tests/bad (their Data quality sheets hold the findings in words)."""
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

import ita_reference as ref

INPUTS = os.path.join(ref.REPO, "inputs")

THAI = re.compile(r"[\u0E00-\u0E7F]")
# Allowed tokens, removed before looking for English prose.
ALLOWED = [
    r"itabench-plan\b[^\n]*",                      # the hidden marker cell
    r"https?://\S+", r"www\.\S+",                  # URLs
    r"\S*\.(?:xlsx|csv):\S+",                        # cell locations
    r"\b[\w.\-]+\.(?:csv|xlsx|xls|ods|pdf)\b",     # file names
    r"\b[0-9a-f]{64}\b",                            # SHA-256 digests
    r"[\w.\-]*(?:/[\w.\-]+)+/?",                   # paths
    r"\bitabench\b(?:\s+(?:-{1,2}[\w-]+|[\w/.<>=-]+))*",  # command lines
    r"(?<![\w-])-{1,2}[a-z][\w-]*(?:\s+[\w.]+)?",  # options: -t 90, --lang en
    r"\b(?:ITA|IIT|EIT|OIT)\b",                    # tool codes
    r"\b(?:IND|I|O|E)\d+[a-z]?\b",                 # item and indicator codes
    # grade labels as the NACC writes them, the same in both languages:
    # after the grade ("B (Good)") or a cell of their own
    r"\b(?:AA|A|B|C|D|E|F) \((?:Excellence|Very Good|Good|Fair|Poor"
    r"|Extremely Poor|Fail)\)",
    r"^(?:Excellence|Very Good|Good|Fair|Poor|Extremely Poor|Fail)$",
    r"\b(?:AA|A|B|C|D|E|F)\b",                     # grades
    r"\bTarget\b",                                 # the defined name
    r"\bTH Sarabun New\b",                         # the font
    r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A)",
    r"\bGSL\b", r"\bSHA-256\b", r"\bUTF-8\b", r"\bQUARTILE\.INC\b",
    r'"[^"\n]*"', r"“[^”\n]*”",                    # quoted input values
    # a gloss, after a space or the line break printed text gets in its
    # place (textlayout_wrap), which may also break the gloss's own words
    r"(?<=[\u0E00-\u0E7F][ \n])\([A-Z][\w\-]*(?:[ \n][A-Z][\w\-]*){0,2}\)",
    r"\bNo[ \n]Gift[ \n]Policy\b",               # also as the plan breaks it
]
# Thai that is the user's data (English workbooks).
THAI_DATA = [
    r"\S*\.(?:xlsx|csv)(?::\S+)?",                 # files, cell locations
    r"\S*/\S*",                                    # paths
    r'"[^"\n]*"', r"“[^”\n]*”",                    # quoted input values
    r"ยังไม่เริ่ม|กำลังดำเนินการ|ดำเนินการแล้ว",     # a Thai plan's statuses
]
THAI_DATA_RE = re.compile("|".join(f"(?:{a})" for a in THAI_DATA))
ALLOWED_RE = re.compile("|".join(f"(?:{a})" for a in ALLOWED))
# A Latin word of 3+ letters; separators between two words of a run:
# spaces and punctuation, never a Thai letter or a digit.
WORD = r"[A-Za-z][A-Za-z'’]{2,}"
SEP = r"[\s,;:&/()\-–.]+"
# short words (a, of, to) may stand between the long ones of a run
RUN = re.compile(WORD + r"(?:" + SEP + r"(?:[A-Za-z]{1,2}" + SEP + r")*"
                 + WORD + r")+")
LONE = re.compile(WORD)
FORMULA_STRING = re.compile(r'"((?:[^"]|"")*)"')


def english_prose(text):
    """The English prose of a text meant to be Thai, or None."""
    rest = ALLOWED_RE.sub(" ", text)
    m = RUN.search(rest)
    if m:
        return m.group(0)
    if not THAI.search(text):
        m = LONE.search(rest)
        if m:
            return m.group(0)
    return None


def thai_text(text):
    """The Thai of a text meant to be English, or None."""
    m = re.search(r"[\u0E00-\u0E7F][\u0E00-\u0E7F\s]*",
                  THAI_DATA_RE.sub(" ", text))
    return m.group(0).strip() if m else None


def cell_texts(ws):
    """(where, text) of every string cell and every formula's literals."""
    for row in ws.iter_rows():
        for c in row:
            v = c.value
            if not isinstance(v, str):
                continue
            where = f"{ws.title}!{c.coordinate}"
            if v.startswith("="):
                for lit in FORMULA_STRING.findall(v):
                    yield where + " (formula)", lit.replace('""', '"')
            else:
                yield where, v
            if c.comment is not None:
                yield where + " (comment)", c.comment.text


def other_texts(ws):
    """(where, text) of data validations and headers/footers."""
    for dv in ws.data_validations.dataValidation:
        where = f"{ws.title}!{dv.sqref} (validation)"
        for text in (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error):
            if text:
                yield where, text
        if dv.type == "list" and dv.formula1 and dv.formula1.startswith('"'):
            for item in dv.formula1.strip('"').split(","):
                yield where + " (list)", item
    hf = ws.HeaderFooter
    for part_name in ("oddHeader", "oddFooter", "evenHeader", "evenFooter",
                      "firstHeader", "firstFooter"):
        part = getattr(hf, part_name, None)
        if part is None:
            continue
        for side in (part.left, part.center, part.right):
            if side is not None and side.text:
                # &P, &N, &A, &"font,style" and &12 are codes, not text.
                text = re.sub(r'&(?:"[^"]*"|\d+|[A-Za-z])', " ", side.text)
                yield f"{ws.title} ({part_name})", text


CHART_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
            "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


def chart_texts(path):
    """(where, text) of chart titles, axis titles and literal series names
    (names taken from a cell are read as cells)."""
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not re.match(r"xl/charts/chart\d+\.xml$", name):
                continue
            root = ET.fromstring(z.read(name))
            for t in root.iter(f"{{{CHART_NS['a']}}}t"):
                if t.text:
                    yield name, t.text
            for tx in root.iter(f"{{{CHART_NS['c']}}}tx"):
                for v in tx.findall("c:v", CHART_NS):
                    if v.text:
                        yield name + " (series)", v.text


def workbook_texts(path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        yield "sheet name", ws.title
        yield from cell_texts(ws)
        yield from other_texts(ws)
    yield from chart_texts(path)


def run_itabench(out, *args):
    wrap = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
    proc = subprocess.run(wrap + [ref.ITABENCH, INPUTS, "-o", out, "-q",
                                  *args],
                          capture_output=True, text=True, cwd=ref.REPO)
    if proc.returncode != 0:
        raise AssertionError(f"itabench failed: {proc.stderr}")


def workbooks(folder):
    found = []
    for root, _, files in os.walk(folder):
        found += [os.path.join(root, f) for f in files if f.endswith(".xlsx")]
    return sorted(found)


def wrong_language(books, bad_text):
    """Every text of books that bad_text finds wrong, one line per workbook
    and sheet."""
    found = {}
    for book in books:
        for where, text in workbook_texts(book):
            bad = bad_text(text)
            if bad is not None:
                key = (os.path.relpath(book, os.path.dirname(
                    os.path.dirname(book))), where.split("!")[0])
                found.setdefault(key, []).append(f"{where}: {bad!r}")
    report = [f"{k[0]} {k[1]}: {len(v)} texts, e.g. " + "; ".join(v[:3])
              for k, v in sorted(found.items())]
    return report


def assert_one_language(test, books, bad_text):
    report = wrong_language(books, bad_text)
    test.assertEqual(report, [], "\n" + "\n".join(report[:80]))


class Detector(unittest.TestCase):
    """The rule itself, on texts worked out by hand."""

    def test_english_prose_in_thai_texts(self):
        for text in ("English name", "Phra Nakhon", "Dusit", "Rank",
                     "Pearson r", "ค่าเฉลี่ย (mean of offices and zones)",
                     "encoding: not UTF-8 text", "ไฟล์ a.csv: not a number",
                     "Thai label"):
            self.assertIsNotNone(english_prose(text), text)

    def test_allowed_tokens(self):
        for text in ("ITA", "คะแนน IIT และ EIT", "ข้อ I9 และ O42", "AA",
                     "ตัวชี้วัด IND7", "ไฟล์ synthetic_counts.csv",
                     "รันใหม่ด้วย itabench -t 90 inputs/",
                     "itabench-plan year=2564 office=1001",
                     "ค่า Target ในเซลล์", "https://itas.nacc.go.th",
                     "เป้าหมาย 85", "ข้อ O42", "inputs/reference/model_2564.csv",
                     "สื่อสังคมออนไลน์ (Social Network)",
                     "ประกาศ No Gift Policy ณ จุดบริการ",
                     'สถานะ "finished" ไม่ใช่ตัวเลือก',
                     "ควอไทล์แบบ GSL เทียบเท่า QUARTILE.INC"):
            self.assertIsNone(english_prose(text), text)

    def test_thai_in_english_texts(self):
        self.assertEqual(thai_text("Phra Nakhon (พระนคร)"), "พระนคร")
        self.assertIsNone(thai_text("Phra Nakhon"))
        self.assertIsNone(thai_text(
            "b.xlsx:แผนปฏิบัติการ!P13: status \"เสร็จ\" is not one of the "
            "choices (ยังไม่เริ่ม, กำลังดำเนินการ, ดำเนินการแล้ว / not "
            "started, in progress, done)"))
        self.assertEqual(thai_text("Office ลาดพร้าว: 3 items"), "ลาดพร้าว")


class OneLanguage(unittest.TestCase):
    """Every sample workbook, in each language."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-lang-")
        cls.th = os.path.join(cls.tmp, "th")
        cls.en = os.path.join(cls.tmp, "en")
        run_itabench(cls.th)
        run_itabench(cls.en, "--lang", "en")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def check(self, folder, bad_text):
        books = workbooks(folder)
        self.assertEqual(len(books), 51, books)  # city + 50 offices
        assert_one_language(self, books, bad_text)

    def test_thai_workbooks_have_no_english_prose(self):
        self.check(self.th, english_prose)

    def test_english_workbooks_have_no_thai(self):
        self.check(self.en, thai_text)

    def test_grade_labels_are_the_same_in_both_languages(self):
        # the grade table of the ITA model spec (shared/spec/ita-model.md),
        # copied by hand: the NACC's own labels, with no Thai words
        nacc = ["AA (Excellence)", "A (Very Good)", "B (Good)", "C (Fair)",
                "D (Poor)", "E (Extremely Poor)", "F (Fail)"]
        for folder in (self.th, self.en):
            book = [b for b in workbooks(folder) if b.endswith("_city.xlsx")]
            wb = openpyxl.load_workbook(book[0])
            ws = next(w for w in wb.worksheets if "GradeBands" in w.tables)
            ref_ = ws.tables["GradeBands"].ref
            first = openpyxl.utils.cell.range_boundaries(ref_)
            labels = [ws.cell(row=r, column=first[0]).value
                      for r in range(first[1] + 1, first[3] + 1)]
            self.assertEqual(labels, nacc, folder)


class Findings(unittest.TestCase):
    """The city workbook of every input of tests/bad that is accepted
    (status 0 in tests/bad/expected.tsv), with the tiny model: its Data
    quality sheet shows the findings in the workbook's language."""

    def test_every_accepted_bad_input(self):
        import test_bad_inputs as bad
        rows = [r for r in bad.read_table() if r[2] == 0]
        self.assertGreater(len(rows), 20)
        with tempfile.TemporaryDirectory(prefix="itabench-lang-") as tmp:
            books = {"th": [], "en": []}
            for number, name, _, _, args in rows:
                for lang in books:
                    out = os.path.join(tmp, f"{number}-{lang}")
                    proc = bad.run_itabench(
                        bad.full_args(name, args) + ["--lang", lang, "-q"], out)
                    self.assertEqual(proc.returncode, 0, (name, proc.stderr))
                    book = [b for b in workbooks(out) if b.endswith("_city.xlsx")]
                    books[lang] += [os.path.join(out, b) for b in book]
            self.assertGreater(len(books["th"]), 20)
            report = (wrong_language(books["th"], english_prose) +
                      wrong_language(books["en"], thai_text))
            self.assertEqual(report, [], "\n" + "\n".join(report[:80]))


if __name__ == "__main__":
    unittest.main()
