"""The store's versioned schema: an ordered list of migrations, each applied once.

A migration is plain SQL. Add a new one at the end; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "ingest tables: postings, salary records, quarantine, files",
        """
        CREATE TABLE postings (
            id VARCHAR PRIMARY KEY,          -- hash of source, file, row and content
            source VARCHAR NOT NULL,
            source_file VARCHAR NOT NULL,
            source_row BIGINT,
            external_id VARCHAR,             -- the board's own id (Indeed key, Greenhouse id)
            dedup_key VARCHAR NOT NULL,      -- normalised title + description
            canonical_id VARCHAR,            -- first posting with the same dedup_key
            title VARCHAR,
            company VARCHAR,
            company_rating DOUBLE,
            location VARCHAR,
            headquarters VARCHAR,
            country_hint VARCHAR,            -- ISO country the source covers, for bare suburbs
            currency_hint VARCHAR,           -- currency a bare `$` means in this source
            description VARCHAR,
            description_html VARCHAR,
            salary_text VARCHAR,
            posted_date DATE,
            posted_text VARCHAR,
            employment_type VARCHAR,
            seniority_text VARCHAR,
            job_functions VARCHAR,
            industry VARCHAR,
            sector VARCHAR,
            company_size VARCHAR,
            founded VARCHAR,
            ownership VARCHAR,
            revenue VARCHAR,
            remote_text VARCHAR,
            url VARCHAR,
            scraped_at DATE,                 -- when the source was scraped, where documented
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE salary_records (
            id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            source_file VARCHAR NOT NULL,
            source_row BIGINT NOT NULL,
            work_year INTEGER,
            experience_level VARCHAR,
            employment_type VARCHAR,
            job_title VARCHAR,
            salary DOUBLE,
            salary_currency VARCHAR,
            salary_in_usd DOUBLE,
            employee_residence VARCHAR,
            remote_ratio INTEGER,
            company_location VARCHAR,
            company_size VARCHAR,
            content_key VARCHAR NOT NULL,    -- hash of the record's fields, equal for exact repeats
            duplicate_of VARCHAR,            -- id of the first identical record, when a repeat
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE quarantine (
            id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            source_file VARCHAR NOT NULL,
            source_row BIGINT,
            reason VARCHAR NOT NULL,
            raw JSON,
            ingested_at TIMESTAMP NOT NULL
        );
        CREATE TABLE ingest_files (
            source VARCHAR NOT NULL,
            source_file VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            rows_read BIGINT NOT NULL,
            rows_stored BIGINT NOT NULL,
            rows_quarantined BIGINT NOT NULL,
            ingested_at TIMESTAMP NOT NULL,
            PRIMARY KEY (source, source_file, sha256)
        );
        """,
    ),
    (
        2,
        "reference tables: O*NET, ESCO, BLS OEWS",
        """
        CREATE TABLE onet_occupations (code VARCHAR PRIMARY KEY, title VARCHAR, description VARCHAR);
        CREATE TABLE onet_alternate_titles (
            code VARCHAR, title VARCHAR, alternate_title VARCHAR, short_title VARCHAR,
            sources VARCHAR, PRIMARY KEY (code, alternate_title));
        CREATE TABLE onet_reported_titles (
            code VARCHAR, title VARCHAR, reported_title VARCHAR, shown_in_my_next_move BOOLEAN,
            PRIMARY KEY (code, reported_title));
        CREATE TABLE onet_technology_skills (
            code VARCHAR, title VARCHAR, example VARCHAR, commodity_code VARCHAR,
            commodity_title VARCHAR, hot_technology BOOLEAN, in_demand BOOLEAN,
            PRIMARY KEY (code, example, commodity_code));
        CREATE TABLE onet_tools (
            code VARCHAR, title VARCHAR, example VARCHAR, commodity_code VARCHAR,
            commodity_title VARCHAR, PRIMARY KEY (code, example, commodity_code));
        CREATE TABLE onet_tasks (
            code VARCHAR, title VARCHAR, task_id VARCHAR PRIMARY KEY, task VARCHAR,
            task_type VARCHAR, incumbents_responding DOUBLE, date VARCHAR, domain_source VARCHAR);
        CREATE TABLE onet_education (
            code VARCHAR, title VARCHAR, element_id VARCHAR, element_name VARCHAR,
            scale_id VARCHAR, scale_name VARCHAR, category INTEGER, data_value DOUBLE,
            n INTEGER, standard_error DOUBLE, lower_ci DOUBLE, upper_ci DOUBLE,
            recommend_suppress BOOLEAN, date VARCHAR, domain_source VARCHAR);
            -- no key: importance (IM) ratings have no category, and DuckDB keys cannot be null
        CREATE TABLE onet_education_categories (
            element_id VARCHAR, element_name VARCHAR, scale_id VARCHAR, scale_name VARCHAR,
            category INTEGER, category_description VARCHAR,
            PRIMARY KEY (element_id, scale_id, category));
        CREATE TABLE onet_job_zones (
            code VARCHAR PRIMARY KEY, title VARCHAR, job_zone INTEGER, date VARCHAR,
            domain_source VARCHAR);
        CREATE TABLE onet_job_zone_reference (
            job_zone INTEGER PRIMARY KEY, name VARCHAR, experience VARCHAR, education VARCHAR,
            job_training VARCHAR, examples VARCHAR, svp_range VARCHAR);
        CREATE TABLE onet_related_occupations (
            code VARCHAR, title VARCHAR, related_code VARCHAR, related_title VARCHAR,
            relatedness_tier VARCHAR, rank INTEGER, PRIMARY KEY (code, related_code));
        CREATE TABLE esco_occupations (
            uri VARCHAR PRIMARY KEY, kind VARCHAR, description VARCHAR);
        CREATE TABLE esco_skills (uri VARCHAR PRIMARY KEY, description VARCHAR);
        CREATE TABLE oews_wages (
            series VARCHAR PRIMARY KEY, area_type VARCHAR, area_code VARCHAR, area_name VARCHAR,
            industry_code VARCHAR, industry_name VARCHAR, soc_code VARCHAR,
            occupation_name VARCHAR, employment DOUBLE, hourly_mean DOUBLE, annual_mean DOUBLE,
            annual_p10 DOUBLE, annual_p25 DOUBLE, annual_median DOUBLE, annual_p75 DOUBLE,
            annual_p90 DOUBLE, hourly_median DOUBLE, top_coded BOOLEAN, release VARCHAR,
            data_year INTEGER);
        """,
    ),
    (
        3,
        "pipeline tables: normalized and extracted facts, analysis results",
        """
        -- The pipeline tables carry no key constraints on purpose: the build keeps their ids
        -- unique itself (it only processes rows not yet there), and DuckDB's key index makes
        -- deleting or updating 100k rows take ~10 s instead of ~10 ms.
        CREATE TABLE posting_facts (
            posting_id VARCHAR NOT NULL,
            canonical_id VARCHAR,
            is_canonical BOOLEAN,            -- first of its duplicate group: counts use these only
            source VARCHAR,
            role VARCHAR,                    -- taxonomy slug
            seniority VARCHAR,               -- intern/entry/mid/senior/lead/manager/director/executive
            experience_level VARCHAR,        -- EN/MI/SE/EX, as ai-jobs.net
            role_confidence DOUBLE,
            city VARCHAR,
            region VARCHAR,
            country VARCHAR,                 -- ISO 3166 alpha-2
            remote VARCHAR,                  -- remote/hybrid/onsite, NULL when unknown
            employment_type VARCHAR,         -- full-time/part-time/contract/temporary/internship
            salary_min DOUBLE,               -- as stated, in its currency and period
            salary_max DOUBLE,
            salary_currency VARCHAR,
            salary_period VARCHAR,
            annual_min_usd DOUBLE,
            annual_max_usd DOUBLE,
            annual_mid_usd DOUBLE,           -- midpoint, or the one stated side
            salary_is_estimate BOOLEAN,
            salary_kind VARCHAR,             -- base/total/unknown
            salary_origin VARCHAR,           -- field/description
            industry VARCHAR,                -- one of the fixed sector list, or unknown
            industry_stated VARCHAR,         -- the posting's own fields mapped, before the company fill
            degree_min VARCHAR,
            degree_preferred VARCHAR,
            fields_of_study VARCHAR[],
            years_min DOUBLE,
            years_max DOUBLE,
            certifications VARCHAR[],
            posted_on DATE,                  -- posted date, else the scrape date
            normalizer_version VARCHAR,
            extractor_version VARCHAR
        );
        CREATE TABLE posting_skills (
            posting_id VARCHAR, skill VARCHAR, category VARCHAR, kind VARCHAR,
            required BOOLEAN);
        CREATE TABLE posting_responsibilities (
            posting_id VARCHAR, position INTEGER, statement VARCHAR);
        CREATE TABLE survey_facts (
            record_id VARCHAR NOT NULL,
            is_duplicate BOOLEAN,            -- an exact repeat of an earlier record
            role VARCHAR,
            seniority VARCHAR,
            experience_level VARCHAR,
            employment_type VARCHAR,
            work_year INTEGER,
            salary_in_usd DOUBLE,
            employee_residence VARCHAR,
            company_location VARCHAR,
            company_size VARCHAR,
            remote VARCHAR,                  -- remote (100) / hybrid (50) / onsite (0)
            normalizer_version VARCHAR
        );
        CREATE TABLE analysis_results (
            id VARCHAR PRIMARY KEY,          -- "kind:key": one indexed column makes a read ~1 ms
            kind VARCHAR,                    -- profile / comparison / salaries / meta
            key VARCHAR,                     -- role slug, "a-vs-b", ...
            data BLOB,                       -- zlib-compressed JSON: a read is ~2 ms, not ~30
            built_at TIMESTAMP);
        CREATE TABLE build_state (
            stage VARCHAR PRIMARY KEY, fingerprint VARCHAR, rows_in BIGINT, rows_out BIGINT,
            seconds DOUBLE, finished_at TIMESTAMP);
        """,
    ),
    (
        4,
        "posting dates with their kind and precision; refused files",
        """
        -- date_kind: posted (the employer's posting day) / listed (a board's listing month or
        -- day) / scraped (only the scrape day is known); date_precision: day/week/month/year
        ALTER TABLE postings ADD COLUMN date_kind VARCHAR;
        ALTER TABLE postings ADD COLUMN date_precision VARCHAR;
        ALTER TABLE posting_facts ADD COLUMN date_kind VARCHAR;
        ALTER TABLE posting_facts ADD COLUMN date_precision VARCHAR;
        ALTER TABLE posting_facts ADD COLUMN scraped_on DATE;
        UPDATE postings SET
            date_kind = CASE WHEN posted_date IS NOT NULL THEN 'posted'
                             WHEN scraped_at IS NOT NULL THEN 'scraped' END,
            date_precision = CASE WHEN coalesce(posted_date, scraped_at) IS NOT NULL THEN 'day' END;
        -- files an adapter refused whole, with the one-line reason (cleared once ingested)
        CREATE TABLE ingest_refused (
            source VARCHAR NOT NULL, source_file VARCHAR NOT NULL, reason VARCHAR NOT NULL,
            refused_at TIMESTAMP NOT NULL, PRIMARY KEY (source, source_file));
        """,
    ),
]

#: the tables each kind of row lands in, with the column that names its source
SOURCE_TABLES = ("postings", "salary_records")
