"""Reading and validating input files: profiles, the task catalogue, plan kinds, national data,
reviewers' overrides. Every file goes through yamlio.load then a cerberus schema then the
cross-reference checks, so every input reports problems as `file:line:column: field: message`.
"""
