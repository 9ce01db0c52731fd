"""Bad input never crashes, never writes, and always says what and where.

Every row of tests/bad/expected.tsv runs $BUILD/itabench (from the repository
root, so messages name tests/bad/...) with -o a folder that does not exist
yet; the test checks the exit status, that the expected message (file:line
and the offending value) is on stderr, that the process was not killed by a
signal or a sanitizer, and, whenever the status is not 0, that nothing at
all was written.  The big cases (a 50 MB field, 1,000,000 rows, 20,000
fields) are generated into a temporary folder at test time.

Hand-worked score used by the accepted ("ok_") inputs, tiny model
(tests/fixtures/tiny/model.csv), office 11 with a1..b3 = 80,60,90,100,0,100:
  X1 = (80+60)/2 = 70, X2 = 90, tool A = (70+90)/2 = 80
  S1 = (100+0)/2 = 50, S2 = 100, Y1 = (50+100)/2 = 75, tool B = 75
  ITA = (1*80 + 3*75) / (1+3) = 305/4 = 76.25
"""
import csv
import os
import shlex
import subprocess
import tempfile
import unittest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
ITABENCH = os.path.join(REPO, BUILD, "itabench")
WRAP = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
BAD = "tests/bad"
TINY = ["--model", "tests/fixtures/tiny/model.csv",
        "--districts", "tests/fixtures/tiny/offices.csv", "--no-office-books"]
ITA_OFFICE_11 = 76.25
HEADER = "year,office_code,item,score\n"
FULL_11 = ("2564,11,a1,80\n2564,11,a2,60\n2564,11,a3,90\n"
           "2564,11,b1,100\n2564,11,b2,0\n2564,11,b3,100\n")
# Most findings diag keeps in memory (include/diag.h DIAG_KEEP).
DIAG_KEEP = 20000
# What a sanitizer or a crash leaves on stderr.
CRASH_MARKS = ("AddressSanitizer", "runtime error:", "LeakSanitizer",
               "Segmentation fault", "core dumped")


def run_itabench(args, out_dir, timeout=900):
    return subprocess.run(WRAP + [ITABENCH] + args + ["-o", out_dir],
                          cwd=REPO, capture_output=True, text=True,
                          errors="replace", timeout=timeout)


