"""Word lists behind the title classifier: synonyms, head nouns, modifiers and seniority markers.

Derived by reading O*NET 29.3 alternate/reported titles and the job titles of the bundled
posting and salary files; nothing here is read from the data directory at run time.
"""

from __future__ import annotations

# Short role codes used in the tables below; expanded to taxonomy slugs by ``ROLE_CODES``.
ROLE_CODES = {
    "ds": "data-scientist",
    "as": "applied-scientist",
    "st": "statistician",
    "qa": "quantitative-analyst",
    "mle": "machine-learning-engineer",
    "mlops": "mlops-engineer",
    "ai": "ai-engineer",
    "cv": "computer-vision-engineer",
    "nlp": "nlp-engineer",
    "pe": "prompt-engineer",
    "rs": "research-scientist",
    "re": "research-engineer",
    "de": "data-engineer",
    "ae": "analytics-engineer",
    "darch": "data-architect",
    "dba": "database-administrator",
    "dga": "data-governance-analyst",
    "da": "data-analyst",
    "bia": "business-intelligence-analyst",
    "bie": "business-intelligence-engineer",
    "ba": "business-analyst",
    "pa": "product-analyst",
    "ma": "marketing-analyst",
    "dsm": "data-science-manager",
    "mlm": "machine-learning-manager",
    "am": "analytics-manager",
    "dem": "data-engineering-manager",
    "hds": "head-of-data-science",
    "hml": "head-of-machine-learning",
    "hd": "head-of-data",
    "cdo": "chief-data-officer",
    "aipm": "ai-product-manager",
    "sa": "solutions-architect",
    "swe": "software-engineer",
    "o": "other",
}

