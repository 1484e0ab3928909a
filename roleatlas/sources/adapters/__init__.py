"""Source adapters, one module per format. Each module lists its adapters in ``SOURCES``.

Adding a source is adding one module here; :mod:`roleatlas.sources.registry` finds it.
"""
