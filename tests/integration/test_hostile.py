"""Hostile inputs that cannot live in tests/bad/ as plain files: special
files (FIFO, device, socket), inputs read through pipes, file names in
Windows-874 bytes or with control characters, over-long paths, branching
links, reruns over the program's own outputs, and more findings than diag
keeps in memory.

Each run has a timeout: a hang fails the test instead of stalling the suite.
Workbooks are checked by parsing every XML part of the .xlsx with Python's
own strict XML parser (an independent reader), and the Method sheet's
digests against hashlib.
"""
import csv
import hashlib
import os
import shlex
import socket
import stat
import subprocess
import tempfile
import unittest
import zipfile
import xml.etree.ElementTree as ET

import xlsx_handmade

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
ITABENCH = os.path.join(REPO, BUILD, "itabench")
WRAP = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
TINY = ["--model", "tests/fixtures/tiny/model.csv",
        "--districts", "tests/fixtures/tiny/offices.csv", "--no-office-books",
        "--lang", "en"]
HEADER = "year,office_code,item,score\n"
FULL_11 = ("2564,11,a1,80\n2564,11,a2,60\n2564,11,a3,90\n"
           "2564,11,b1,100\n2564,11,b2,0\n2564,11,b3,100\n")
# tiny model, office 11 (worked out in test_bad_inputs.py)
ITA_OFFICE_11 = 76.25
DIAG_KEEP = 20000  # include/diag.h


def run(args, out_dir, timeout=120):
    return subprocess.run(WRAP + [ITABENCH] + TINY + args + ["-o", out_dir],
                          cwd=REPO, capture_output=True, timeout=timeout)