# Single-token rewrites applied before anything else (abbreviations, plurals, spellings).
TOKEN_SYNONYMS = {
    "sr": "senior",
    "snr": "senior",
    "sen": "senior",
    "jr": "junior",
    "jnr": "junior",
    "mgr": "manager",
    "mngr": "manager",
    "manger": "manager",
    "dir": "director",
    "engr": "engineer",
    "eng": "engineer",
    "engineers": "engineer",
    "dev": "developer",
    "developers": "developer",
    "programmers": "programmer",
    "scientists": "scientist",
    "analysts": "analyst",
    "architects": "architect",
    "managers": "manager",
    "sciences": "science",
    "analytic": "analytics",
    "modeller": "modeler",
    "modelling": "modeling",
    "admin": "administrator",
    "sw": "software",
    "quant": "quantitative",
    "quants": "quantitative",
    "stats": "statistics",
    "statistic": "statistics",
    "visualisation": "visualization",
    "viz": "visualization",
    "optimisation": "optimization",
    "genai": "ai",
    "llm": "ai",
    "llms": "ai",
    "bigdata": "big data",
    "dataops": "data operations",
    "datacentre": "datacenter",
    "principle": "principal",
    "ml": "ml",
    "powerbi": "bi",
    "tableau": "bi",
    "looker": "bi",
    "qlik": "bi",
    "qlikview": "bi",
    "specialists": "specialist",
    "consultants": "consultant",
    "researchers": "researcher",
    "interns": "intern",
    "internship": "intern",
    "apprenticeship": "apprentice",
    "trainees": "trainee",
    "vicepresident": "vp",
    "svp": "vp",
    "evp": "vp",
    "biostatistician": "statistician",
    "biostatisticians": "statistician",
    "statisticians": "statistician",
    "dbas": "dba",
    "datos": "data",
    "daten": "data",
    "swe": "software engineer",
    "swes": "software engineer",
    "sde": "software engineer",
    "mle": "ml engineer",
    "mles": "ml engineer",
    "fde": "fdeployed engineer",
    "fdes": "fdeployed engineer",
    "dwh": "data warehouse",
    "agentic": "ai",
    "rag": "ai",
    "teamlead": "lead",
    "techlead": "lead",
    "infra": "infrastructure",
    # German job words, after accents are folded away ("für" -> "fur"); gendered forms
    # ("Analyst:in", "Entwickler*innen") are reduced to the base word before this table.
    "ki": "ai",
    "und": "and",
    "datenanalyst": "data analyst",
    "datenanalysten": "data analyst",
    "datenanalytiker": "data analyst",
    "datenanalyse": "data analysis",
    "datenanalysen": "data analysis",
    "dateningenieur": "data engineer",
    "datenwissenschaftler": "data scientist",
    "datenbankentwickler": "database developer",
    "datenbankadministrator": "database administrator",
    "datenarchitekt": "data architect",
    "webanalyst": "web analyst",
    "analytik": "analytics",
    "entwickler": "developer",
    "softwareentwickler": "software developer",
    "anwendungsentwickler": "application developer",
    "programmierer": "programmer",
    "entwicklung": "development",
    "softwareentwicklung": "software development",
    "wissenschaftler": "scientist",
    "statistiker": "statistician",
    "berater": "consultant",
    "spezialist": "specialist",
    "experte": "expert",
    "referent": "specialist",
    "fachreferent": "specialist",
    "sachbearbeiter": "specialist",
    "sachbearbeitung": "specialist",
    "mitarbeiter": "professional",
    "leiter": "head",
    "leitung": "head",
    "abteilungsleiter": "head",
    "abteilungsleitung": "head",
    "bereichsleiter": "head",
    "bereichsleitung": "head",
    "teamleiter": "lead",
    "teamleitung": "lead",
    "gruppenleiter": "lead",
    "gruppenleitung": "lead",
    "projektleiter": "project manager",
    "projektleitung": "project manager",
    "projektmanager": "project manager",
    "produktmanager": "product manager",
    "praktikum": "intern",
    "praktikantin": "praktikant",
    "werkstudentin": "werkstudent",
    "werkstudenten": "werkstudent",
    "werkstudententatigkeit": "werkstudent",
    "studentische": "werkstudent",
    "praxissemester": "intern",
    "abschlussarbeit": "intern",
    "absolvent": "graduate",
    "berufseinsteiger": "entrylevel",
    "aktuar": "actuary",
    "maschinelles": "machine",
    "lernen": "learning",
}

# Multi-word rewrites (longest first), applied after TOKEN_SYNONYMS.
PHRASES = {
    "machine learning": "ml",
    "deep learning": "ml",
    "ml ai": "ml",
    "ai ml": "ml",
    "artificial intelligence": "ai",
    "generative ai": "ai",
    "gen ai": "ai",
    "large language model": "ai",
    "large language models": "ai",
    "business intelligence": "bi",
    "power bi": "bi",
    "natural language processing": "nlp",
    "natural language": "nlp",
    "computer vision": "computervision",
    "image processing": "computervision",
    "ml ops": "mlops",
    "machine learning operations": "mlops",
    "ml operations": "mlops",
    "ml platform": "mlops",
    "ml infrastructure": "mlops",
    "ai platform": "mlops",
    "ai infrastructure": "mlops",
    "ai agent": "ai",
    "ai agents": "ai",
    "kunstliche intelligenz": "ai",
    "forward deployed": "fdeployed",
    # Contract work writing code or text to train AI models, not building AI products.
    "ai training": "aitraining",
    "training ai": "aitraining",
    "training ai data": "aitraining",
    "ai trainer": "aitrainer",
    "ai trainers": "aitrainer",
    "forward deployment": "fdeployed",
    "duales studium": "intern",
    "data center": "datacenter",
    "data centre": "datacenter",
    "data entry": "dataentry",
    "data link": "datalink",
    "data protection": "dataprotection",
    "vice president": "vp",
    "senior vice president": "vp",
    "executive vice president": "vp",
    "co op": "coop",
    "entry level": "entrylevel",
    "mid level": "midlevel",
    "mid senior": "midlevel",
    "early career": "earlycareer",
    "new grad": "newgrad",
    "new graduate": "newgrad",
    "chief data officer": "cdo",
    "chief data and analytics officer": "cdo",
    "chief data and ai officer": "cdo",
    "chief analytics officer": "cdo",
    "chief ai officer": "cdo",
    "chief analytics and data officer": "cdo",
    "cdao": "cdo",
    "caio": "cdo",
    "product manager": "productmanager",
    "product owner": "productmanager",
    "project manager": "icmanager",
    "program manager": "icmanager",
    "programme manager": "icmanager",
    "account manager": "icmanager",
    "portfolio manager": "icmanager",
    "case manager": "icmanager",
    "relationship manager": "icmanager",
    "property manager": "icmanager",
    "member of technical staff": "mts",
    "technical staff": "mts",
    "analista de data": "data analyst",
    "cientifico de data": "data scientist",
    "ingeniero de data": "data engineer",
    "data steward": "data governance specialist",
    "data stewardship": "data governance",
    "site reliability": "sre",
    "full stack": "fullstack",
    "back end": "backend",
    "front end": "frontend",
    "supply chain": "supplychain",
    "market research": "marketresearch",
    "market researcher": "marketresearch analyst",
    "user experience": "ux",
    "human resources": "hr",
    "customer service": "customerservice",
    "real estate": "realestate",
    "team lead": "lead",
    "tech lead": "lead",
    "technical lead": "lead",
    "team leader": "lead",
}

