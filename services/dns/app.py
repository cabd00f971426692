from chalice import Chalice
from chalice.app import SQSEvent

from chalicelib.dns import handlers, wiring
from registrar_shared import messaging, observability, openapi
from registrar_shared.resources import QUEUES

app = Chalice(app_name="registrar-dns")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar DNS API", prefix="/dns",
                description="Zones and records of registered domains.")


@app.on_sqs_message(queue=QUEUES.dns_inbox, batch_size=1)
def handle_dns_inbox_message(event: SQSEvent) -> None:
    for record in event:
        messaging.dispatch(record.body, handlers.HANDLERS, persistence=wiring.get_persistence(),
                           logger=wiring.logger, lambda_context=event.context)
