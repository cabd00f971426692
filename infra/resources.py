"""infra's view of the single resource definition (which lives in the shared package so
that each Lambda zip can read queue names at import time)."""

from registrar_shared.resources import (  # noqa: F401
    DEFINITION,
    DOCUMENTS_BUCKET,
    PAYMENT_CALLBACK_SECRET,
    QUEUES,
    SES_SENDER,
    TABLES,
    TOPIC,
)