# Head nouns and their class: an analyst, sc scientist, en engineer, dv developer,
# ar architect, mg people manager, dr director/head/VP, nt neutral, md modeler,
# rs researcher, ad administrator, pm product manager, ic other manager (project, account...),
# x a non-data occupation.
HEADS = {
    "analyst": "an",
    "analista": "an",
    "scientist": "sc",
    "engineer": "en",
    "ingeniero": "en",
    "mts": "en",
    "developer": "dv",
    "programmer": "dv",
    "coder": "dv",
    "architect": "ar",
    "manager": "mg",
    "supervisor": "mg",
    "director": "dr",
    "head": "dr",
    "vp": "dr",
    "president": "dr",
    "lead": "nt",
    "leader": "nt",
    "specialist": "nt",
    "consultant": "nt",
    "associate": "nt",
    "professional": "nt",
    "expert": "nt",
    "practitioner": "nt",
    "advisor": "nt",
    "adviser": "nt",
    "strategist": "nt",
    "officer": "nt",
    "coordinator": "nt",
    "modeler": "md",
    "researcher": "rs",
    "administrator": "ad",
    "productmanager": "pm",
    "icmanager": "ic",
    "statistician": "st",
    "dba": "dba",
    "cdo": "cdo",
}
OTHER_HEADS = frozenset(
    "auditor chemist biologist toxicologist technician technologist nurse nurses teacher instructor "
    "professor lecturer tutor driver recruiter accountant bookkeeper physician neurologist "
    "physiatrist therapist assistant clerk cashier crew stylist aide agent player sheeter chef cook "
    "worker attendant receptionist representative examiner writer designer scout investigator "
    "paralegal lawyer attorney pharmacist veterinarian doctor surgeon epidemiologist geologist "
    "actuary economist mathematician physicist microbiologist pathologist dietitian counselor "
    "planner buyer editor journalist member mechanic electrician "
    "operator salesperson sales_rep machinist welder carpenter plumber janitor housekeeper "
    "dispatcher secretary librarian controller actuary aitrainer".split()
)
# Head classes whose generic role (no decisive modifier) is not "other".
GENERIC_ROLE = {
    "en": "swe",
    "dv": "swe",
    "ar": "sa",
    "rs": "rs",
    "st": "st",
    "dba": "dba",
    "cdo": "cdo",
    "md": "darch",
}

