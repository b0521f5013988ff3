"""The condition vocabulary criteria are written in (used by the catalogue compiler and by
evaluation).

`combinators` compiles a condition (`compile_condition`) into leaves and `all`/`any`/`not`;
`operators` holds the leaf tests (`equals`, `in`, `min_items`, ...).
"""
