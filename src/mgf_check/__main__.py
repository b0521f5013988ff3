"""Run the command line with `python -m mgf_check`."""

from mgf_check.cli import main

main()
