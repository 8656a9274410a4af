"""Golden files: saved real dev pages with the extractor's expected output (``make golden`` rewrites them).

``snapshot`` is the pure comparison form; ``regenerate`` writes ``<id>.json`` here (file I/O).
"""
