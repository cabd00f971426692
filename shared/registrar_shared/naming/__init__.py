"""Name rules (NAMING.md): normalise, split the suffix, check the label, apply the suffix
policy and content rules; pure code used by search and re-run by orders at checkout.

Nothing is loaded at import: the catalogue, the variant table and the word lists are read
on first use and cached.
"""

from registrar_shared.naming.normalise import normalise
from registrar_shared.naming.pipeline import check_name
from registrar_shared.naming.result import NameCheck, Reason
from registrar_shared.naming.variants import fold, variant_key
from registrar_shared.naming.words import contains_reserved_word

__all__ = ["NameCheck", "Reason", "check_name", "contains_reserved_word", "fold", "normalise",
           "variant_key"]