# Modifiers: phrase -> {head class: role code}. Weak modifiers only count when no strong one does.
_DATA = dict(
    an="da",
    sc="ds",
    en="de",
    dv="de",
    ar="darch",
    mg="am",
    dr="hd",
    nt="da",
    md="darch",
    rs="ds",
    ad="dba",
    pm="aipm",
)
_ANALYTICS = dict(
    an="da", sc="ds", en="ae", dv="bie", ar="darch", mg="am", dr="hd", nt="da", pm="aipm"
)
_REPORTING = dict(an="da", en="bie", dv="bie", mg="am", dr="hd", nt="da")
_DS = dict(an="ds", sc="ds", en="ds", dv="ds", mg="dsm", dr="hds", nt="ds", rs="ds", pm="aipm")
_DE = dict(an="de", sc="de", en="de", dv="de", ar="darch", mg="dem", dr="hd", nt="de", md="darch")
_DGA = dict(an="dga", nt="dga", mg="dga", dr="hd", en="de", ar="darch", sc="ds", dv="de")
_ML = dict(
    md="mle",
    an="ds",
    sc="as",
    en="mle",
    dv="mle",
    ar="sa",
    rs="rs",
    mg="mlm",
    dr="hml",
    nt="mle",
    pm="aipm",
)
_AI = dict(
    an="ds", sc="rs", en="ai", dv="ai", ar="sa", rs="rs", mg="mlm", dr="hml", nt="ai", pm="aipm"
)
_SWE = dict(en="swe", dv="swe", ar="swe", nt="swe")
_OTHER = dict(
    an="o", sc="o", en="o", dv="o", ar="o", mg="o", dr="o", nt="o", md="o", rs="o", ad="o", pm="o"
)


def _many(words: str, roles: dict[str, str]) -> dict[str, dict[str, str]]:
    return {w.replace("_", " "): roles for w in words.split()}


