"""Extraction: skills, tools, certifications, degree, years of experience, sections,
responsibilities and industries from posting text. Pure functions;
:mod:`roleatlas.extract.batch` runs them over batches of postings in the build.
"""

from roleatlas.extract.education import extract_education
from roleatlas.extract.industries import company_key, infer_company_industries, map_industry
from roleatlas.extract.posting import (
    EXTRACTOR_VERSION,
    evaluate_skills,
    extract_batch,
    extract_posting,
)
from roleatlas.extract.responsibilities import extract_responsibilities, group_responsibilities
from roleatlas.extract.sections import split_sections
from roleatlas.extract.skill_taxonomy import load_skills
from roleatlas.extract.skills import extract_skills

__all__ = [
    "EXTRACTOR_VERSION",
    "extract_posting",
    "extract_batch",
    "extract_skills",
    "extract_education",
    "evaluate_skills",
    "load_skills",
    "split_sections",
    "extract_responsibilities",
    "group_responsibilities",
    "map_industry",
    "infer_company_industries",
    "company_key",
]
