"""Real processes (review F9, F10, F13, F16) and the README's exit codes: Ctrl-C and SIGTERM
stop a parallel batch at once and leave no worker behind, a closed pipe is quiet, a full
stdout is exit 2 with the reason, symlink loops neither multiply nor hang a run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mgf_check import batch
from mgf_check.loading.policyfiles import expand

POLICY = Path(__file__).parent / "data" / "robustness" / "min-policy.yaml"
CLI = [sys.executable, "-m", "mgf_check"]


def many(folder: Path, count: int) -> Path:
    folder.mkdir()
    text = POLICY.read_bytes()
    for i in range(count):
        (folder / f"c{i:03d}.yaml").write_bytes(text)
    return folder


def group_members(pgid: int) -> list[int]:
    """Live processes of a process group (zombies excluded)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                out.append(int(entry.name))
    return out


def started_batch(tmp_path: Path) -> subprocess.Popen[bytes]:
    """A parallel batch, slow enough to interrupt (its workers are up when this returns)."""
    folder = many(tmp_path / "many", 150)
    proc = subprocess.Popen([*CLI, "check", str(folder), "-j", "2", "-f", "migof",
                             "-o", f"json={tmp_path / 'out.json'}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 20
    while len(group_members(proc.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(group_members(proc.pid)) >= 3, "the workers never started"
    return proc


@pytest.mark.parametrize(("how", "code"), [("ctrl-c", 130), ("sigterm", 143)])
def test_a_signal_stops_a_batch_at_once_and_leaves_no_worker(tmp_path: Path, how: str,
                                                             code: int) -> None:
    proc = started_batch(tmp_path)
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends: the whole group
    else:
        os.kill(proc.pid, signal.SIGTERM)  # what a supervisor sends: the parent only
    sent = time.monotonic()
    _, err = proc.communicate(timeout=10)
    # "at once": before the batch could finish (the report would then exist: the last line
    # checks it); the bound is loose because a loaded machine (the suite runs on every core)
    # delays the exit, not because stopping is slow
    assert time.monotonic() - sent < 5, "did not stop promptly"
    assert proc.returncode == code, err
    assert b"Traceback" not in err
    deadline = time.monotonic() + 2
    while group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_members(proc.pid) == [], "a worker outlived the run"
    assert not (tmp_path / "out.json").exists()  # nothing half-written


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    folder = many(tmp_path / "few", 12)
    reader = subprocess.Popen([*CLI, "check", str(folder), "-j", "1", "-F", "csv",
                               "-f", "migof"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None
    reader.stdout.close()  # like `| true`: the reader is gone before the report comes
    _, err = reader.communicate(timeout=20)
    assert reader.returncode == 141, err
    assert err == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_stdout_is_exit_2_with_the_reason() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([*CLI, "check", str(POLICY), "-f", "migof"], stdout=full,
                              stderr=subprocess.PIPE, timeout=20)
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "error: stdout: No space left on device"


def test_globs_never_follow_symlinked_folders(tmp_path: Path) -> None:
    """The review's loop: `loop/a -> .` and `loop/b -> .`: one file, found once, at once."""
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "city.yaml").write_bytes(POLICY.read_bytes())
    (loop / "a").symlink_to(".")
    (loop / "b").symlink_to(".")
    (loop / "same.yaml").symlink_to("city.yaml")
    for spec in (f"{loop}/**/*.yaml", str(loop)):
        assert [p.name for p in expand([spec])] == ["city.yaml"]


def test_jobs_are_capped_by_the_work_and_the_machine() -> None:
    cores = len(os.sched_getaffinity(0))
    assert batch.workers(100, 1000) == cores
    assert batch.workers(100, 3) == min(3, cores)
    assert batch.workers(None, 1000) == cores
    assert batch.workers(1, 1000) == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as a second user")
def test_a_folder_that_cannot_be_listed_is_a_failed_row(request: pytest.FixtureRequest) -> None:
    """F18: as another user, a folder they cannot list is reported, not skipped in silence."""
    import shutil
    import tempfile

    from mgf_check.pipeline import CheckOptions
    from tests.test_cache_trust import as_nobody

    root = Path(tempfile.mkdtemp(prefix="mgf-unlisted-"))
    request.addfinalizer(lambda: shutil.rmtree(root, ignore_errors=True))
    root.chmod(0o755)
    (root / "ok.yaml").write_bytes(POLICY.read_bytes())
    (root / "closed").mkdir(mode=0o700)
    (root / "closed" / "c.yaml").write_bytes(POLICY.read_bytes())
    result = root / "result.txt"
    result.touch(mode=0o666)
    result.chmod(0o666)

    def expand_as_nobody() -> None:
        files = expand([str(root)])
        row = batch.check_one(files[-1], (), batch.BatchSettings(CheckOptions(), False))
        result.write_text(f"{[f.name for f in files]} {row.summary.error}")

    as_nobody(expand_as_nobody)
    text = result.read_text()
    assert text.startswith("['ok.yaml', 'closed']"), text
    assert "closed: cannot list this folder" in text
