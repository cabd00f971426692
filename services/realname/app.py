from chalice import Chalice

from chalicelib.realname import wiring
from registrar_shared import observability, openapi

app = Chalice(app_name="registrar-realname")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar real-name API", prefix="/realname",
                description="Registrant templates, e-mail verification and document uploads.")
