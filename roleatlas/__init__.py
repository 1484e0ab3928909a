"""RoleAtlas: compare careers in AI and data from real job postings and salary records."""

__version__ = "0.1.0"

__all__ = ["__version__"]
