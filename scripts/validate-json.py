#!/usr/bin/env python3
"""validate-json.py SCHEMA FILE...: checks each JSON file against a JSON Schema (draft 2020-12)
with python3-jsonschema, printing one line per file and every error with its path. The other
schemas in SCHEMA's folder are known by their $id, so a reference between them never goes to the
network. Exit 0 when all are valid, 1 when one is not, 2 on bad usage."""
import glob
import json
import os
import sys
import warnings

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    store = {}
    for other in glob.glob(os.path.join(os.path.dirname(os.path.abspath(argv[1])), "*.json")):
        with open(other, encoding="utf-8") as f:
            loaded = json.load(f)
        if "$id" in loaded:
            store[loaded["$id"]] = loaded
    with warnings.catch_warnings():
        # RefResolver is what Debian 12's jsonschema (4.10) offers; newer ones warn about it.
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        validator = validator_class(schema, resolver=resolver)
    failed = False
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        if errors:
            failed = True
            for e in errors:
                where = "/".join(str(p) for p in e.absolute_path) or "(root)"
                print(f"{path}: {where}: {e.message}")
        else:
            print(f"{path}: valid")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
