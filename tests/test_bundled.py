"""Bundled frameworks and crosswalk keys are discovered from the data files in `frameworks/`
(mgf_check/catalogue/bundled.py): every file describes itself completely, and a toy framework
plus a toy crosswalk list added to a copy of the folder reach the CLI choices and help, the CSV
columns, a check with `--by`, the schemas and the docs, with no code edited."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mgf_check.catalogue import bundled
from mgf_check.tools.derived import (
    CATALOGUE_FORMAT,
    CONFIG_SCHEMA,
    DERIVED,
    FRAMEWORK_SCHEMA,
    README,
    REPORT_SCHEMA,
    expected,
    missing_mentions,
)

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"
SCHEMAS = Path("src/mgf_check/schemas")


def test_every_data_file_describes_itself() -> None:
    orders = []
    for path in sorted(FRAMEWORKS.glob("*.yaml")):
        order = bundled.header(path, "framework", ("order",)).get("order")
        assert isinstance(order, int), f"{path.name}: add framework.order"
        orders.append(order)
    assert len(set(orders)) == len(orders), "two bundled catalogues share an order"
    keys = bundled.crosswalks(FRAMEWORKS)
    assert sorted(c.key for c in keys) == sorted(
        p.stem for p in (FRAMEWORKS / "references").glob("*.yaml"))
    for c in keys:
        assert c.order < bundled.LAST and c.name and c.refs, f"{c.key}: complete `crosswalk:`"
    assert len({c.order for c in keys}) == len(keys) and len({c.view for c in keys}) == len(keys)


def test_discovery_keeps_the_order_reports_have_always_used() -> None:
    assert bundled.bundled_frameworks(FRAMEWORKS) == ("migof", "local-mgi", "micic")
    assert bundled.ref_keys(FRAMEWORKS) == ("migof", "local_mgi", "micic", "gcm", "sdg", "nua")
    assert list(bundled.views(FRAMEWORKS).items()) == [
        ("gcm", "gcm"), ("sdg", "sdg"), ("nua", "nua"), ("migof", "migof"),
        ("dimension", "local_mgi"), ("phase", "micic")]
    assert bundled.agenda_keys(FRAMEWORKS) == ("gcm", "sdg", "nua")


TOY_CATALOGUE = """\
catalogue_version: 1
framework:
  id: toy
  order: 4
  title: Toy framework
groups:
  - {id: G, title: Toy group}
criteria:
  - id: TOY-G.01
    group: G
    title: A toy strategy
    question: Does the city have a migration strategy?
    priority: core
    weight: 1
    subject: /governance/strategy
    met: {path: /governance/strategy/status, in: [implemented]}
    met_means: Implemented.
    recommendation: Adopt and implement a strategy.
    derived_from: {framework: Toy, element: E, document: D, year: 2026, basis: L4}
    refs: {toy_list: [T1]}
    examples:
      met: {governance: {strategy: {status: implemented}}}
      unmet: {governance: {strategy: {status: none}}}
"""
TOY_LIST = """\
reference: toy_list
title: Toy reference list
short_title: Toy
crosswalk:
  order: 7
  view: toy
  name: TOY
  agenda: true
  refs: "Toy targets T1-T2."
items:
  - {id: T1, title: First toy target}
  - {id: T2, title: Second toy target}
"""
POLICY = """\
schema_version: 1
city: {name: Toyville, country: PL}
assessment: {date: 2026-01-01}
governance: {strategy: {status: implemented}}
"""
#: Runs the CLI with the bundled data of another tree: `mgf_check.frameworks` from argv[1] and
#: the JSON schemas from argv[2]. Prints the CSV columns, `check --help`, then the command in
#: argv[3:], each followed by a marker line.
RUN = """\
import sys, types
from pathlib import Path
folder = sys.argv[1]
package = types.ModuleType("mgf_check.frameworks")
package.__file__, package.__path__ = folder + "/__init__.py", [folder]
sys.modules["mgf_check.frameworks"] = package
import mgf_check.schema.validation
mgf_check.schema.validation.SCHEMA_DIR = Path(sys.argv[2])
from mgf_check.cli import app
from mgf_check.reporters.csv_ import COLUMNS
print(",".join(COLUMNS))
print("=====")
for argv in (["check", "--help"], sys.argv[3:]):
    try:
        app(argv, prog_name="mgf-check")
    except SystemExit:
        pass
    print("=====")
