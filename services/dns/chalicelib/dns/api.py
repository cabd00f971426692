"""Request and response models of the DNS API."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from chalicelib.dns import names, rules
from chalicelib.dns.model import Record, Zone


class RecordRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field(max_length=300, description="@, *, www, *.shop, _sip._tcp ... "
                      "(relative to the domain, at most 5 labels; IDN hosts accepted)")
    type: str = Field(max_length=10, description="A, AAAA, CNAME, MX, TXT, NS, SRV or CAA")
    value: str = Field(max_length=65_536, description=(
        "A: IPv4; AAAA: IPv6; CNAME/NS/MX: host name; TXT: the text (split into 255-byte "
        "strings for you); SRV: 'weight port target'; CAA: 'flags tag \"value\"'"))
    ttl: StrictInt | None = Field(None, description="600–86400 seconds (default 600, or the "
                                  "TTL of existing records with the same host and type)")
    priority: StrictInt | None = Field(None, description="MX 1–50 (default 10); SRV 0–65535")

    def to_input(self) -> rules.RecordInput:
        return rules.RecordInput(host=self.host, type=self.type, value=self.value, ttl=self.ttl,
                                 priority=self.priority)


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(50, ge=1, le=200)
    next_token: str | None = None


class Notice(BaseModel):
    code: str
    message: str


class RecordView(BaseModel):
    record_id: str
    host: str
    host_unicode: str
    type: str
    value: str
    ttl: int
    priority: int | None = None

    @classmethod
    def of(cls, record: Record) -> RecordView:
        return cls(record_id=record.record_id, host=record.host,
                   host_unicode=names.host_unicode(record.host), type=record.type,
                   value=record.data.value, ttl=record.data.ttl, priority=record.data.priority)


class RecordWriteView(RecordView):
    warnings: list[Notice] = []

    @classmethod
    def written(cls, record: Record, warnings: tuple[tuple[str, str, str], ...],
                language: str) -> RecordWriteView:
        notices = [Notice(code=code, message=zh if language == "zh" else en)
                   for code, en, zh in warnings]
        return cls(**RecordView.of(record).model_dump(), warnings=notices)


class RecordList(BaseModel):
    domain: str
    ascii: str
    status: str
    records: list[RecordView]
    next_token: str | None = None

    @classmethod
    def of(cls, zone: Zone, records: list[Record], next_token: str | None) -> RecordList:
        return cls(domain=zone.domain, ascii=zone.ascii, status=zone.status,
                   records=[RecordView.of(r) for r in records], next_token=next_token)


def dump(model: BaseModel) -> dict[str, object]:
    """JSON body; an absent priority is left out (API.md: "priority"?)."""
    body = model.model_dump(mode="json")
    records = body.get("records")
    for view in records if isinstance(records, list) else [body]:
        if view.get("priority") is None:
            view.pop("priority", None)
    return body
