"""`check DIR -o out/`: a report per city named from the city, and the index linking them."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mgf_check.comparison import CitySummary
from mgf_check.portfolio.folder import stems
from mgf_check.portfolio.summary import slug

from .conftest import EXAMPLES


def _row(path: str, name: str, country: str = "XX") -> CitySummary:
    return CitySummary(path, name, country, None, {}, (), {}, ())


def test_slugs_fold_accents_and_stay_stable() -> None:
    assert slug("São Paulo de Olivença") == "sao-paulo-de-olivenca"
    assert slug("Peñas / \"Old\" town") == "penas-old-town"
    names = stems([_row("a/x.yaml", "Riverton", "PL"), _row("b/x.yaml", "Riverton", "PL"),
                   _row("c.yaml", "Peñas", "ES"), _row("d.yaml", "", "")])
    assert names == {"a/x.yaml": "riverton-pl--a-x", "b/x.yaml": "riverton-pl--b-x",
                     "c.yaml": "penas-es", "d.yaml": "d"}
    # the same set in another order gives the same names
    assert stems([_row("b/x.yaml", "Riverton", "PL"), _row("a/x.yaml", "Riverton", "PL")]) \
        == {"a/x.yaml": "riverton-pl--a-x", "b/x.yaml": "riverton-pl--b-x"}


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from mgf_check.cli import app

    src = tmp_path_factory.mktemp("cities")
    for path in EXAMPLES:
        shutil.copy(path, src / path.name)
    (src / "broken.yaml").write_text("city: [\n", encoding="utf-8")
    out = src.parent / "out"
    result = CliRunner().invoke(app, ["check", str(src), "-o", f"{out}/",
                                      "-o", f"json={out}/", "--by", "gcm"])
    assert result.exit_code == 2, result.output  # a broken file: exit 2, the rest written
    return out


def test_folder_holds_a_report_per_city_and_an_index(portfolio: Path) -> None:
    cities = sorted(p.name for p in (portfolio / "cities").iterdir())
    assert cities == [f"{stem}{suffix}" for stem in
                      ("coral-bay-jp", "kestrel-falls-gt", "lumenport-ca", "riverton-pl")
                      for suffix in (".html", ".json")]
    index = (portfolio / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(cities/[^"]+)"', index)
    assert sorted(set(links)) == [f"cities/{c}" for c in cities if c.endswith(".html")]
    assert "broken.yaml" in index and 'id="portfolio"' in index
    data = json.loads((portfolio / "portfolio.json").read_text(encoding="utf-8"))
    assert data["portfolio"]["by"] == "gcm" and data["portfolio"]["view"]
    assert [f["path"].rsplit("/", 1)[-1] for f in data["portfolio"]["failed"]] == \
        ["broken.yaml"]
    city = json.loads((portfolio / "cities" / "lumenport-ca.json").read_text("utf-8"))
    assert city["kind"] == "check" and city["policy"]["city"]["name"] == "Lumenport"
    assert all(c["documented"]["migof"]["assessed"] > 0 for c in data["cities"] if c["scores"])
    page = (portfolio / "cities" / "lumenport-ca.html").read_text(encoding="utf-8")
    assert page.count('href="../index.html"') == 1  # the way back; nothing else changes
    assert "Documented</th>" in index and "score per group" in index
    assert "alignment" not in index.lower()  # one word for the number, as in city pages


def test_single_city_to_a_folder(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("check", str(EXAMPLES[0]), "-o", f"{tmp_path / 'one'}/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "one" / "index.html").is_file()
    assert len(list((tmp_path / "one" / "cities").glob("*.html"))) == 1


def test_two_output_folders_are_refused(cli: Callable[..., Any], tmp_path: Path) -> None:
    result = cli("check", str(EXAMPLES[0]), "-o", f"{tmp_path / 'a'}/",
                 "-o", f"{tmp_path / 'b'}/")
    assert result.exit_code == 2 and "two output folders" in result.stderr


@pytest.mark.browser
def test_index_opens_in_chromium_and_every_link_works(portfolio: Path, browser: Any) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((portfolio / "index.html").as_uri())
    hrefs = sorted(set(page.eval_on_selector_all(
        "a[href^='cities/']", "els => els.map(e => e.getAttribute('href'))")))
    assert len(hrefs) == 4
    for href in hrefs:  # every link leads to a city's report (read, not rendered again)
        html = (portfolio / href).read_text(encoding="utf-8")
        assert re.search(r"<title>mgf-check report: [^<]+</title>", html), href
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: no sideways page,
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first = page.eval_on_selector("table.heat-table td.city",  # the heat map scrolls in its
                                  "el => getComputedStyle(el).position")  # own box, its city
    assert first == "sticky"  # column stays put
    page.click(f"a[href='{hrefs[0]}']")  # a real click follows a link
    page.wait_for_load_state()
    assert page.url.endswith(hrefs[0]) and page.title().startswith("mgf-check report: ")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("nav.back-link a")  # each city's page links back to the index
    page.wait_for_load_state()
    assert page.url == (portfolio / "index.html").as_uri()
    page.close()
    assert errors == []
