from urllib.parse import unquote

from chalice import Chalice, Rate, Response
from chalice.app import CloudWatchEvent, SQSEvent

from chalicelib.orders import (
    api,
    handlers,
    payment,
    portfolio,
    rules,
    scheduler,
    service,
    wiring,
)
from registrar_shared import messaging, observability, openapi, web
from registrar_shared.resources import QUEUES

app = Chalice(app_name="registrar-orders")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar orders API", prefix="/orders",
                description="Account, cart, checkout, payments, domains and renewals.")


def _request():  # noqa: ANN202
    return web.current_request(app)


@app.route("/v1/account", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The caller's account and balance", response=api.AccountView)
def get_account() -> dict:
    principal = wiring.authenticate(_request())
    return service.describe_account(principal, orders=wiring.get_orders()).model_dump()


@app.route("/v1/cart", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The cart (清单), priced for the account's site",
                   response=api.CartView)
def get_cart() -> dict:
    principal = wiring.authenticate(_request())
    return service.view_cart(principal, orders=wiring.get_orders()).model_dump()


@app.route("/v1/cart/items", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Add or update a cart item", request=api.CartItemRequest,
                   response=api.CartView, status=201, errors=(403, 409, 422))
def add_cart_item() -> Response:
    principal = wiring.authenticate(_request())
    request = web.parse_body(api.CartItemRequest, _request())
    cart = service.add_to_cart(principal, request, orders=wiring.get_orders(),
                               clock=wiring.get_clock())
    return web.json_response(cart.model_dump(), status=201)


@app.route("/v1/cart/items/{domain}", methods=["DELETE"])
@web.translate_errors
@openapi.operation(summary="Remove a cart item", response=api.CartView, errors=(403, 404))
def remove_cart_item(domain: str) -> dict:
    principal = wiring.authenticate(_request())
    return service.remove_from_cart(principal, unquote(domain),
                                    orders=wiring.get_orders()).model_dump()


@app.route("/v1/orders", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Check out: create an order from items or the cart",
                   request=api.PlaceOrderRequest, response=api.OrderView, status=201,
                   errors=(403, 404, 409, 422))
def place_order() -> Response:
    request = _request()
    principal = wiring.authenticate(request)
    body = web.json_body(request)
    order, _ = service.place_order(
        principal, api.PlaceOrderRequest.model_validate(body),
        idempotency_key=web.header(request, "idempotency-key"),
        body_fingerprint=rules.fingerprint(body), orders=wiring.get_orders(),
        registry=wiring.get_registry(), publisher=wiring.get_publisher(),
        clock=wiring.get_clock())
    return web.json_response(api.OrderView.of(order).model_dump(), status=201)


@app.route("/v1/orders", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The account's orders, newest first", query=api.ListQuery,
                   response=api.OrderList)
def list_orders() -> dict:
    principal = wiring.authenticate(_request())
    query = web.parse_query(api.ListQuery, _request())
    found, token = wiring.get_orders().orders_of(principal.owner_id, limit=query.limit,
                                                 token=query.next_token, status=query.status)
    return api.OrderList(orders=[api.OrderView.of(o) for o in found],
                         next_token=token).model_dump()


@app.route("/v1/orders/{order_id}", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="One order", response=api.OrderView, errors=(404,))
def get_order(order_id: str) -> dict:
    principal = wiring.authenticate(_request())
    order = service.get_order(principal, order_id, orders=wiring.get_orders())
    return api.OrderView.of(order).model_dump()


@app.route("/v1/orders/{order_id}/payments", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Pay an order by balance, Alipay or online banking",
                   request=api.PaymentRequest, response=api.PaymentView, status=201,
                   errors=(403, 404, 409, 422, 503))
def pay_order(order_id: str) -> Response:
    request = _request()
    principal = wiring.authenticate(request)
    body = web.json_body(request)
    method = api.PaymentRequest.model_validate(body).method
    paid, pay_url, _ = payment.pay_order(
        principal, order_id, method, idempotency_key=web.header(request, "idempotency-key"),
        body_fingerprint=rules.fingerprint({"order_id": order_id, **body}),
        orders=wiring.get_orders(), publisher=wiring.get_publisher(),
        clock=wiring.get_clock(), provider=wiring.get_provider(),
        callback_url=wiring.callback_url())
    view = api.PaymentView.of(paid, pay_url)
    return web.json_response(view.model_dump(), status=200 if method == "balance" else 201)


@app.route("/v1/payments/callback", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="The payment provider's signed callback (no API key)",
                   request=api.CallbackBody, response=api.Received, auth=False,
                   errors=(401, 404, 409))
def payment_callback() -> dict:
    request = _request()
    payment.confirm_payment(
        request.raw_body or b"", web.header(request, "x-signature"),
        secret=wiring.get_callback_secret(), orders=wiring.get_orders(),
        publisher=wiring.get_publisher(), clock=wiring.get_clock(),
        provider=wiring.get_provider())
    return api.Received().model_dump()


@app.route("/v1/domains", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="My domains", query=api.ListQuery, response=api.DomainList)
def list_domains() -> dict:
    principal = wiring.authenticate(_request())
    query = web.parse_query(api.ListQuery, _request())
    return portfolio.list_domains(principal, limit=query.limit, token=query.next_token,
                                  orders=wiring.get_orders()).model_dump()


@app.route("/v1/domains/{domain}", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="One of my domains with its lifecycle dates",
                   response=api.DomainView, errors=(404,))
def get_domain(domain: str) -> dict:
    principal = wiring.authenticate(_request())
    return portfolio.describe_domain(principal, unquote(domain),
                                     orders=wiring.get_orders()).model_dump()


@app.route("/v1/domains/{domain}/holder-transfer", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Holder transfer (过户) of a proxy-held domain to one of my "
                           "real-name-verified templates; lifts the restriction",
                   request=api.HolderTransferRequest, response=api.DomainView,
                   errors=(403, 404, 409, 422, 503))
def transfer_holder(domain: str) -> dict:
    principal = wiring.authenticate(_request())
    request = web.parse_body(api.HolderTransferRequest, _request())
    return portfolio.transfer_holder(principal, unquote(domain), request.template_id,
                                     orders=wiring.get_orders(), registry=wiring.get_registry(),
                                     publisher=wiring.get_publisher()).model_dump()


@app.route("/v1/domains/{domain}/deregistration", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Deregister (注销) a .gov.cn domain: deleted at the registry, "
                           "DNS zone removed", response=api.DomainView,
                   errors=(403, 404, 409, 422, 503))
def deregister_domain(domain: str) -> dict:
    principal = wiring.authenticate(_request())
    return portfolio.deregister(principal, unquote(domain), orders=wiring.get_orders(),
                                registry=wiring.get_registry(),
                                publisher=wiring.get_publisher()).model_dump()


@app.on_sqs_message(queue=QUEUES.orders_inbox, batch_size=1)
def handle_orders_inbox_message(event: SQSEvent) -> None:
    for record in event:
        messaging.dispatch(record.body, handlers.HANDLERS, persistence=wiring.get_persistence(),
                           logger=wiring.logger, lambda_context=event.context)


@app.schedule(Rate(1, unit=Rate.MINUTES))
def run_due_work(event: CloudWatchEvent) -> None:
    service.relay_outbox(orders=wiring.get_orders(), publisher=wiring.get_publisher())
    scheduler.process_due_work(wiring.get_deps())
