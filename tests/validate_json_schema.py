"""Validates a JSON document against a JSON Schema (used by the SARIF test).

usage: python validate_json_schema.py SCHEMA INSTANCE
Prints each violation and exits 1 when there is any.
"""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
instance = json.load(open(sys.argv[2], encoding="utf-8"))
validator = jsonschema.validators.validator_for(schema)(schema)
errors = list(validator.iter_errors(instance))
for error in errors:
    print(f"{'/'.join(str(p) for p in error.path)}: {error.message}")
sys.exit(1 if errors else 0)
