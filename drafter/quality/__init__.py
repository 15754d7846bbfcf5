"""Measuring drafts against real plans: which catalogue and kind texts come from which documents
(provenance), the task sentences of a real plan (units), and leave-one-out coverage.

Nothing here is used to draft a plan; it answers "would this draft be as good for a province whose
plan we never read?" by drafting each shared plan's province without that plan's sources.
"""
