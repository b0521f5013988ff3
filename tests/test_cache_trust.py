"""The cache can only make a run faster (review F2), the README's promise "the cache never
changes a report": poisoned, damaged and planted entries are misses, the folder is private,
a shared one is refused, and another user's symlinks are never followed."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mgf_check.catalogue import cache, loader, references
from mgf_check.pipeline import CheckOptions, check_file

POLICY = Path(__file__).parent / "data" / "robustness" / "min-policy.yaml"


def statuses(folder: Path | None, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """MiGOF statuses of the minimal policy, loading through the cache in `folder`."""
    if folder is None:
        monkeypatch.setenv("MGF_CHECK_NO_CACHE", "1")
    else:
        monkeypatch.delenv("MGF_CHECK_NO_CACHE", raising=False)
        monkeypatch.setenv("MGF_CHECK_CACHE_DIR", str(folder))
    loader.load_bundled.cache_clear()
    references.load_references.cache_clear()
    report = check_file(POLICY, [loader.load_bundled("migof")], CheckOptions())
    return [r.status.value for r in report.results]


@pytest.fixture()
def truth(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    yield statuses(None, monkeypatch)
    loader.load_bundled.cache_clear()
    references.load_references.cache_clear()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("frameworks_migof_yaml-*.json"))


def rewrite(entry: Path, edit: object) -> None:
    """Edit an entry's data in place, keeping its digest line (a poisoner who knows the
    format but not the key) or, with the reviewer's script, writing plain JSON."""
    mac, _, payload = entry.read_bytes().partition(b"\n")
    data = json.loads(payload)
    edit(data)  # type: ignore[operator]
    entry.write_bytes(mac + b"\n" + json.dumps(data).encode())


def poison(data: dict) -> None:
    for criterion in data["criteria"]:  # the review's poison-cache.py: everything met
        criterion["subject"] = "/schema_version"
        criterion["met"] = {"path": "/schema_version", "exists": True}
        criterion.pop("applies_when", None)
        criterion.pop("competence", None)


DAMAGE = {
    "poison": poison,
    "priority": lambda d: d["criteria"][0].update(priority="bogus"),
    "weight": lambda d: d["criteria"][0].update(weight="heavy"),
    "markup": lambda d: d["groups"][0].update(title="[/x]"),
}


def test_the_cache_never_changes_a_report(tmp_path: Path, truth: list[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    assert statuses(folder, monkeypatch) == truth  # cold: fills the cache
    assert statuses(folder, monkeypatch) == truth  # warm: a verified hit
    assert "met" not in truth  # so a poisoned "everything met" would show
    for how, edit in DAMAGE.items():
        rewrite(entries(folder)[0], edit)
        assert statuses(folder, monkeypatch) == truth, how
    for raw in (b"not json", json.dumps({"criteria": []}).encode()):
        entries(folder)[0].write_bytes(raw)
        assert statuses(folder, monkeypatch) == truth, raw


def test_cache_folder_and_key_are_private(tmp_path: Path, truth: list[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "new" / "cache"
    statuses(folder, monkeypatch)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / cache.KEY_NAME).stat().st_mode) == 0o600
    assert all(stat.S_IMODE(e.stat().st_mode) == 0o600 for e in entries(folder))


def test_a_shared_cache_folder_is_refused_with_a_message(
        tmp_path: Path, truth: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    cache._warned.clear()
    assert statuses(shared, monkeypatch) == truth
    assert "is writable by other users; not using it" in capsys.readouterr().err
    assert list(shared.iterdir()) == []


def as_nobody(action: object) -> None:
    """Run `action()` in a forked child with the uid of `nobody` (a second user)."""
    nobody = pwd.getpwnam("nobody")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            action()  # type: ignore[operator]
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as a second user")
def test_another_users_symlinks_are_never_followed(tmp_path: Path, truth: list[str],
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   request: pytest.FixtureRequest) -> None:
    """The review's cache-symlink-attack.py, by a real second user: links planted at every
    name the cache could write, in a shared folder (refused) and in the victim's own."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    victim.chmod(0o600)
    # pytest's own folders are private to root: the shared folder sits where both users reach
    shared = Path(tempfile.mkdtemp(prefix="mgf-shared-"))
    request.addfinalizer(lambda: shutil.rmtree(shared, ignore_errors=True))
    shared.chmod(0o1777)
    filled = tmp_path / "filled"
    statuses(filled, monkeypatch)
    names = [p.name for p in filled.iterdir()]
    pid = int(Path("/proc/sys/kernel/ns_last_pid").read_text())

    def plant() -> None:
        for name in names:
            os.symlink(victim, shared / name)
            for n in range(pid, pid + 50):
                os.symlink(victim, shared / f"{name}.{n}.tmp")

    as_nobody(plant)
    cache._warned.clear()
    assert statuses(shared, monkeypatch) == truth
    assert victim.read_text() == "precious\n"
    # in a private folder, an entry replaced by a symlink is a miss, never read through
    for entry in entries(filled):
        entry.unlink()
        entry.symlink_to(victim)
    assert statuses(filled, monkeypatch) == truth
    assert victim.read_text() == "precious\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to chown")
def test_a_cache_folder_of_another_user_is_refused(tmp_path: Path, truth: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, pwd.getpwnam("nobody").pw_uid, -1)
    cache._warned.clear()
    assert statuses(theirs, monkeypatch) == truth
    assert list(theirs.iterdir()) == []
