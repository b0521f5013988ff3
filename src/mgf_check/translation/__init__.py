"""Putting mgf-check in another language: the report chrome (`chrome`), the catalogue text
(`content`) and the upkeep of the gettext catalogues (`catalogs`). The message lookup itself,
used by every layer, is the small `mgf_check.i18n`."""
