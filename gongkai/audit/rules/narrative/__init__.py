"""Family N: what the 情况说明 states against the tables and against its own arithmetic.

The rules read `Document.claims` (see gongkai.recognize.claims); shared helpers live in `common`.
"""
