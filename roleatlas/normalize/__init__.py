"""Normalization: role taxonomy, title → role and seniority, salary → annual USD, location,
remote and employment type. Pure functions; :mod:`roleatlas.normalize.batch` runs them over
batches of postings in the build.
"""

from roleatlas.normalize.employment import detect_employment_type, detect_remote
from roleatlas.normalize.location import Location, parse_location
from roleatlas.normalize.roles import (
    Role,
    Taxonomy,
    experience_level,
    load_taxonomy,
    seniority_from_experience,
)
from roleatlas.normalize.salary import SalaryParse, parse_salary
from roleatlas.normalize.salary_eval import evaluate_salaries
from roleatlas.normalize.salary_text import find_salaries_in_text
from roleatlas.normalize.titles import TitleClass, classify_title, classify_titles
from roleatlas.normalize.titles_eval import evaluate_titles

__all__ = [
    "Role",
    "Taxonomy",
    "load_taxonomy",
    "experience_level",
    "seniority_from_experience",
    "TitleClass",
    "classify_title",
    "classify_titles",
    "evaluate_titles",
    "SalaryParse",
    "parse_salary",
    "find_salaries_in_text",
    "evaluate_salaries",
    "Location",
    "parse_location",
    "detect_remote",
    "detect_employment_type",
]
