"""Ways to enter a policy without writing YAML by hand: the schema walk shared by the template,
`fix`, `interview` and the spreadsheet form, and the first-contact checks."""
