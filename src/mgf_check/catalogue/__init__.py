"""Stage 3: the framework catalogues (`frameworks/*.yaml`).

`loader` finds and loads bundled or custom catalogues (the entry point: `load`,
`load_bundled`, `BUNDLED`); `compile` turns a validated document into a `Framework`;
`extend` applies a custom catalogue's `extends`; `references` holds the crosswalk reference
lists; `cache` is the on-disk parse cache both use.
"""
