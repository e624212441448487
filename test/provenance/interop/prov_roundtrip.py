#!/usr/bin/env python3
"""Reads a dataguard PROV-JSON export with the W3C PROV reference library.

Usage: python3 prov_roundtrip.py export.json

Loads the file with prov.read(..., format='json') (Debian: python3-prov),
serializes the document back to PROV-JSON, PROV-N and RDF, and prints on
stdout one JSON object of facts for the TypeScript test to assert:

  records          every entity, activity and agent: kind, IRI, and each
                   attribute's values as the library typed them
  relations        how many relations of each PROV type
  qualifiedNames   every qualified name met (identifiers, relation ends,
                   attribute values) with its IRI
  invalidLocalNames  those whose local part breaks the PROV-N PN_LOCAL rule
  roundTrip        whether the re-serialized PROV-JSON reads back equal
  reserialized     the library's own PROV-JSON of the document
  provn            the library's PROV-N of the document
  rdfTypes         rdf:type IRIs per subject IRI in the library's RDF output
"""

import json
import re
import sys
from collections import Counter

import prov
import rdflib
from prov.identifier import Identifier, QualifiedName
from prov.model import Literal, ProvActivity, ProvAgent, ProvDocument, ProvEntity, ProvRelation

# PROV-N (W3C Recommendation 2013-04-30), productions 52-59: PN_LOCAL.
PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf"
    "\ufdf0-\ufffd\U00010000-\U000effff"
)
PN_CHARS_U = PN_CHARS_BASE + "_"
PN_CHARS = PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
PN_CHARS_OTHERS = r"(?:[/@~&+*?#$!]|%[0-9A-Fa-f]{2}|\\[=\'(),\-:;\[\].])"
FIRST = "(?:[" + PN_CHARS_U + "0-9]|" + PN_CHARS_OTHERS + ")"
MIDDLE = "(?:[" + PN_CHARS + ".]|" + PN_CHARS_OTHERS + ")"
LAST = "(?:[" + PN_CHARS + "]|" + PN_CHARS_OTHERS + ")"
PN_LOCAL = re.compile("(?:" + FIRST + "(?:" + MIDDLE + "*" + LAST + ")?)?")


def value_fact(value):
    """How the library typed one attribute value."""
    if isinstance(value, QualifiedName):
        return {"qualifiedName": str(value), "uri": value.uri}
    if isinstance(value, Identifier):
        return {"identifier": value.uri}
    if isinstance(value, Literal):
        return {"literal": str(value.value), "datatype": str(value.datatype)}
    if hasattr(value, "isoformat"):
        return {"datetime": value.isoformat()}
    return {type(value).__name__: value}


def sorted_facts(values):
    return sorted((value_fact(v) for v in values), key=lambda f: json.dumps(f, sort_keys=True))


def main(path):
    with open(path, encoding="utf-8") as source:
        document = prov.read(source, format="json")

    names = {}

    def note(value):
        if isinstance(value, QualifiedName):
            names[str(value)] = value

    records = {}
    relations = Counter()
    for record in document.get_records():
        for attribute, value in record.attributes:
            note(attribute)
            note(value)
        if isinstance(record, ProvRelation):
            relations[str(record.get_type())] += 1
            continue
        if not isinstance(record, (ProvEntity, ProvActivity, ProvAgent)):
            continue
        note(record.identifier)
        attributes = {}
        for attribute, _ in record.attributes:
            attributes[str(attribute)] = sorted_facts(record.get_attribute(attribute))
        records[str(record.identifier)] = {
            "kind": str(record.get_type()),
            "uri": record.identifier.uri,
            "attributes": attributes,
        }

    invalid = sorted(
        str(name) for name in names.values() if not PN_LOCAL.fullmatch(name.localpart)
    )

    reserialized = document.serialize(format="json")
    again = ProvDocument.deserialize(content=reserialized, format="json")

    graph = rdflib.Graph()
    graph.parse(data=document.serialize(format="rdf", rdf_format="nt"), format="nt")
    rdf_types = {}
    for subject, _, kind in graph.triples((None, rdflib.RDF.type, None)):
        rdf_types.setdefault(str(subject), []).append(str(kind))

    facts = {
        "records": records,
        "relations": dict(sorted(relations.items())),
        "qualifiedNames": {str(n): n.uri for n in names.values()},
        "invalidLocalNames": invalid,
        "roundTrip": again == document,
        "reserialized": json.loads(reserialized),
        "provn": document.get_provn(),
        "rdfTypes": {s: sorted(t) for s, t in sorted(rdf_types.items())},
    }
    json.dump(facts, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: prov_roundtrip.py export.json")
    main(sys.argv[1])
