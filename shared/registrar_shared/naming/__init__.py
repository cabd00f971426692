"""Name rules (NAMING.md): normalise, split the suffix, check the label, apply the suffix
policy and content rules; pure code used by search and re-run by orders at checkout."""

from registrar_shared.naming.result import NameCheck, Reason

__all__ = ["NameCheck", "Reason"]