MODIFIERS: dict[str, dict[str, str]] = {
    "data": _DATA,
    **_many("big_data data_lake", {**_DATA, "mg": "dem", "nt": "de", "an": "da"}),
    **_many("data_science data_scientist decision_science", _DS),
    **_many(
        "data_engineering data_platform data_infrastructure data_pipeline data_pipelines "
        "data_integration data_warehouse data_warehousing edw etl elt spark hadoop kafka "
        "databricks snowflake data_ingestion data_migration streaming data_and_analytics_platform "
        "analytics_platform",
        _DE,
    ),
    "data and analytics": dict(_ANALYTICS, en="de", dv="de"),
    **_many("analytics data_analytics advanced_analytics people_analytics", _ANALYTICS),
    **_many(
        "analysis data_analysis data_insights insights insight business_insights "
        "data_processing data_acquisition optimization",
        {**_REPORTING, "sc": "ds"},
    ),
    "information": dict(an="da", ar="darch", nt="da"),
    **_many(
        "reporting data_reporting report reports visualization data_visualization dashboard",
        _REPORTING,
    ),
    "data mining": dict(an="da", sc="ds", en="ds", nt="ds", dv="ds"),
    "data operations": dict(an="da", en="de", dv="de", nt="de", mg="am", dr="hd"),
    **_many(
        "teradata informatica hive ssis talend datastage",
        dict(en="de", dv="de", an="de", nt="de", ar="darch"),
    ),
    **_many(
        "predictive predictive_modeling predictive_analytics",
        dict(an="ds", sc="ds", en="ds", nt="ds", md="ds", dv="ds"),
    ),
    "sas": dict(dv="st", an="da", nt="da", en="de"),
    "bi": dict(
        ad="bie", an="bia", en="bie", dv="bie", ar="darch", mg="am", dr="hd", nt="bia", md="darch"
    ),
    **_many(
        "data_quality data_integrity data_governance governance data_management master_data "
        "master_data_management clinical_data_management metadata "
        "data_standards reference_data",
        _DGA,
    ),
    **_many(
        "data_modeling data_model data_architecture",
        dict(an="darch", en="darch", nt="darch", dv="de", mg="dem", dr="hd", ar="darch"),
    ),
    **_many(
        "database databases",
        dict(ad="dba", en="dba", dv="de", ar="darch", an="dba", nt="dba", mg="dba", md="darch"),
    ),
    "clinical data": dict(_DGA, an="da", sc="ds", nt="dga"),
    "database administration": dict(mg="dba", nt="dba", en="dba", an="dba", ad="dba"),
    "sql": dict(an="da", dv="de", en="de", ad="dba", nt="da", ar="darch"),
    **_many(
        "statistical statistics biostatistics biostatistical",
        dict(an="st", sc="st", dv="st", nt="st", rs="st", en="st"),
    ),
    **_many("quantitative", dict(an="qa", rs="qa", dv="qa", sc="qa", nt="qa", en="qa")),
    **_many("ml ml_research pytorch tensorflow", _ML),
    "ai": _AI,
    **_many("ai_engineering ml_engineering", dict(mg="mlm", dr="hml", nt="mle")),
    **_many(
        "mlops ml_systems", dict(en="mlops", nt="mlops", dv="mlops", mg="mlm", ar="mlops", dr="hml")
    ),
    **_many(
        "computervision vision perception",
        dict(en="cv", dv="cv", sc="cv", nt="cv", rs="cv", mg="mlm", dr="hml"),
    ),
    **_many(
        "nlp speech conversational_ai",
        dict(en="nlp", dv="nlp", sc="nlp", nt="nlp", rs="nlp", mg="mlm", dr="hml"),
    ),
    "prompt": dict(en="pe", nt="pe", dv="pe", x="pe"),
    # Forward deployed engineers build and fit the product at a customer's site.
    "fdeployed": dict(en="sa", dv="sa", nt="sa", ar="sa"),
    "research": dict(sc="rs", en="re", an="o", nt="o", dr="o", mg="o"),
    "ai research": dict(sc="rs", en="re", an="ds", nt="rs", rs="rs", mg="mlm", dr="hml"),
    **_many("applied applied_research applied_ml", dict(sc="as")),
    **_many("computational computer computer_science", dict(sc="rs", rs="rs")),
    **_many("business business_systems business_process", dict(an="ba", nt="ba")),
    **_many(
        "information_systems it mis information_technology",
        dict(an="ba", mg="o", dr="o", nt="o", en="swe"),
    ),
    "product": dict(an="pa", en="swe", sc="ds"),
    "growth": dict(an="pa"),
    **_many(
        "marketing digital_marketing marketresearch market crm seo sem media advertising "
        "campaign consumer_insights customer_insights database_marketing",
        dict(an="ma", nt="ma", mg="o", dr="o", sc="ds"),
    ),
    **_many(
        "software backend frontend fullstack mobile java javascript python embedded "
        "devops sre qa game ios android php",
        _SWE,
    ),
    "web": dict(_SWE, an="ma"),
    **_many("sales presales pre_sales", dict(_OTHER, ar="sa")),
    **_many(
        "financial finance security cyber cybersecurity procurement compensation credit risk "
        "investment investments pricing supplychain demand account accounts commercial pmo "
        "operations operation quality config configuration planning member records "
        "investigative fraud budget payroll hr people talent legal policy tax audit portfolio "
        "treasury trade logistics inventory merchandise merchandising release claims "
        "underwriting geospatial gis bioinformatics consulting program network lan telecom "
        "facility facilities field production manufacturing process mechanical electrical "
        "civil chemical hardware reliability construction environmental clinical medical lab "
        "laboratory food restaurant retail store nursing education compliance regulatory "
        "datacenter dataentry datalink dataprotection ux expense energy biology chemistry "
        "physics hydrology curriculum fea",
        _OTHER,
    ),
}
WEAK_MODIFIERS = {
    "software": _SWE,
    "test": _SWE,
    "application": _SWE,
    "applications": _SWE,
    "platform": _SWE,
    "cloud": dict(en="swe", dv="swe", ar="sa", nt="sa"),
    "systems": dict(an="ba", ar="sa", en="swe", dv="swe"),
    "solution": dict(ar="sa", en="sa", nt="sa"),
    "solutions": dict(ar="sa", en="sa", nt="sa"),
    "enterprise": dict(ar="sa"),
    "technical": dict(ar="sa"),
    "tech": dict(nt="swe", ar="sa"),
}
MAX_PHRASE = 4