"""


def test_a_toy_framework_and_crosswalk_are_data_only(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FRAMEWORKS, root / "frameworks",
                    ignore=shutil.ignore_patterns("__pycache__", "translations"))
    shutil.copytree(ROOT / SCHEMAS, root / SCHEMAS)
    for path in [CATALOGUE_FORMAT, README]:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / path, root / path)
    (root / "frameworks" / "toy.yaml").write_text(TOY_CATALOGUE, encoding="utf-8")
    (root / "frameworks" / "references" / "toy_list.yaml").write_text(TOY_LIST,
                                                                      encoding="utf-8")
    folder = root / "frameworks"
    assert bundled.bundled_frameworks(folder)[-1] == "toy"
    assert list(bundled.views(folder))[:4] == ["gcm", "sdg", "nua", "toy"]
    # what is written down follows, and the check names what to regenerate
    new = expected(root)
    assert "toy" in json.loads(new[CONFIG_SCHEMA])["properties"]["by"]["enum"]
    assert "toy" in json.loads(new[CONFIG_SCHEMA])["properties"]["frameworks"]["description"]
    assert "toy" in json.loads(new[REPORT_SCHEMA])["$defs"]["check"]["properties"]["view"][
        "oneOf"][1]["properties"]["by"]["enum"]
    refs = json.loads(new[FRAMEWORK_SCHEMA])["properties"]["criteria"]["items"]["properties"][
        "refs"]["properties"]
    assert refs["toy_list"]["description"] == "Toy targets T1-T2."
    assert all(new[path] != (root / path).read_text(encoding="utf-8") for path in DERIVED)
    assert any("migof|local-mgi|micic|toy|path/to/custom.yaml" in m
               for m in missing_mentions(root))
    for path, text in new.items():  # what `python scripts/gen_derived.py` does
        (root / path).write_text(text, encoding="utf-8")
    # the CLI follows at once: help, choices, CSV columns, a check regrouped by the new key
    policy = tmp_path / "toyville.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    env = {**os.environ, "MGF_CHECK_NO_CACHE": "1", "COLUMNS": "200", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", RUN, str(folder), str(root / SCHEMAS),
                           "check", str(policy),
                           "-f", "toy", "--by", "toy", "--format", "json"],
                          capture_output=True, text=True, env=env, check=False, timeout=120)
    parts = done.stdout.split("=====\n")
    assert len(parts) == 4, done.stdout + done.stderr
    columns, help_text, report, _ = parts
    assert columns.strip().endswith(",refs_toy_list")
    flat = " ".join(help_text.split())
    assert "migof, local-mgi, micic, toy" in flat and "gcm, sdg, nua, toy, migof" in flat, flat
    data = json.loads(report)
    assert data["view"]["by"] == "toy" and data["view"]["title"] == "Toy reference list"
    assert [g["id"] for g in data["view"]["groups"]] == ["T1"]
    assert [(r["id"], r["status"]) for r in data["results"]] == [("TOY-G.01", "met")]


def test_headers_read_without_yaml_match_yaml(tmp_path: Path) -> None:
    import yaml

    for path in sorted((FRAMEWORKS / "references").glob("*.yaml")):
        full = yaml.safe_load(path.read_text(encoding="utf-8"))["crosswalk"]
        fields = bundled.CROSSWALK_FIELDS
        assert bundled.header(path, "crosswalk", fields) == {f: full[f] for f in fields
                                                             if f in full}
    odd = tmp_path / "odd.yaml"
    odd.write_text('reference: odd\ncrosswalk:  # a comment\n  order: 3  # third\n'
                   "  name: 'single: quoted'\n  refs: >-\n    folded\n    text\n"
                   '  view: "\\x41"\n  source:\n    deep: 1\nitems: []\n', encoding="utf-8")
    assert bundled.header(odd, "crosswalk", ("order",)) == {"order": 3}  # no YAML needed
    assert bundled.header(odd, "crosswalk", ("order", "name", "refs", "view")) == {
        "order": 3, "name": "single: quoted", "refs": "folded text", "view": "A"}
    assert bundled.header(odd, "framework", ("order",)) == {}


def test_no_help_message_holds_a_registry_list() -> None:
    """The lists a new framework, format or crosswalk view extends are placeholders in the
    `--help` message ids, filled in after translation: adding one changes no message, so no
    translation goes stale (the FR/ES catalogues would fail `tests/entry/test_i18n.py`)."""
    from mgf_check.catalogue.references import VIEWS
    from mgf_check.cli import help_texts
    from mgf_check.cli.helptext import REGISTRY_LISTS, fill
    from mgf_check.reporters import REPORTERS

    lists = {"{frameworks}": ", ".join(bundled.bundled_frameworks()),
             "{formats}": ", ".join(REPORTERS), "{views}": ", ".join(VIEWS)}
    messages = help_texts()
    for placeholder, shown in lists.items():
        assert [m for m in messages if shown in m] == [], placeholder
        using = [m for m in messages if placeholder in m]
        assert using, f"no help text uses {placeholder}"
        assert all(shown in fill(m) for m in using)
    assert set(REGISTRY_LISTS) == set(lists)
