"""Search use cases: suffix list, availability (one or many names), suggestions, validation."""

from __future__ import annotations

from collections.abc import Sequence

from chalicelib.search import rules
from chalicelib.search.errors import InvalidKeyword
from registrar_shared import catalogue
from registrar_shared.catalogue import Suffix
from registrar_shared.naming import NameCheck, check_name
from registrar_shared.registry.base import NameQuery, Registry


def list_suffixes() -> tuple[Suffix, ...]:
    return catalogue.load().suffixes


def _with_availability(checks: Sequence[NameCheck], *, site: str,
                       registry: Registry) -> list[rules.Result]:
    queries = {c.ascii: NameQuery(ascii=c.ascii, variant_key=c.variant_key)
               for c in checks if c.valid and c.ascii and c.variant_key}
    statuses = registry.check(list(queries.values())) if queries else {}
    return [rules.result_of(c, statuses.get(c.ascii or ""), site) for c in checks]


def check_availability(domains: Sequence[str], *, site: str,
                       registry: Registry) -> list[rules.Result]:
    """Rules for every name, then one batched registry look-up for the valid ones; results
    in request order.

    Raises: RegistryError (the registry is unavailable).
    """
    return _with_availability([check_name(d) for d in domains], site=site, registry=registry)


def suggest_names(keyword: str, *, site: str, limit: int, registry: Registry,
                  language: str = "en") -> list[rules.Result]:
    """The keyword on the recommended suffixes plus simple variations, with availability.

    Raises: InvalidKeyword (InvalidDomainName), RegistryError.
    """
    candidates = [check_name(n) for n in rules.suggestion_names(keyword, catalogue.load())]
    picked = rules.first_valid(candidates, limit)
    if not picked:
        reasons = (candidates[0] if candidates else check_name(keyword)).reasons
        primary = reasons[0] if reasons else check_name("").reasons[0]
        raise InvalidKeyword(details={"reasons": [r.as_dict(language) for r in reasons]},
                             primary_en=primary.message_en, primary_zh=primary.message_zh)
    return _with_availability(picked, site=site, registry=registry)


def validate_name(domain: str, *, holder_type: str | None) -> NameCheck:
    """The name rules only (no registry look-up)."""
    return check_name(domain, holder_type=holder_type)
