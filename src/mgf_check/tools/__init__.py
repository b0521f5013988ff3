"""Side features built on the pipeline's values, not stages of it: the catalogue docs
(`docsgen`), the policy template for `init` (`template`) and one criterion in full for the
`explain` command (`explain`).
"""
