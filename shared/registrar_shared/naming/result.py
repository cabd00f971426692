"""The outcome of the name-rule pipeline (NAMING.md): shared by search and orders."""

from __future__ import annotations

from dataclasses import dataclass, field

from registrar_shared.catalogue import Suffix


@dataclass(frozen=True)
class Reason:
    """A refusal reason or a notice: a stable PascalCase code and bilingual messages."""

    code: str
    message_en: str
    message_zh: str

    def as_dict(self, language: str = "en") -> dict[str, str]:
        return {"code": self.code,
                "message": self.message_zh if language == "zh" else self.message_en}


@dataclass(frozen=True)
class NameCheck:
    """What the rules say about one typed name, before any registry look-up.

    ``domain``/``ascii`` are the normalised U-label and A-label forms when the pipeline got
    that far (None if the name could not even be split); ``reasons`` are refusals in pipeline
    order (the first is the primary one); ``notices`` are not refusals.
    """

    input: str
    domain: str | None
    ascii: str | None
    label: str | None
    suffix: Suffix | None
    reasons: tuple[Reason, ...] = ()
    notices: tuple[Reason, ...] = ()
    variant_key: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.reasons
