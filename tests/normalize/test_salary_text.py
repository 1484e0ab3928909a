"""find_salaries_in_text: pay in descriptions, and money that is not pay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roleatlas.normalize.salary_text import find_salaries_in_text

PAY = [
    ("Job Type: Full-time\nSalary: $100,000 - $115,000 a year\n", 100000, 115000, "year"),
    ("Salary: $20.00 to $24.00 /hour", 20, 24, "hour"),
    ("PAYMENT & BENEFITS $4,476.00 to $7,861.00 /month", 4476, 7861, "month"),
    ("Data Engineer\n£50,000-70,000 See Advert", 50000, 70000, "year"),
    ("Salary: $110,092 p.a. – $118,412 p.a.", 110092, 118412, "year"),
    ("Senior Data AnalystSan Francisco, CA$100,000-$120,000The Company", 100000, 120000, "year"),
    ("Part time 20 hours a week, $50+/hr on W2", 50, None, "hour"),
    ("Salary Range: Up to $170,000.00 per year", None, 170000, "year"),
    ("salary: $33.12 - 40.48 per hourwork hours: 9 to 6", 33.12, 40.48, "hour"),
    # LinkedIn US (2024, 2025) and Hacker News (2026)
    (
        "The base pay for this position ranges from $129,300/year in our lowest geographic market "
        "up to $223,600/year in our highest geographic market.",
        129300,
        223600,
        "year",
    ),
    ("Base Pay Range $146,400.00 - 201,300.00 per yearCalifornia", 146400, 201300, "year"),
    (
        "New York and Washington.I4$137,100—$201,600 USDI5$167,800—$246,800 USD",
        137100,
        201600,
        "year",
    ),
    (
        "let us know at accommodations-ext@fb.com.$56.25/hour to $173,000/year + bonus + equity",
        117000,
        173000,
        "year",
    ),
    ("United States\n\nZone 1: $329,000 – $399,000/year (USD)\n\nZone 2:", 329000, 399000, "year"),
    (
        "Minimum:Salary Range or On Target Earnings:$127 700,00Maximum:$255 400,00In addition",
        127700,
        255400,
        "year",
    ),
    ("The salary range for this role is $110- $120,000 is based on", 110000, 120000, "year"),
    (
        "Capital Technology Group (CTG) | Senior AI/ML Engineer | Remote (US Only) | $150K–$200K",
        150000,
        200000,
        "year",
    ),
    (
        "Alterdd | Lead Engineer | London, UK | Hybrid | £60k + Early-stage EMI Equity",
        60000,
        60000,
        "year",
    ),
    (
        "and backed by our first investor.\nWe’re hiring:\nEngineering Manager — $84k+ annual",
        84000,
        None,
        "year",
    ),
    (
        "It is a 70-day paid contract on 1099 — $4,000–$6,000/month depending on experience",
        4000,
        6000,
        "month",
    ),
]


@pytest.mark.parametrize(("text", "lo", "hi", "period"), PAY)
def test_finds_pay(text, lo, hi, period):
    found = find_salaries_in_text(text)
    assert found, text
    p = found[0]
    assert (p.min_amount, p.max_amount, p.period, p.currency) == (lo, hi, period, p.currency)
    assert p.currency in ("USD", "GBP")
    assert p.is_estimate is False
    start, end = p.span
    assert text[start:end] == p.raw and "$" in p.raw or "£" in p.raw


def test_ca_dollar_after_a_place_is_usd():
    (p,) = find_salaries_in_text("Data Analyst - San Jose, CA$120,000 - $140,000The Company")
    assert p.currency == "USD"


NOT_PAY = [
    "AMN is a $2B healthcare staffing company",
    "exceeding $1B in revenue at the end of 2017.",
    "Poshmark has raised over $70 million in funding",
    "We recently secured $20M in funding",
    "just raised a $70M Series C funding round",
    "You will receive a $5,000 signing bonus",
    "receive the $1000 referral bonus after they are employed",
    "Tuition reimbursement on approved programs, up to $5,250 a year",
    "Tuition Reimbursement - up to 75% with a maximum of $2000 per year 401(k)",
    "Ability to max out 401k savings $57k ($63.5k if over 50)",
    "Dental & $401K planAbout Us",
    "$130 monthly stipend towards public transit commuting costs",
    "short-term disability (60% of salary up to $2,000.00/week)",
    "All for just $3. We created and curated products",
    "For $60/year, Thrive members get access",
    "Health insurance: $0 copay, $0 co-insurance",
    "FIS technology processes more than $40 Trillion per year and enables 95% of the world",
    "Proud to be backed by Andreessen Horowitz, NEA, and Addition with $250+ million raised",
    "cash, $10,000–$5,000,000 in equityHow To Apply",
    "Professional Growth: Get a $3,000 annual Learning & Development stipend",
    "Personal development: $1,200/year toward your fitness expenses",
    "For those in the Bay Area we offer: up to $25/day in parking",
    "Why join us:\n- €10k signing bonus - Visa sponsorship",
]


@pytest.mark.parametrize("text", NOT_PAY)
def test_ignores_money_that_is_not_pay(text):
    assert find_salaries_in_text(text) == []


def test_several_mentions_in_order_with_spans():
    text = "Research Analyst I - $48,522 to $77,635 per year; Research Analyst II - $53,496 to $85,593 per year."
    found = find_salaries_in_text(text)
    assert [p.min_amount for p in found] == [48522, 53496]
    assert found[0].span[0] < found[1].span[0]


def test_australian_dollar_default():
    (p,) = find_salaries_in_text("Salary: $75,000 - $90,000 package", default_currency="AUD")
    assert p.currency == "AUD" and p.annual_max_usd < 90000


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_crashes(text):
    for p in find_salaries_in_text(text):
        assert 0 <= p.span[0] < p.span[1] <= len(text)