# Seniority markers by rank; "intern" overrides everything.
SENIORITY_WORDS = {
    "intern": "intern",
    "coop": "intern",
    "trainee": "intern",
    "apprentice": "intern",
    "werkstudent": "intern",
    "praktikant": "intern",
    "junior": "entry",
    "entrylevel": "entry",
    "graduate": "entry",
    "grad": "entry",
    "newgrad": "entry",
    "associate": "entry",
    "earlycareer": "entry",
    "entry": "entry",
    "midlevel": "mid",
    "mid": "mid",
    "intermediate": "mid",
    # Founding engineers are hired to own a product area from day one, at senior level.
    "founding": "senior",
    "senior": "senior",
    "lead": "lead",
    "leader": "lead",
    "staff": "lead",
    "principal": "lead",
    "distinguished": "lead",
    "fellow": "lead",
    "manager": "manager",
    "supervisor": "manager",
    "director": "director",
    "head": "director",
    "vp": "executive",
    "l5": "senior",
    "l6": "lead",
    "l7": "lead",
    "chief": "executive",
    "cdo": "executive",
    "president": "executive",
    "ceo": "executive",
    "cto": "executive",
    "cio": "executive",
    "coo": "executive",
    "cfo": "executive",
}
LEVEL_NUMERALS = {
    "i": 1,
    "1": 1,
    "ii": 2,
    "2": 2,
    "ll": 2,
    "iii": 3,
    "3": 3,
    "lll": 3,
    "iv": 4,
    "4": 4,
    "v": 5,
    "5": 5,
    "vi": 6,
    "6": 6,
}

# Words that mark a wet-lab or clinical science job: a "research scientist" there is "other".
LAB_WORDS = frozenset(
    "immunology biology cancer oncology assay assays genomics molecular cell cells toxicology "
    "neuroscience antibody antibodies protein proteins biomarker cytometry bioprocess chemistry "
    "chemist formulation elisa vaccine vaccines virology microbiology bacteriology pharmacology "
    "clinical laboratory lab biologics stem immuno ngs sequencing inflammation fibrosis "
    "biochemistry analytical pathology medicinal synthesis materials polymer".split()
)

# Role upgrades when the title also says manager / director / executive.
MANAGER_OF = {r: "dsm" for r in ("ds", "as", "st")}
MANAGER_OF |= {r: "mlm" for r in ("mle", "mlops", "ai", "cv", "nlp", "pe", "rs", "re")}
MANAGER_OF |= {r: "dem" for r in ("de", "ae", "darch")}
MANAGER_OF |= {r: "am" for r in ("da", "bia", "bie", "pa", "ma")}
HEAD_OF = {r: "hds" for r in ("ds", "as", "st", "dsm")}
HEAD_OF |= {r: "hml" for r in ("mle", "mlops", "ai", "cv", "nlp", "pe", "rs", "re", "mlm")}
HEAD_OF |= {
    r: "hd" for r in ("de", "ae", "darch", "dem", "da", "bia", "bie", "pa", "ma", "am", "dga")
}

# Roles that a specialty names over a plain software title: "Software Engineer, Machine
# Learning", "AI/ML Senior Software Engineer", "Senior Software Engineer, Data Platform".
SPECIALTY_CODES = frozenset("mle mlops ai cv nlp pe re rs as ds de".split())
