"""The bundled framework catalogues (package data: mgf_check.frameworks)."""
