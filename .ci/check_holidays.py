#!/usr/bin/env python3
"""CI check: the working-time calendars in definitions/calendars/ are valid and their
national holidays agree with the PyPI `holidays` package.

1. Checks schema/sop-calendar.schema.json against the Draft 2020-12 meta-schema and
   self-tests it (mutated copies of the shipped files must be REJECTED).
2. Validates every definitions/calendars/*.json against it, plus what a schema cannot say:
   the id is the file name, each closure date is a real date inside the set's `year` and
   listed once, each day's intervals run forward without overlapping, and every closure set
   a calendar names exists.
3. For each closure set `id-national-YYYY`, compares its dates with
   holidays.country_holidays("ID", years=YYYY): `libur-nasional` against the package's
   public holidays, `cuti-bersama` against its "government" category (where the package
   keeps cuti bersama; they are not public holidays). Every differing date is printed with
   an explanation. A difference listed in EXPLAINED (with its reason) is accepted; any
   other difference fails CI, because either our file or the package is wrong and a person
   must look (SKB 3 Menteri is the authority: DOMAIN.md §3.4).

Exit status: 0 all good; 1 a check failed; 2 a dependency is missing.
Requires jsonschema 4.x and holidays (pip install holidays).
Usage: python3 .ci/check_holidays.py   (from anywhere; paths are relative to the repo root)
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover
    print("FAIL jsonschema is not installed (pip install 'jsonschema>=4')")
    sys.exit(2)
try:
    import holidays
except ImportError:  # pragma: no cover
    print("FAIL holidays is not installed (pip install holidays)")
    sys.exit(2)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "sop-calendar.schema.json"
CALENDARS = ROOT / "definitions" / "calendars"
EXPECTED_SCHEMA_REF = "../../schema/sop-calendar.schema.json"
NATIONAL_SET = re.compile(r"^id-national-(\d{4})$")

# Known differences between our closure sets and the `holidays` package, accepted with a reason.
# Key: (ISO date, our kind) where the date is in our file but not in the package's matching
# category, or (ISO date, "package-only:" + category) where only the package has it.
# Value: why the difference is right (cite the SKB or the package's behaviour).
# holidays 0.109 agrees with SKB 1497/2025, 2/2025, 5/2025 on every 2026 date, so nothing
# needs explaining today; add an entry here only after checking the SKB.
EXPLAINED: dict[tuple[str, str], str] = {
    # example: ("2027-03-10", "libur-nasional"): "SKB 2027 moves Idul Fitri; package predicts 03-09",
}

# Kind in our files -> category of the `holidays` package that should hold the same dates.
PACKAGE_CATEGORY = {"libur-nasional": "public", "cuti-bersama": "government"}


def load_json(path: Path) -> object:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def schema_errors(validator: Draft202012Validator, document: object) -> list[str]:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def minutes(text: str) -> int:
    hours, mins = text.split(":")
    return int(hours) * 60 + int(mins)


def semantic_errors(path: Path, doc: dict, known_ids: set[str]) -> list[str]:
    """What the schema cannot express; the Swift loader refuses the same things."""
    problems: list[str] = []
    if doc.get("id") != path.stem:
        problems.append(f"$.id: '{doc.get('id')}' is not the file name '{path.stem}'")
    if doc.get("$schema") != EXPECTED_SCHEMA_REF:
        problems.append(f"$.$schema: expected '{EXPECTED_SCHEMA_REF}'")
    if doc.get("kind") == "closures":
        seen: set[str] = set()
        for i, closure in enumerate(doc.get("closures", [])):
            text = closure.get("date", "")
            try:
                date = dt.date.fromisoformat(text)
            except ValueError:
                problems.append(f"$.closures[{i}].date: '{text}' is not a real date")
                continue
            if date.year != doc.get("year"):
                problems.append(f"$.closures[{i}].date: {text} is outside year {doc.get('year')}")
            if text in seen:
                problems.append(f"$.closures[{i}].date: {text} is listed twice")
            seen.add(text)
    else:
        weeks = [("$.week", doc.get("week", {}))]
        weeks += [(f"$.periods[{i}].week", p.get("week", {})) for i, p in enumerate(doc.get("periods", []))]
        for week_path, week in weeks:
            for day, intervals in week.items():
                end = 0
                for j, (start_text, end_text) in enumerate(intervals):
                    start, stop = minutes(start_text), minutes(end_text)
                    if start >= stop or start < end:
                        problems.append(f"{week_path}.{day}[{j}]: {start_text}–{end_text} does not run forward after the previous interval")
                    end = stop
        if not any(doc.get("week", {}).values()):
            problems.append("$.week: no working time at all")
        for i, name in enumerate(doc.get("closures", [])):
            if name not in known_ids:
                problems.append(f"$.closures[{i}]: no closure set '{name}' in {CALENDARS.relative_to(ROOT)}")
        for i, period in enumerate(doc.get("periods", [])):
            if period.get("from", "") > period.get("to", ""):
                problems.append(f"$.periods[{i}]: ends before it starts")
    return problems


def self_test(validator: Draft202012Validator, documents: dict[str, dict]) -> list[str]:
    """Mutations of the shipped files that the schema must reject (so it is not too loose)."""
    hours = documents.get("asn-perpres-21-2023")
    national = documents.get("id-national-2026")
    if hours is None or national is None:
        return ["self-test: asn-perpres-21-2023.json and id-national-2026.json are needed"]

    def mutate(doc: dict, change) -> dict:
        copied = copy.deepcopy(doc)
        change(copied)
        return copied

    cases = [
        ("time 25:00", hours, lambda d: d["week"]["mon"].__setitem__(0, ["07:30", "25:00"])),
        ("time 7:30", hours, lambda d: d["week"]["mon"].__setitem__(0, ["7:30", "12:00"])),
        ("interval of three", hours, lambda d: d["week"]["mon"].__setitem__(0, ["07:30", "12:00", "13:00"])),
        ("weekday 'Mon'", hours, lambda d: d["week"].__setitem__("Mon", [])),
        ("missing sunday", hours, lambda d: d["week"].pop("sun")),
        ("no source", hours, lambda d: d.pop("source")),
        ("closure kind 'libur'", national, lambda d: d["closures"][0].__setitem__("kind", "libur")),
        ("date 2026-13-01", national, lambda d: d["closures"][0].__setitem__("date", "2026-13-01")),
        ("no year", national, lambda d: d.pop("year")),
        ("unknown field", national, lambda d: d.__setitem__("holidays", [])),
        ("kind mixed up", national, lambda d: d.__setitem__("kind", "working-hours")),
    ]
    failures = []
    for name, base, change in cases:
        if not list(validator.iter_errors(mutate(base, change))):
            failures.append(f"self-test: schema accepted a file with {name}")
    return failures


def compare_with_package(doc: dict) -> tuple[list[str], list[str]]:
    """Returns (report lines, unexplained differences) for one id-national-YYYY set."""
    year = doc["year"]
    supported = set(getattr(holidays.ID, "supported_categories", ("public",)))
    ours: dict[str, dict[str, str]] = {kind: {} for kind in PACKAGE_CATEGORY}
    for closure in doc["closures"]:
        if closure["kind"] in ours:
            ours[closure["kind"]][closure["date"]] = closure["name"]

    lines = [f"  holidays {holidays.__version__}, Indonesia {year}:"]
    unexplained: list[str] = []
    for kind, category in PACKAGE_CATEGORY.items():
        if category not in supported:
            lines.append(f"    {kind}: the package has no '{category}' category; "
                         f"{len(ours[kind])} dates not compared (cuti bersama are not public holidays)")
            continue
        package = {d.isoformat(): name for d, name in holidays.country_holidays(
            "ID", years=year, categories=(category,), language="id").items()}
        for date in sorted(set(ours[kind]) | set(package)):
            our_name, their_name = ours[kind].get(date), package.get(date)
            if our_name and their_name:
                lines.append(f"    same   {date} {kind:<14} {our_name}  |  {their_name}")
                continue
            key = (date, kind) if our_name else (date, "package-only:" + category)
            what = (f"{date} {kind} '{our_name}' is not in the package's {category} holidays" if our_name
                    else f"{date} the package's {category} holiday '{their_name}' is not a {kind} in our file")
            reason = EXPLAINED.get(key)
            if reason:
                lines.append(f"    differ {what} — explained: {reason}")
            else:
                lines.append(f"    DIFFER {what} — UNEXPLAINED (check the SKB, then fix the file or add to EXPLAINED)")
                unexplained.append(what)
    return lines, unexplained


def main() -> int:
    failed = False
    schema = load_json(SCHEMA_PATH)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    print(f"ok   {SCHEMA_PATH.relative_to(ROOT)} is a valid Draft 2020-12 schema")

    paths = sorted(CALENDARS.glob("*.json"))
    documents: dict[str, dict] = {}
    for path in paths:
        try:
            documents[path.stem] = load_json(path)
        except json.JSONDecodeError as error:
            print(f"FAIL {path.relative_to(ROOT)}: not JSON: {error}")
            failed = True
    for path in paths:
        doc = documents.get(path.stem)
        if doc is None:
            continue
        problems = schema_errors(validator, doc)
        if not problems:
            problems = semantic_errors(path, doc, set(documents))
        if problems:
            failed = True
            print(f"FAIL {path.relative_to(ROOT)}")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"ok   {path.relative_to(ROOT)} ({doc['kind']})")

    for failure in self_test(validator, documents):
        failed = True
        print(f"FAIL {failure}")

    for set_id, doc in sorted(documents.items()):
        match = NATIONAL_SET.match(set_id)
        if not match or doc.get("kind") != "closures":
            continue
        lines, unexplained = compare_with_package(doc)
        status = "FAIL" if unexplained else "ok  "
        print(f"{status} {set_id} against the holidays package: {len(unexplained)} unexplained difference(s)")
        print("\n".join(lines))
        failed = failed or bool(unexplained)

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
