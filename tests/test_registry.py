"""The registry of codes against what users read: README rule pages, CHANGELOG, scenarios."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flake8_fixture_scope.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
CASES = ROOT / "tests" / "cases"

RULE_PAGE_SECTIONS = [
    "Message", "What it does", "Why is this bad?", "Example", "Use instead", "Known problems",
    "Options",
]
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
_ANNOTATION = re.compile(r"#\s*error:\s*(?P<codes>FXS\d{3}(?:\s*,\s*FXS\d{3})*)")
_CODE = re.compile(r"\bFXS\d{3}\b")


def headings(markdown: str) -> list[tuple[int, str, int]]:
    """(level, title, line index) of every heading outside fenced code blocks."""
    found: list[tuple[int, str, int]] = []
    in_fence = False
    for index, line in enumerate(markdown.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if match:
            found.append((len(match["hashes"]), match["title"], index))
    return found


def github_anchor(title: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return text.replace(" ", "-")


def rule_page(code: str) -> tuple[str, list[str], str]:
    """The heading naming ``code``, its sub-headings in order, and its text."""
    all_headings = headings(README)
    pages = [(i, h) for i, h in enumerate(all_headings) if _CODE.findall(h[1]) == [code]]
    assert len(pages) == 1, f"README needs exactly one heading naming {code}, found {pages}"
    position, (level, title, start) = pages[0]
    sub_headings: list[str] = []
    end = len(README.splitlines())
    for sub_level, sub_title, line in all_headings[position + 1:]:
        if sub_level <= level:
            end = line
            break
        if sub_level == level + 1:
            sub_headings.append(sub_title)
    text = "\n".join(README.splitlines()[start:end])
    return title, sub_headings, text


@pytest.mark.parametrize("code", sorted(RULES))
def test_readme_has_a_rule_page_in_ruffs_shape(code: str) -> None:
    title, sub_headings, _text = rule_page(code)
    assert RULES[code].symbol in title, title
    assert sub_headings == RULE_PAGE_SECTIONS, (code, sub_headings)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_page_quotes_the_registry_message(code: str) -> None:
    _title, _sub_headings, text = rule_page(code)
    rule = RULES[code]
    assert f"{rule.code} {rule.template}" in text, f"{code}: message template out of date"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_page_says_whether_the_code_is_on_by_default(code: str) -> None:
    _title, _sub_headings, text = rule_page(code)
    off = "off by default" in text.lower()
    assert off == (not RULES[code].on_by_default), code


def test_readme_names_no_code_outside_the_registry() -> None:
    assert set(_CODE.findall(README)) <= set(RULES)


def test_readme_links_to_headings_that_exist() -> None:
    anchors = {github_anchor(title) for _level, title, _line in headings(README)}
    links = set(re.findall(r"\]\(#([^)]+)\)", README))
    assert links, "README links to its rule pages"
    assert links <= anchors, links - anchors


@pytest.mark.parametrize("code", sorted(RULES))
def test_changelog_mentions_every_code(code: str) -> None:
    assert re.search(rf"\b{code}\b", CHANGELOG), code


def annotated_codes() -> set[str]:
    codes: set[str] = set()
    for path in CASES.rglob("*.py"):
        for match in _ANNOTATION.finditer(path.read_text(encoding="utf-8", errors="replace")):
            codes.update(re.split(r"\s*,\s*", match["codes"]))
    return codes


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_code_is_expected_by_a_scenario(code: str) -> None:
    assert code in annotated_codes(), f"no '# error: {code}' under tests/cases"


def test_scenarios_expect_only_registered_codes() -> None:
    assert annotated_codes() <= set(RULES)
