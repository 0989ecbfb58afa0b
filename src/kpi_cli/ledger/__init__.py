"""The ledger: an append-only, hash-chained CSV file (or folder of writer files) of yearly actuals.

``format`` is the spec; ``scan_reference`` and ``scan_fast`` read one file; ``read`` reads a
whole ledger; ``write`` appends; ``head`` remembers what was written; ``repair`` undoes a
spreadsheet's re-save; ``new_rows`` turns input into rows; ``verify`` reports problems.
"""
