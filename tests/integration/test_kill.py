"""A run killed while it writes its workbooks leaves only complete files.

A bigger input (build/itagen --offices 400: 400 offices, so 400 office
workbooks) is scored once to completion: the reference outputs.  Then runs
into fresh folders are killed with SIGKILL at several points while they
write, and every file left under a real output name must be complete: CSVs
byte-identical to the reference (the outputs are deterministic), workbooks
valid zip archives that openpyxl opens.  Only hidden temporaries may be left
by SIGKILL, and the next run into the same folder removes them.  SIGTERM and
SIGINT runs must leave no temporary at all (the handlers remove them).

The test uses whatever outputs the program writes, so it holds as writers
are added.
"""
import csv
import os
import shlex
import signal
import subprocess
import tempfile
import time
import unittest
import zipfile

try:
    import openpyxl
except ImportError:  # the zip check still runs
    openpyxl = None

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
ITABENCH = os.path.join(REPO, BUILD, "itabench")
ITAGEN = os.path.join(REPO, BUILD, "itagen")
WRAP = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
TEMP_MARK = ".itabench-tmp-"
# Sanitizers make each run several times slower: fewer offices suffice to
# catch a run in the middle of its workbooks.
OFFICES = 120 if "asan" in BUILD or WRAP else 400
# Points of the reference run's duration at which runs are killed.
KILL_FRACTIONS = (0.2, 0.55, 0.85)
# Newest workbooks opened with openpyxl after each kill (all are zip-checked).
OPENPYXL_SAMPLE = 6


def outputs_in(folder):
    """Real outputs (relative paths) and temporaries under folder."""
    real, temps = [], []
    for root, _, files in os.walk(folder):
        for name in files:
            path = os.path.relpath(os.path.join(root, name), folder)
            (temps if name.startswith(TEMP_MARK) else real).append(path)
    return sorted(real), sorted(temps)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class KilledRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="itabench-kill-")
        cls.inputs = os.path.join(cls.tmp.name, "inputs")
        subprocess.run([ITAGEN, "--offices", str(OFFICES), "--out",
                        cls.inputs], check=True, capture_output=True)
        cls.registry = os.path.join(cls.inputs, "reference",
                                    f"offices_{OFFICES}.csv")
        cls.reference = os.path.join(cls.tmp.name, "reference-out")
        start = time.monotonic()
        proc = subprocess.run(cls.command(cls.reference), cwd=REPO,
                              capture_output=True, text=True)
        cls.duration = time.monotonic() - start
        if proc.returncode != 0:
            raise AssertionError("reference run failed: " + proc.stderr)
        cls.reference_files, temps = outputs_in(cls.reference)
        if temps:
            raise AssertionError(f"temporaries after a full run: {temps}")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def command(cls, out_dir):
        return WRAP + [ITABENCH, cls.inputs, "-o", out_dir,
                       "--districts", cls.registry, "-q"]

    def start(self, out_dir):
        return subprocess.Popen(self.command(out_dir), cwd=REPO,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)

    def kill_after(self, out_dir, delay, sig):
        proc = self.start(out_dir)
        time.sleep(delay)
        proc.send_signal(sig)
        proc.wait()
        return proc.returncode

    def kill_when_writing_workbooks(self, out_dir, sig):
        """Kills once a few workbooks are in place, so that more are being
        written; returns None when the run ended first."""
        proc = self.start(out_dir)
        while proc.poll() is None:
            real, _ = outputs_in(out_dir) if os.path.isdir(out_dir) else ([], [])
            if sum(f.endswith(".xlsx") for f in real) >= 3:
                proc.send_signal(sig)
                proc.wait()
                return proc.returncode
            time.sleep(0.002)
        return None

    def assert_complete(self, out_dir):
        real, temps = outputs_in(out_dir)
        self.assertTrue(set(real) <= set(self.reference_files),
                        f"unexpected files: {set(real) - set(self.reference_files)}")
        workbooks = []
        for rel in real:
            path = os.path.join(out_dir, rel)
            if rel.endswith(".csv"):
                self.assertEqual(read_bytes(path),
                                 read_bytes(os.path.join(self.reference, rel)),
                                 rel)
                with open(path, encoding="utf-8-sig", newline="") as f:
                    rows = list(csv.reader(f))
                self.assertGreaterEqual(len(rows), 1, rel)  # the header
            elif rel.endswith(".xlsx"):
                with zipfile.ZipFile(path) as z:
                    self.assertIsNone(z.testzip(), rel)
                    self.assertIn("[Content_Types].xml", z.namelist())
                workbooks.append(path)
            else:
                self.assertEqual(read_bytes(path),
                                 read_bytes(os.path.join(self.reference, rel)),
                                 rel)
        if openpyxl:
            workbooks.sort(key=os.path.getmtime)
            for path in workbooks[-OPENPYXL_SAMPLE:]:
                book = openpyxl.load_workbook(path, read_only=True)
                self.assertGreater(len(book.sheetnames), 0, path)
                book.close()
        return real, temps

    def test_sigkill_leaves_only_complete_files(self):
        caught_mid_write = 0
        for i, fraction in enumerate(KILL_FRACTIONS):
            with self.subTest(fraction=fraction):
                out_dir = os.path.join(self.tmp.name, f"kill{i}")
                status = self.kill_after(out_dir, self.duration * fraction,
                                         signal.SIGKILL)
                real, _ = self.assert_complete(out_dir)
                if status == -signal.SIGKILL and 0 < len(real) < len(self.reference_files):
                    caught_mid_write += 1
        with self.subTest("killed while writing workbooks"):
            out_dir = os.path.join(self.tmp.name, "kill-workbooks")
            status = self.kill_when_writing_workbooks(out_dir, signal.SIGKILL)
            real, _ = self.assert_complete(out_dir)
            if status == -signal.SIGKILL and len(real) < len(self.reference_files):
                caught_mid_write += 1
        # at least one kill must have hit a run with outputs half done,
        # otherwise this test proved nothing
        self.assertGreater(caught_mid_write, 0)

    def test_next_run_sweeps_and_completes(self):
        out_dir = os.path.join(self.tmp.name, "rerun")
        self.kill_after(out_dir, self.duration * 0.5, signal.SIGKILL)
        # Hidden temporaries of the killed run may remain; make sure there
        # is one for the sweep to remove.
        os.makedirs(os.path.join(out_dir, "offices"), exist_ok=True)
        stale = os.path.join(out_dir, "offices",
                             TEMP_MARK + "4194305-x.xlsx-Ab12Cd")
        open(stale, "w").close()
        proc = subprocess.run(self.command(out_dir), cwd=REPO,
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        real, temps = self.assert_complete(out_dir)
        self.assertEqual(temps, [])
        self.assertEqual(real, self.reference_files)

    def test_sigterm_and_sigint_remove_temporaries(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(signal=sig.name):
                out_dir = os.path.join(self.tmp.name, f"term-{sig.name}")
                status = self.kill_when_writing_workbooks(out_dir, sig)
                if status is None:  # no workbooks: stop half-way instead
                    status = self.kill_after(out_dir, self.duration * 0.5, sig)
                _, temps = self.assert_complete(out_dir)
                if status == -sig:
                    self.assertEqual(temps, [])


if __name__ == "__main__":
    unittest.main()
