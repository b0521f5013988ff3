"""Many cities together: what a batch says as a whole, over time, and the files it is written to.

`summary` (the portfolio summary over comparison rows), `trend` (cities over several batches,
and the diff of two batches), and the outputs of a batch: `folder` (one report per city and an
index), `csvfiles` (the wide scores CSV and the Excel dialects), `workbook` (`-o FILE.xlsx`).
`summary` and `trend` are pure values; the three output modules write files.
"""
