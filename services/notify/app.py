from chalice import Chalice

from chalicelib.notify import wiring
from registrar_shared import observability, openapi

app = Chalice(app_name="registrar-notify")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar notifications API", prefix="/notify",
                description="Webhooks and the message centre.")
