"""Message catalogues: `update` (extract the template, update every .po), `compile` (.po ->
.mo) or `check` (exit 1 and list what is stale or untranslated, in the program's messages and
in the catalogue translations under frameworks/translations/). Uses Babel."""

from __future__ import annotations

import sys

from mgf_check.translation import catalogs


def main(argv: list[str]) -> int:
    from mgf_check.cli import help_texts

    command = argv[0] if argv else "check"
    helps = help_texts()
    if command == "update":
        catalogs.write_template(helps)
        for language in catalogs.translated():
            catalogs.update(language, helps)
    elif command == "compile":
        for language in catalogs.translated():
            catalogs.compile_mo(language)
    elif command == "check":
        from mgf_check.catalogue.loader import available, load_bundled
        from mgf_check.translation import content

        found = list(catalogs.problems(helps))
        for framework in (load_bundled(f) for f in available()):
            for language in catalogs.translated():
                found += [*content.missing(framework, language),
                          *content.stale(framework, language)]
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print("usage: python scripts/i18n.py update|compile|check", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
