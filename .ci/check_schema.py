#!/usr/bin/env python3
"""CI check: every definitions/*.json validates against schema/sop-definition.schema.json.

- checks the schema itself (Draft 2020-12 meta-schema);
- validates each definition file (not definitions/calendars/), one line per file;
- self-tests the schema: a set of mutated copies of a valid definition must be REJECTED
  (so a too-permissive schema fails CI) and a set of documented variants must be ACCEPTED
  (so a too-strict schema fails CI).

Exit status 0 only when everything passes. Requires `jsonschema` 4.x.
Usage: python3 .ci/check_schema.py   (from anywhere; paths are relative to the repo root)
"""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError:  # pragma: no cover
    print("FAIL jsonschema is not installed (pip install 'jsonschema>=4')")
    sys.exit(2)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "sop-definition.schema.json"
DEFINITIONS = ROOT / "definitions"
EXPECTED_SCHEMA_REF = "../schema/sop-definition.schema.json"
SELF_TEST_BASE_ID = "lpmp-kaltim-pos-1050"  # mutated by the self-test (else the first valid file)


def error_lines(validator: Draft202012Validator, document: object) -> list[str]:
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message}" for e in errors]


def load_json(path: Path) -> object:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


# --- self-test cases ------------------------------------------------------------------

def _set(path: list, value):
    def mutate(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _delete(path: list):
    def mutate(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


def _step_flow_both(doc):
    doc["steps"][0]["next"] = "end"
    doc["steps"][0]["decision"] = {"outcomes": [{"label": "ya", "next": "end"}, {"label": "tidak", "next": "end"}]}


# Mutations that the schema MUST reject.
MUST_REJECT = [
    ("unknown top-level key", _set(["stepz"], [])),
    ("unknown key in a step", _set(["steps", 0, "actr"], "x")),
    ("unknown key in agency", _set(["agency", "nama"], "x")),
    ("unknown key in a requirement", _set(["steps", 0, "requirements"], [{"id": "r", "text": "x", "externl": True}])),
    ("unknown key in a numbered list item", _set(["legalBasis"], [{"number": "1.", "text": "x", "nomor": "1."}])),
    ("unknown key in a rule", _set(["deviationPolicy"], {"rules": [{"kind": "late", "severity": "notice", "sevrity": "x"}]})),
    ("unknown key in provenance", _set(["provenance"], [{"path": "$.id", "note": "x", "why": "y"}])),
    ("missing id", _delete(["id"])),
    ("missing steps", _delete(["steps"])),
    ("missing step actor", _delete(["steps", 0, "actor"])),
    ("missing step timeLimit", _delete(["steps", 0, "timeLimit"])),
    ("empty actors", _set(["actors"], [])),
    ("bad time unit '1 Jem'", _set(["steps", 0, "timeLimit"], "1 Jem")),
    ("bad time unit '2 fortnights'", _set(["steps", 0, "timeLimit"], "2 fortnights")),
    ("time without number", _set(["steps", 0, "timeLimit"], "Jam")),
    ("empty ISO duration 'PT'", _set(["steps", 0, "timeLimit"], "PT")),
    ("time as a number", _set(["steps", 0, "timeLimit"], 60)),
    ("bad time basis", _set(["steps", 0, "timeLimit"], {"text": "1 Jam", "basis": "calendar"})),
    ("bad id pattern (uppercase)", _set(["id"], "LPMP-Kaltim")),
    ("bad step id pattern (space)", _set(["steps", 0, "id"], "step one")),
    ("bad date pattern", _set(["dates", "created"], {"date": "20-09-2021", "asPrinted": "20 September 2021"})),
    ("bad date month", _set(["dates", "created"], {"date": "2021-13-01"})),
    ("version as a number", _set(["version"], 1)),
    ("bad deviation kind", _set(["deviationPolicy"], {"rules": [{"kind": "early"}]})),
    ("bad severity", _set(["deviationPolicy"], {"rules": [{"kind": "late", "severity": "fatal"}]})),
    ("bad answerable", _set(["deviationPolicy"], {"rules": [{"kind": "late", "answerable": "boss"}]})),
    ("stalledAfter on a late rule", _set(["deviationPolicy"], {"rules": [{"kind": "late", "stalledAfter": "1 Hari"}]})),
    ("bad stalledAfter unit", _set(["deviationPolicy"], {"rules": [{"kind": "not-run", "stalledAfter": "5 Hri"}]})),
    ("next and decision together", _step_flow_both),
    ("decision with one outcome", _set(["steps", 0, "decision"], {"outcomes": [{"label": "ya", "next": "end"}]})),
    ("next not a string", _set(["steps", 0, "next"], 2)),
    ("list item object without text", _set(["legalBasis"], [{"number": "1."}])),
]

# Variants of the documented format that the schema MUST accept.
MUST_ACCEPT = [
    ("time '30 Menit'", _set(["steps", 0, "timeLimit"], "30 Menit")),
    ("time '2 Hari'", _set(["steps", 0, "timeLimit"], "2 Hari")),
    ("time '1 jam 30 menit'", _set(["steps", 0, "timeLimit"], "1 jam 30 menit")),
    ("time '2 hours'", _set(["steps", 0, "timeLimit"], "2 hours")),
    ("time 'PT1H'", _set(["steps", 0, "timeLimit"], "PT1H")),
    ("time 'PT1H30M'", _set(["steps", 0, "timeLimit"], "PT1H30M")),
    ("time 'P2D'", _set(["steps", 0, "timeLimit"], "P2D")),
    ("time object wall", _set(["steps", 0, "timeLimit"], {"text": "1 Jam", "basis": "wall"})),
    ("time object default basis", _set(["steps", 0, "timeLimit"], {"text": "1 Jam"})),
    ("date null", _set(["dates", "revised"], {"date": None, "asPrinted": "-"})),
    ("no dates members", _set(["dates"], {})),
    ("decision step", _set(["steps", 0, "decision"], {"question": "Lengkap?", "outcomes": [
        {"label": "ya", "next": "end"}, {"label": "tidak", "next": "end"}]})),
    ("next end", _set(["steps", 0, "next"], "end")),
    ("not-run rule with stalledAfter", _set(["deviationPolicy"], {"owner": "x", "rules": [
        {"kind": "not-run", "answerable": "owner", "stalledAfter": {"text": "5 Hari", "basis": "working"}}]})),
    ("string list items", _set(["legalBasis"], ["UU 14/2008"])),
    ("no optional sections", lambda d: [d.pop(k, None) for k in (
        "legalBasis", "qualifications", "relatedProcedures", "equipment", "warnings", "records",
        "deviationPolicy", "provenance", "sheet")]),
    ("no $schema key", _delete(["$schema"])),
]


def self_test(validator: Draft202012Validator, base: dict, base_name: str) -> int:
    failures = 0
    for label, mutate in MUST_REJECT:
        doc = copy.deepcopy(base)
        mutate(doc)
        if validator.is_valid(doc):
            print(f"FAIL self-test: schema accepts a mutated {base_name} ({label})")
            failures += 1
    for label, mutate in MUST_ACCEPT:
        doc = copy.deepcopy(base)
        mutate(doc)
        errors = error_lines(validator, doc)
        if errors:
            print(f"FAIL self-test: schema rejects a valid variant of {base_name} ({label}): {errors[0]}")
            failures += 1
    total = len(MUST_REJECT) + len(MUST_ACCEPT)
    if failures == 0:
        print(f"ok   self-test: {len(MUST_REJECT)} mutations rejected, {len(MUST_ACCEPT)} variants accepted ({base_name})")
    else:
        print(f"FAIL self-test: {failures} of {total} cases wrong")
    return failures


def main() -> int:
    failures = 0
    try:
        schema = load_json(SCHEMA_PATH)
        Draft202012Validator.check_schema(schema)
    except (OSError, json.JSONDecodeError, SchemaError) as exc:
        print(f"FAIL {SCHEMA_PATH.relative_to(ROOT)}: {exc}")
        return 1
    print(f"ok   {SCHEMA_PATH.relative_to(ROOT)} (valid Draft 2020-12 schema)")
    validator = Draft202012Validator(schema)

    files = sorted(DEFINITIONS.glob("*.json"))  # top level only: calendars/ is another format
    if not files:
        print(f"FAIL no definitions found in {DEFINITIONS.relative_to(ROOT)}/")
        return 1

    first_valid: tuple[dict, str] | None = None
    for path in files:
        rel = path.relative_to(ROOT)
        try:
            doc = load_json(path)
        except (OSError, json.JSONDecodeError) as exc:
            print(f"FAIL {rel}: not JSON: {exc}")
            failures += 1
            continue
        errors = error_lines(validator, doc)
        if isinstance(doc, dict) and doc.get("$schema", EXPECTED_SCHEMA_REF) != EXPECTED_SCHEMA_REF:
            errors.append(f"$.$schema: expected {EXPECTED_SCHEMA_REF!r}, got {doc.get('$schema')!r}")
        if errors:
            print(f"FAIL {rel}: {len(errors)} error(s)")
            for line in errors:
                print(f"       {line}")
            failures += 1
        else:
            print(f"ok   {rel}")
            if first_valid is None or doc.get("id") == SELF_TEST_BASE_ID:
                first_valid = (doc, str(rel))

    if first_valid is None:
        print("FAIL self-test: no valid definition to mutate")
        failures += 1
    else:
        failures += self_test(validator, *first_valid)

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