def run_measured(args, out_dir):
    """Runs itabench and returns (status, stderr, peak resident MiB) of that
    one process (os.wait4 gives its own rusage)."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(WRAP + [ITABENCH] + args + ["-o", out_dir],
                                cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return proc.returncode, text, usage.ru_maxrss / 1024


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def files_under(folder):
    found = []
    for root, dirs, files in os.walk(folder):
        found += [os.path.join(root, f) for f in files]
    return found


def read_table():
    rows = []
    with open(os.path.join(REPO, BAD, "expected.tsv"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            name, status, expected = fields[:3]
            args = shlex.split(fields[3]) if len(fields) > 3 else []
            rows.append((number, name, int(status),
                         expected.replace("{dir}", BAD), args))
    return rows


def full_args(name, args):
    path = f"{BAD}/{name}"
    extra = [] if path in args else [path]
    named = set(args)
    defaults = [] if {"--model", "--districts"} & named else TINY
    return defaults + args + extra


def office_ita(out_dir, code="11", year=2564):
    with open(os.path.join(out_dir, f"results_{year}.csv"),
              encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["office_code"] == code:
                return float(row["ita"])
    return None


class BadInputs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="itabench-bad-")
        self.addCleanup(self.tmp.cleanup)

    def out(self, name="out"):
        return os.path.join(self.tmp.name, name)

    def assert_no_crash(self, proc):
        self.assertGreaterEqual(proc.returncode, 0,
                                f"killed by signal {-proc.returncode}")
        for mark in CRASH_MARKS:
            self.assertNotIn(mark, proc.stderr)

    def assert_nothing_written(self, out_dir):
        self.assertEqual(files_under(out_dir) if os.path.exists(out_dir)
                         else [], [], "files written after an error")

    def test_table_covers_every_file(self):
        rows = read_table()
        named = {r[1] for r in rows}
        on_disk = {n for n in os.listdir(os.path.join(REPO, BAD))
                   if n != "expected.tsv"}
        self.assertEqual(on_disk - named, set(), "inputs without a row")
        self.assertEqual(named - on_disk, set(), "rows without an input")
        bad = {r[1] for r in rows if r[2] != 0}
        self.assertGreaterEqual(len(bad), 40)

    def test_table(self):
        for number, name, status, expected, args in read_table():
            with self.subTest(line=number, input=name):
                out_dir = self.out(f"out{number}")
                proc = run_itabench(full_args(name, args), out_dir)
                self.assert_no_crash(proc)
                self.assertEqual(proc.returncode, status, proc.stderr)
                if status != 0:
                    self.assertIn(expected, proc.stderr)
                    self.assert_nothing_written(out_dir)
                    continue
                quality = os.path.join(out_dir, "data_quality_2564.csv")
                with open(quality, encoding="utf-8-sig") as f:
                    self.assertIn(expected, proc.stderr + f.read())
                self.assertEqual(office_ita(out_dir), ITA_OFFICE_11)

    # --- generated at test time: too big to keep in the repository ---

    def write(self, name, text_or_bytes):
        path = os.path.join(self.tmp.name, name)
        mode = "wb" if isinstance(text_or_bytes, bytes) else "w"
        with open(path, mode) as f:
            f.write(text_or_bytes)
        return path

    def test_50mb_field_unterminated_quote(self):
        body = "x" * (50 << 20)
        path = self.write("huge_quoted.csv",
                          HEADER + FULL_11 + '2564,11,a1,"' + body + "\n")
        proc = run_itabench(TINY + [path], self.out())
        self.assert_no_crash(proc)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"{path}:8: error: a field longer than 1 MiB in the "
                      "record that starts on this line (it begins "
                      '"xxxxxxxxxxxxxxxxxxxx', proc.stderr)
        self.assert_nothing_written(self.out())

    def test_50mb_field_unquoted(self):
        path = self.write("huge_plain.csv",
                          HEADER + "2564,11,a1," + "9" * (50 << 20) + "\n")
        proc = run_itabench(TINY + [path], self.out())
        self.assert_no_crash(proc)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"{path}:2: error: a field longer than 1 MiB",
                      proc.stderr)
        self.assert_nothing_written(self.out())

    def test_50mb_field_in_utf16(self):
        # Converted in memory first: the field limit still holds after.
        text = HEADER + "2564,11,a1," + "9" * (50 << 20) + "\n"
        path = self.write("huge_utf16.csv",
                          b"\xff\xfe" + text.encode("utf-16-le"))
        proc = run_itabench(TINY + [path], self.out())
        self.assert_no_crash(proc)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"{path}:2: error: a field longer than 1 MiB",
                      proc.stderr)

    def chunk_boundary_file(self, name, cut_inside):
        """Office 11's six rows, then duplicates of its first row
        ("2564,11,หนึ่ง,a1,80" with CRLF) until past 256 KiB, the reader's
        chunk.  Spaces padded into the first name (trimmed when matching)
        put byte 262,144 where `cut_inside` says: 1 byte into a Thai
        character, or between CR and LF."""
        chunk = 256 * 1024
        header = "year,office_code,office_name,item,score\r\n"
        rows = [f"2564,11,หนึ่ง,{r.split(',', 2)[2]}\r\n".replace("\n\r\n", "\r\n")
                for r in FULL_11.splitlines()]
        dup = rows[0].encode()
        head = (header + "".join(rows)).encode()
        n_dups = (chunk - len(head)) // len(dup) + 3
        # byte chunk-1, the last of the first read, must be the first byte
        # of the Thai name or the CR of a duplicate
        first = dup.index("หนึ่ง".encode()) if cut_inside == "thai" \
            else dup.index(b"\r\n")
        pad = (chunk - 1 - len(head) - first) % len(dup)
        rows[0] = rows[0].replace("หนึ่ง", "หนึ่ง" + " " * pad)
        data = (header + "".join(rows)).encode() + dup * n_dups
        cut = data[chunk - 1:chunk + 1]
        if cut_inside == "thai":
            assert cut[0] >= 0xE0 and 0x80 <= cut[1] < 0xC0, cut
        else:
            assert cut == b"\r\n", cut
        return self.write(name, data), 7 + n_dups

    def test_chunk_boundaries(self):
        # A character or a CRLF split between two reads must not turn into
        # an encoding error or a wrong line number.
        for cut_inside in ("thai", "crlf"):
            with self.subTest(cut_inside=cut_inside):
                path, last_line = self.chunk_boundary_file(
                    f"boundary_{cut_inside}.csv", cut_inside)
                out_dir = self.out(f"out_{cut_inside}")
                proc = run_itabench(TINY + [path], out_dir)
                self.assert_no_crash(proc)
                self.assertEqual(proc.returncode, 0, proc.stderr[-2000:])
                with open(os.path.join(out_dir, "data_quality_2564.csv"),
                          encoding="utf-8-sig", newline="") as f:
                    dups = [r for r in csv.DictReader(f)
                            if r["check"] == "duplicate"]
                # every duplicate row, lines 8 to the last: one run, one
                # warning, each of them repeating line 2
                self.assertEqual(len(dups), 1, dups)
                self.assertEqual(int(dups[0]["line"]), 8)
                self.assertIn(f"lines 8-{last_line} repeat "
                              f"{last_line - 7} values already given with "
                              f"the same values ({path}:2-2; office 11 in "
                              "2564): ignored", dups[0]["message"])
                self.assertEqual(office_ita(out_dir), ITA_OFFICE_11)

    def test_folder_linking_back_to_itself(self):
        folder = os.path.join(self.tmp.name, "in")
        os.mkdir(folder)
        self.write("in/scores.csv", HEADER + FULL_11)
        os.symlink("..", os.path.join(folder, "up"))
        os.symlink(".", os.path.join(folder, "here"))
        proc = run_itabench(TINY + [folder], self.out())
        self.assert_no_crash(proc)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(self.out(), "data_quality_2564.csv"),
                  encoding="utf-8-sig") as f:
            quality = f.read()
        self.assertIn("skipped: a link to a folder read already", quality)
        self.assertEqual(office_ita(self.out()), ITA_OFFICE_11)

    def test_links_branching_twice_per_level(self):
        # 25 levels, each with two links to the next: 2^25 paths, but 26
        # folders; each is read once (remembered by device and inode).
        root = os.path.join(self.tmp.name, "tree")
        levels = 25
        for i in range(levels + 1):
            os.makedirs(os.path.join(root, f"l{i}"))
        for i in range(levels):
            for name in ("x", "y"):
                os.symlink(f"../l{i + 1}", os.path.join(root, f"l{i}", name))
        self.write(f"tree/l{levels}/scores.csv", HEADER + FULL_11)
        proc = run_itabench(TINY + [os.path.join(root, "l0")], self.out(),
                            timeout=60)
        self.assert_no_crash(proc)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(office_ita(self.out()), ITA_OFFICE_11)

    def test_too_many_fields(self):
        path = self.write("wide_junk.csv",
                          HEADER + "2564,11,a1,80" + ",1" * 20000 + "\n")
        proc = run_itabench(TINY + [path], self.out())
        self.assert_no_crash(proc)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"{path}:2: error: the record that starts on this line "
                      "has more than 10000 fields", proc.stderr)

    def test_million_identical_rows_one_office(self):
        # 6 rows make office 11 complete; 999,994 more repeat them: one run
        # of repeated rows, so one warning (exit 0) with the line range.
        rows = 1_000_000
        repeats = rows - 6
        lines = FULL_11.splitlines(keepends=True)
        with open(self.write("million.csv", ""), "w") as f:
            f.write(HEADER + FULL_11)
            for i in range(repeats):
                f.write(lines[i % 6])
        path = os.path.join(self.tmp.name, "million.csv")
        status, stderr, peak_mib = run_measured(TINY + [path], self.out())
        self.assertEqual(status, 0, stderr[-2000:])
        # the repeats, and the two offices of the registry without scores
        self.assertIn("1 offices scored, 2 warnings", stderr)
        self.assertIn(f"{path}:8: warning: lines 8-{rows + 1} repeat "
                      f"{repeats} values already given with the same values "
                      f"({path}:2-7; office 11 in 2564): ignored", stderr)
        self.assertEqual(office_ita(self.out()), ITA_OFFICE_11)
        # Memory stays bounded: the file streams and only DIAG_KEEP findings
        # are kept (a million would take hundreds of MiB).  Sanitizers and
        # valgrind change the footprint: only checked on a plain build.
        # The peak counts this Python process's pages at fork time: compare
        # with a one-office run measured the same way.
        if not WRAP and "asan" not in BUILD:
            _, _, base_mib = run_measured(TINY + [f"{BAD}/ok_cp874.csv"],
                                          self.out("base"))
            self.assertLess(peak_mib - base_mib, 50)

    def test_million_conflicting_rows_one_office(self):
        rows = 1_000_000
        with open(self.write("conflicts.csv", ""), "w") as f:
            f.write(HEADER + FULL_11)
            for i in range(rows - 6):
                f.write(f"2564,11,a1,{i % 50 + 1}\n")
        path = os.path.join(self.tmp.name, "conflicts.csv")
        proc = run_itabench(TINY + [path], self.out())
        self.assert_no_crash(proc)
        self.assertEqual(proc.returncode, 1)
        # 1..50 cycle: 80 never comes back, so every extra row conflicts
        self.assertIn(f"itabench: {rows - 6} errors in the input; nothing "
                      "was written", proc.stderr)
        self.assertIn(f"{path}:8: error: score of a1 for office 11 in 2564 "
                      f"given twice with different values: 1 here, 80 at "
                      f"{path}:2", proc.stderr)
        # errors are never dropped: the last one (past DIAG_KEEP) is shown
        self.assertIn(f"{path}:{rows + 1}: error: score of a1 for office 11 "
                      f"in 2564 given twice with different values: "
                      f"{(rows - 7) % 50 + 1} here, 80 at {path}:2",
                      proc.stderr)
        self.assertEqual(proc.stderr.count(": error: "), rows - 6)
        self.assert_nothing_written(self.out())


class OutputSafety(unittest.TestCase):
    """Outputs never replace inputs, failures leave no temporaries."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="itabench-out-")
        self.addCleanup(self.tmp.cleanup)
        self.good = os.path.join(self.tmp.name, "good.csv")
        with open(self.good, "w") as f:
            f.write(HEADER + FULL_11)

    def test_refuses_to_overwrite_input(self):
        out_dir = os.path.join(self.tmp.name, "out")
        os.mkdir(out_dir)
        victim = os.path.join(out_dir, "results_2564.csv")
        with open(victim, "w") as f:
            f.write(HEADER + FULL_11)
        before = read_bytes(victim)
        # named through another spelling of the folder
        proc = run_itabench(TINY + [victim], out_dir + "/./")
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("would overwrite the input file " + victim,
                      proc.stderr)
        self.assertEqual(read_bytes(victim), before)
        self.assertEqual(sorted(os.listdir(out_dir)), ["results_2564.csv"])

    def test_refuses_to_overwrite_reference_file(self):
        out_dir = os.path.join(self.tmp.name, "out")
        os.mkdir(out_dir)
        registry = os.path.join(out_dir, "data_quality_2564.csv")
        with open(os.path.join(REPO, "tests/fixtures/tiny/offices.csv")) as f:
            text = f.read()
        with open(registry, "w") as f:
            f.write(text)
        proc = run_itabench(["--model", "tests/fixtures/tiny/model.csv",
                             "--districts", registry, "--no-office-books",
                             self.good], out_dir)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("would overwrite the input file " + registry,
                      proc.stderr)
        self.assertEqual(read_bytes(registry).decode(), text)

    def test_output_folder_under_a_file(self):
        proc = run_itabench(TINY + [self.good],
                            os.path.join(self.good, "out"))
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("cannot create the output folder", proc.stderr)

    def test_failed_write_keeps_earlier_outputs_and_no_temporaries(self):
        out_dir = os.path.join(self.tmp.name, "out")
        proc = run_itabench(TINY + [self.good], out_dir)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        results = os.path.join(out_dir, "results_2564.csv")
        first = read_bytes(results)
        # data_quality cannot be renamed over a folder: the run fails
        quality = os.path.join(out_dir, "data_quality_2564.csv")
        os.remove(quality)
        os.mkdir(quality)
        os.mkdir(os.path.join(quality, "keep"))
        proc = run_itabench(TINY + [self.good], out_dir)
        self.assertEqual(proc.returncode, 3, proc.stderr)
        self.assertIn("cannot write", proc.stderr)
        self.assertEqual(read_bytes(results), first)
        stray = [f for f in files_under(out_dir) if ".itabench-tmp-" in f]
        self.assertEqual(stray, [])

    def test_sweeps_temporaries_of_dead_runs_only(self):
        out_dir = os.path.join(self.tmp.name, "out")
        os.makedirs(os.path.join(out_dir, "offices"))
        # pid 2^22+1 is above Linux's default pid_max: never a live process
        dead = [os.path.join(out_dir, ".itabench-tmp-4194305-results_2564.csv-a1b2c3"),
                os.path.join(out_dir, "offices", ".itabench-tmp-4194305-x.xlsx-a1b2c3"),
                os.path.join(out_dir, ".itabench-tmp-old.csv-a1b2c3")]
        alive = os.path.join(out_dir, f".itabench-tmp-{os.getpid()}-y.csv-a1b2c3")
        for path in dead + [alive]:
            open(path, "w").close()
        proc = run_itabench(TINY + [self.good], out_dir)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for path in dead:
            self.assertFalse(os.path.exists(path), path)
        self.assertTrue(os.path.exists(alive))

    def test_csv_outputs_neutralise_formulas(self):
        # Office names from the registry that a spreadsheet would run.
        out_dir = os.path.join(self.tmp.name, "out")
        proc = run_itabench(["--model", "tests/fixtures/tiny/model.csv",
                             "--districts",
                             "tests/bad/registry_formula_names.csv",
                             "--no-office-books", self.good], out_dir)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(out_dir, "results_2564.csv"),
                  encoding="utf-8-sig", newline="") as f:
            row = next(r for r in csv.DictReader(f)
                       if r["office_code"] == "11")
        self.assertEqual(row["office_name_th"],
                         "'=HYPERLINK(\"http://example.invalid\",\"หนึ่ง\")")
        self.assertEqual(row["office_name_en"], "'@SUM(1+1)")
        self.assertEqual(row["zone"][:1], "'")
        # numbers are left alone, negative ones too
        self.assertEqual(float(row["ita"]), ITA_OFFICE_11)


if __name__ == "__main__":
    unittest.main()
