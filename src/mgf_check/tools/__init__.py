"""Side features built on the pipeline's values, not stages of it: the catalogue docs
(`docsgen`), the policy template for `init` (`template`), one criterion in full for the
`explain` command (`explain`), and two checks for catalogue authors: the judgement rules
generated over every criterion (`rules`, run by `scripts/check_rules.py`) and which policy
fields no criterion reads (`coverage`).
"""
