"""The criterion id rule, and the old ids that still resolve.

Every bundled criterion id is `PREFIX-GROUP.NN`: the serial after the dot always has two digits
(`MIGOF-P1.01`, `LMGI-D1.01`, `MICIC-G06.01`). Until catalogue 2026.2 MiGOF and MICIC wrote a
single digit (`MIGOF-P1.1`, `MICIC-G06.1`); wherever a user writes an id (waivers, `explain`,
a custom catalogue's select/drop/override) the old form still resolves, with a deprecation
note naming the new id.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_SHORT_SERIAL = re.compile(r"^(?P<head>[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9]+)\.(?P<serial>\d)$")


def padded(criterion_id: str) -> str | None:
    """The two-digit form of an id written with a one-digit serial, else None."""
    match = _SHORT_SERIAL.match(criterion_id)
    if match is None:
        return None
    return f"{match['head']}.{match['serial'].zfill(2)}"


def resolve(criterion_id: str, known: Collection[str]) -> tuple[str, str | None]:
    """(id to use, deprecation note or None): an old one-digit id maps to its padded form
    when only the padded form is known."""
    if criterion_id in known:
        return criterion_id, None
    new = padded(criterion_id)
    if new is not None and new in known:
        return new, deprecation(criterion_id, new)
    return criterion_id, None


def deprecation(old: str, new: str) -> str:
    """The note shown when an old id is used."""
    return (f"{old} is an old criterion id; it now reads {new} (serials have two digits): "
            f"write {new}, the old form will stop working in a later release")
