from chalice import Chalice

from chalicelib.orders import api, service, wiring
from registrar_shared import observability, openapi, web

app = Chalice(app_name="registrar-orders")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar orders API", prefix="/orders",
                description="Account, cart, checkout, payments, domains and renewals.")


@app.route("/v1/account", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The caller's account and balance", response=api.AccountView)
def get_account() -> dict:
    principal = wiring.authenticate(web.current_request(app))
    view = service.describe_account(principal, balances=wiring.get_balances())
    return view.model_dump(mode="json")