def office_ita(out_dir, code="11"):
    with open(os.path.join(out_dir, "results_2564.csv"),
              encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["office_code"] == code:
                return float(row["ita"])
    return None


def quality(out_dir):
    with open(os.path.join(out_dir, "data_quality_2564.csv"),
              encoding="utf-8-sig") as f:
        return f.read()


def run_in_bash(words, shell_tail, out_dir, timeout=60):
    """Runs itabench through bash (for process substitution): words are
    quoted, shell_tail is bash text added as is; returns the process and
    the shared strings of the city workbook (every XML part parsed)."""
    cmd = " ".join(shlex.quote(a) for a in WRAP + [ITABENCH] + words) + \
        f" {shell_tail} -o {shlex.quote(out_dir)}"
    proc = subprocess.run(["bash", "-c", cmd], cwd=REPO, capture_output=True,
                          timeout=timeout)
    strings = []
    if proc.returncode == 0:
        strings = xml_parts_valid(os.path.join(out_dir, "ita_2564_city.xlsx"))
    return proc, strings


def xml_parts_valid(path):
    """Parses every XML part of a workbook; returns the shared strings."""
    strings = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                root = ET.fromstring(z.read(name))  # raises on bad XML
                if name == "xl/sharedStrings.xml":
                    strings = ["".join(t.itertext()) for t in root]
    return strings


class Hostile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="itabench-hostile-")
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name

    def write(self, rel, data):
        path = os.path.join(self.dir, rel) if isinstance(rel, str) else \
            os.path.join(os.fsencode(self.dir), rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def out(self, name="out"):
        return os.path.join(self.dir, name)

    # --- special files ---

    def test_stale_fifo_in_folder_is_skipped(self):
        self.write("in/scores.csv", HEADER + FULL_11)
        os.mkfifo(os.path.join(self.dir, "in", "stale.csv"))
        proc = run([os.path.join(self.dir, "in")], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(b"stale.csv: warning: skipped: a named pipe, not a file",
                      proc.stderr)
        self.assertEqual(office_ita(self.out()), ITA_OFFICE_11)

    def test_socket_in_folder_is_skipped(self):
        self.write("in/scores.csv", HEADER + FULL_11)
        sock = socket.socket(socket.AF_UNIX)
        self.addCleanup(sock.close)
        sock.bind(os.path.join(self.dir, "in", "live.csv"))
        proc = run([os.path.join(self.dir, "in")], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(b"live.csv: warning: skipped: a socket, not a file",
                      proc.stderr)

    def test_device_named_is_refused(self):
        good = self.write("scores.csv", HEADER + FULL_11)
        proc = run([good, "/dev/zero"], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(b"/dev/zero: error: refused: a character device, not "
                      b"a file; it is not opened", proc.stderr)
        self.assertFalse(os.path.exists(self.out()))

    def test_stale_fifo_named_does_not_hang(self):
        fifo = os.path.join(self.dir, "stale.csv")
        os.mkfifo(fifo)
        proc = run([fifo], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(b"stale.csv: error: the file is empty", proc.stderr)

    def test_process_substitution_records_real_digest(self):
        good = self.write("scores.csv", HEADER + FULL_11)
        digest = hashlib.sha256((HEADER + FULL_11).encode()).hexdigest()
        empty = hashlib.sha256(b"").hexdigest()
        proc, strings = run_in_bash(TINY, f"<(cat {shlex.quote(good)})",
                                    self.out())
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn(digest, strings)
        self.assertNotIn(empty, strings)
        self.assertEqual(office_ita(self.out()), ITA_OFFICE_11)

    def test_reference_files_read_once_through_pipes(self):
        # the model and the registry through pipes: read once, their
        # digests on the Method sheet are those of the bytes read
        good = self.write("scores.csv", HEADER + FULL_11)
        model = os.path.join(REPO, "tests/fixtures/tiny/model.csv")
        offices = os.path.join(REPO, "tests/fixtures/tiny/offices.csv")
        digests = []
        for path in (model, offices):
            with open(path, "rb") as f:
                digests.append(hashlib.sha256(f.read()).hexdigest())
        proc, strings = run_in_bash(
            ["--no-office-books", good],
            f"--model <(cat {shlex.quote(model)}) "
            f"--districts <(cat {shlex.quote(offices)})", self.out())
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for digest in digests:
            self.assertIn(digest, strings)

    def test_stale_fifo_as_model_does_not_hang(self):
        good = self.write("scores.csv", HEADER + FULL_11)
        fifo = os.path.join(self.dir, "model.csv")
        os.mkfifo(fifo)
        proc = subprocess.run(
            WRAP + [ITABENCH, "--model", fifo, "--districts",
                    "tests/fixtures/tiny/offices.csv", good, "-o", self.out()],
            cwd=REPO, capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(b"model.csv: error: the file is empty", proc.stderr)

    # --- names that reach the workbooks ---

    def test_windows_874_file_name(self):
        # "ผล.csv" as Thai Windows writes it into a zip archive
        name = "ผลคะแนน.csv".encode("cp874")
        path = self.write(name, HEADER + FULL_11)
        proc = run([path], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        strings = xml_parts_valid(os.path.join(self.out(),
                                               "ita_2564_city.xlsx"))
        self.assertTrue(any(s.endswith("ผลคะแนน.csv") for s in strings),
                        strings)
        self.assertIn("the file name is not UTF-8 text: it is shown as",
                      quality(self.out()))

    def test_control_character_in_file_name(self):
        path = self.write("bad\x01name.csv", HEADER + FULL_11)
        proc = run([path], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        strings = xml_parts_valid(os.path.join(self.out(),
                                               "ita_2564_city.xlsx"))
        self.assertTrue(any(s.endswith("bad\\x01name.csv") for s in strings),
                        strings)

    def test_control_characters_in_registry_names(self):
        good = self.write("scores.csv", HEADER + FULL_11)
        proc = subprocess.run(
            WRAP + [ITABENCH, "--model", "tests/fixtures/tiny/model.csv",
                    "--districts", "tests/bad/registry_control_chars.csv",
                    "--lang", "en", "--no-office-books", good,
                    "-o", self.out()],
            cwd=REPO, capture_output=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for root, _, files in os.walk(self.out()):
            for f in files:
                if f.endswith(".xlsx"):
                    xml_parts_valid(os.path.join(root, f))
        self.assertEqual(office_ita(self.out()), ITA_OFFICE_11)

    def test_font_name_with_control_character(self):
        # the font name goes into every workbook's styles.xml
        good = self.write("scores.csv", HEADER + FULL_11)
        proc = run(["--font", "Sarabun\x01", good], self.out())
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(b'--font "Sarabun\\x01": a font name is UTF-8 text '
                      b'without control characters', proc.stderr)
        self.assertFalse(os.path.exists(self.out()))

    # --- path limits, links ---

    def test_name_too_long(self):
        path = os.path.join(self.dir, "x" * 300 + ".csv")
        proc = run([path], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(b"error: cannot read the input: File name too long",
                      proc.stderr)

    def test_folder_tree_deeper_than_path_max(self):
        # 40 levels of 120-byte names: paths past PATH_MAX (4096) below; an
        # error names the folder that cannot be read, nothing hangs
        self.write("deep/scores.csv", HEADER + FULL_11)
        here = os.open(os.path.join(self.dir, "deep"), os.O_RDONLY)
        try:
            for _ in range(40):
                os.mkdir("d" * 120, dir_fd=here)
                below = os.open("d" * 120, os.O_RDONLY, dir_fd=here)
                os.close(here)
                here = below
            with open(os.open("more.csv", os.O_WRONLY | os.O_CREAT, 0o644,
                              dir_fd=here), "w") as f:
                f.write(HEADER + FULL_11)
        finally:
            os.close(here)
        proc = run([os.path.join(self.dir, "deep")], self.out(), timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr[-2000:])
        self.assertIn(b"error: cannot read the input: File name too long",
                      proc.stderr)

    def test_same_file_twice_read_once(self):
        good = self.write("scores.csv", HEADER + FULL_11)
        os.symlink(good, os.path.join(self.dir, "link.csv"))
        proc = run([good, os.path.join(self.dir, "link.csv"), self.dir],
                   self.out(), timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertNotIn(b"repeated", proc.stderr)
        self.assertIn("skipped: the same file was read already",
                      quality(self.out()))

    # --- output folder tricks ---

    def test_rerun_over_own_outputs(self):
        folder = os.path.join(self.dir, "in")
        self.write("in/scores.csv", HEADER + FULL_11)
        out = os.path.join(folder, "outputs")
        first = run([folder], out, timeout=120)
        self.assertEqual(first.returncode, 0, first.stderr)
        with open(os.path.join(out, "results_2564.csv"), "rb") as f:
            results = f.read()
        again = run([folder], out, timeout=120)
        self.assertEqual(again.returncode, 0, again.stderr)
        with open(os.path.join(out, "results_2564.csv"), "rb") as f:
            self.assertEqual(f.read(), results)
        self.assertIn("skipped: a results file written by itabench",
                      quality(out))
        self.assertIn("skipped: 1 workbook written by itabench", quality(out))

    # --- the output folder: nothing written outside it or through a link,
    # nothing special opened, every refusal before the first write ---

    def run_full(self, out, extra=()):
        """The tiny world with office workbooks (they go to offices/)."""
        good = self.write("scores.csv", HEADER + FULL_11)
        return subprocess.run(
            WRAP + [ITABENCH, "--model", "tests/fixtures/tiny/model.csv",
                    "--districts", "tests/fixtures/tiny/offices.csv",
                    "--measures", "tests/fixtures/tiny/measures.csv",
                    "--lang", "en", *extra, good, "-o", out],
            cwd=REPO, capture_output=True, timeout=120)

    def assert_nothing_written(self, out, keep=()):
        left = []
        for root, dirs, files in os.walk(out):
            left += [os.path.relpath(os.path.join(root, f), out)
                     for f in files + dirs]
        self.assertEqual(sorted(left), sorted(keep))

    def test_offices_folder_linked_elsewhere(self):
        elsewhere = os.path.join(self.dir, "elsewhere")
        os.makedirs(elsewhere)
        out = self.out()
        os.makedirs(out)
        os.symlink(elsewhere, os.path.join(out, "offices"))
        proc = self.run_full(out)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(b"offices is a symbolic link, not a folder",
                      proc.stderr)
        self.assertEqual(os.listdir(elsewhere), [])
        self.assert_nothing_written(out, ["offices"])

    def test_output_folder_is_a_link(self):
        elsewhere = os.path.join(self.dir, "elsewhere")
        os.makedirs(elsewhere)
        os.symlink(elsewhere, self.out())
        proc = self.run_full(self.out())
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(b"is a symbolic link, not a folder", proc.stderr)
        self.assertEqual(os.listdir(elsewhere), [])

    def test_special_files_at_output_names_never_block(self):
        # a FIFO, a socket, a dangling link, a link to a file elsewhere and
        # a folder, each where an output goes: refused by type, never
        # opened (a FIFO opened for writing would block until the timeout)
        target = self.write("precious.txt", "keep")
        makers = [
            ("results_2564.csv", os.mkfifo),
            ("data_quality_2564.csv", lambda p: os.symlink(target, p)),
            ("ita_2564_city.xlsx", lambda p: os.symlink("/nonexistent", p)),
            (".itabench-manifest", os.mkfifo),
            ("offices/ita_2564_11_one.xlsx", os.mkfifo),
            ("offices/ita_2564_11_one.xlsx", os.makedirs),
        ]
        for k, (name, make) in enumerate(makers):
            with self.subTest(name=name, k=k):
                out = self.out(f"out{k}")
                os.makedirs(os.path.join(out, "offices"))
                make(os.path.join(out, name))
                proc = self.run_full(out)
                self.assertEqual(proc.returncode, 3, proc.stderr)
                self.assertIn(f"cannot write {os.path.join(out, name)}: the "
                              f"name holds a".encode(), proc.stderr)
                self.assertIn(b"nothing was written", proc.stderr)
                self.assert_nothing_written(out, ["offices", name])
        with open(target) as f:
            self.assertEqual(f.read(), "keep")

    def test_socket_and_device_at_output_names(self):
        out = self.out()
        os.makedirs(out)
        sock = socket.socket(socket.AF_UNIX)
        self.addCleanup(sock.close)
        sock.bind(os.path.join(out, "results_2564.csv"))
        proc = self.run_full(out)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(b"the name holds a socket, not a file", proc.stderr)
        try:
            dev_out = self.out("dev")
            os.makedirs(dev_out)
            os.mknod(os.path.join(dev_out, "ita_2564_city.xlsx"),
                     stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except PermissionError:
            self.skipTest("no permission to make a device node")
        proc = self.run_full(dev_out)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(b"the name holds a character device, not a file",
                      proc.stderr)

    def test_empty_names_are_usage_errors(self):
        good = self.write("scores.csv", HEADER + FULL_11)
        for args in (["-o", ""], ["--districts", "", "-o", self.out()],
                     ["", "-o", self.out()]):
            with self.subTest(args=args):
                proc = subprocess.run(WRAP + [ITABENCH, good] + args,
                                      cwd=REPO, capture_output=True,
                                      timeout=60)
                self.assertEqual(proc.returncode, 2, proc.stderr)
                self.assertIn(b"is empty", proc.stderr)
        self.assertFalse(os.path.exists(self.out()))

    def test_input_workbook_named_like_an_output(self):
        # a data workbook (not itabench's) lying where office 11's workbook
        # goes, given as an input: a usage error before anything is
        # written, not exit 3 after the CSVs
        out = self.out()
        book = os.path.join(out, "offices", "ita_2564_11_one.xlsx")
        os.makedirs(os.path.dirname(book))
        rows = [[{"text": h} for h in HEADER.strip().split(",")]]
        for line in FULL_11.splitlines():
            rows.append([{"text": v} for v in line.split(",")])
        xlsx_handmade.write(book, [("Scores", rows)])
        proc = subprocess.run(
            WRAP + [ITABENCH, "--model", "tests/fixtures/tiny/model.csv",
                    "--districts", "tests/fixtures/tiny/offices.csv",
                    "--measures", "tests/fixtures/tiny/measures.csv", book,
                    "-o", out],
            cwd=REPO, capture_output=True, timeout=120)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn(f"the output {book} would overwrite the input file "
                      f"{book}; nothing was written".encode(), proc.stderr)
        self.assert_nothing_written(out, ["offices",
                                          "offices/ita_2564_11_one.xlsx"])

    def test_output_folder_is_a_file(self):
        path = self.write("taken", "a file")
        good = self.write("scores.csv", HEADER + FULL_11)
        proc = run([good], os.path.join(path, "out"))
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn(b"cannot create the output folder", proc.stderr)
        self.assertIn(b"Not a directory", proc.stderr)

    def test_long_thai_names_reach_outputs_whole(self):
        # office names of 200 Thai characters (600 bytes) in the registry:
        # the coverage warning names them in data_quality_2564.csv, which
        # must stay valid UTF-8 and hold each name whole (a fixed buffer of
        # 512 bytes used to cut inside a character)
        long_name = "ก" * 199 + "ข"
        registry = self.write(
            "offices.csv",
            "code,name_th,name_en,zone_th,zone_en\n"
            "11,หนึ่ง,One,โซนหนึ่ง,Zone 1\n"
            f"2222,สอง,{long_name},โซนหนึ่ง,Zone 1\n"
            f"3333,สาม,{long_name}ค,โซนสอง,Zone 2\n")
        good = self.write("scores.csv", HEADER + FULL_11)
        proc = subprocess.run(
            WRAP + [ITABENCH, "--model", "tests/fixtures/tiny/model.csv",
                    "--districts", registry, "--no-office-books",
                    "--lang", "en", good, "-o", self.out()],
            cwd=REPO, capture_output=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(self.out(), "data_quality_2564.csv"),
                  "rb") as f:
            text = f.read().decode("utf-8")   # raises on a cut character
        self.assertIn(f"2222 ({long_name})", text)
        self.assertIn(f"3333 ({long_name}ค)", text)
        xml_parts_valid(os.path.join(self.out(), "ita_2564_city.xlsx"))

    # --- file kinds told apart by their whole header ---

    def test_respondents_after_published_are_respondents(self):
        # a published-figures file with a respondents file joined below it:
        # the counts must not be stored as published figures (which would
        # show as "published A 12 differs from the recomputed 80")
        out = self.out()
        proc = run(["tests/bad/ok_concat_published_respondents"], out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        text = quality(out)
        self.assertNotIn("published A", text)
        self.assertIn("read as respondents", text)
        self.assertEqual(office_ita(out), ITA_OFFICE_11)

    # --- messages ---

    def test_error_after_diag_keep_warnings_is_shown(self):
        # each repeat stands alone (a row with a missing value between):
        # DIAG_KEEP + 10 separate warnings, then one error on the last line
        rows = [HEADER, FULL_11]
        for _ in range(DIAG_KEEP + 10):
            rows.append("2564,11,a1,80\n2564,22,a1,-\n")
        rows.append("2564,11,a2,abc\n")
        path = self.write("many.csv", "".join(rows))
        last = sum(r.count("\n") for r in rows)
        proc = run([path], self.out(), timeout=300)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"{path}:{last}: error: score of a2 for office 11 in "
                      f"2564 \"abc\" in column D (4) is not a number".encode(),
                      proc.stderr)

    def test_value_error_reported_once(self):
        proc = run(["tests/bad/value_error_once.csv"], self.out())
        self.assertEqual(proc.returncode, 1)
        self.assertIn(b'"abc" in column D (4) is not a number', proc.stderr)
        self.assertNotIn(b"has no score", proc.stderr)
        self.assertIn(b"1 error in the input", proc.stderr)


if __name__ == "__main__":
    unittest.main()
