"""Extraction quality measurement against the labelled dev sets (pure scoring; loading is in ``dataset``).

``dataset`` reads the pages, ``prediction`` turns an extractor's output into comparable fields,
``metrics`` holds one scoring rule per field (as ``../shared/datasets/README.md`` defines them), and
``report`` scores a whole set field by field.
"""
