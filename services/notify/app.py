from chalice import Chalice, Response
from chalice.app import SQSEvent

from chalicelib.notify import api, channels, handlers, service, wiring
from chalicelib.notify.model import Language
from registrar_shared import messaging, observability, openapi, web
from registrar_shared.resources import QUEUES

app = Chalice(app_name="registrar-notify")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar notifications API", prefix="/notify",
                description="Contact details, webhooks and the message centre (站内信).")


def _language() -> Language | None:
    """The Accept-Language of the request if it has one (else the contact's language)."""
    if web.header(web.current_request(app), "accept-language") is None:
        return None
    return "zh" if observability.current().language == "zh" else "en"


@app.route("/v1/contact", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="Where the account is notified (e-mail, phone, language)",
                   response=api.ContactView)
def get_contact() -> dict:
    principal = wiring.authenticate(web.current_request(app))
    contact = service.get_contact(principal, repo=wiring.get_repository(),
                                  accounts=wiring.get_accounts())
    return api.ContactView.of(contact).model_dump(mode="json")


@app.route("/v1/contact", methods=["PUT"])
@web.translate_errors
@openapi.operation(summary="Replace the contact details (main accounts)",
                   request=api.ContactUpdate, response=api.ContactView, errors=(403,))
def put_contact() -> dict:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    body = web.parse_body(api.ContactUpdate, request)
    contact = service.update_contact(principal, email=body.email, phone=body.phone,
                                     language=body.language, repo=wiring.get_repository(),
                                     accounts=wiring.get_accounts(), clock=wiring.get_clock())
    return api.ContactView.of(contact).model_dump(mode="json")


@app.route("/v1/webhooks", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Register a webhook URL for event patterns; returns its secret",
                   request=api.WebhookCreate, response=api.WebhookCreated, status=201,
                   errors=(403, 422))
def create_webhook() -> Response:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    body = web.parse_body(api.WebhookCreate, request)
    webhook = service.create_webhook(principal, url=body.url, events=body.events,
                                     description=body.description,
                                     repo=wiring.get_repository(),
                                     resolver=wiring.get_resolver(),
                                     local=wiring.settings().local, clock=wiring.get_clock())
    return web.json_response(api.WebhookCreated.created(webhook).model_dump(mode="json"), 201)


@app.route("/v1/webhooks", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The account's webhooks (without secrets)", response=api.WebhookList)
def list_webhooks() -> dict:
    principal = wiring.authenticate(web.current_request(app))
    webhooks = service.list_webhooks(principal, repo=wiring.get_repository())
    return api.WebhookList(webhooks=[api.WebhookView.of(w) for w in webhooks]).model_dump(
        mode="json")


@app.route("/v1/webhooks/{webhook_id}", methods=["DELETE"])
@web.translate_errors
@openapi.operation(summary="Delete a webhook; queued deliveries are cancelled", status=204,
                   errors=(403, 404))
def delete_webhook(webhook_id: str) -> Response:
    principal = wiring.authenticate(web.current_request(app))
    service.delete_webhook(principal, webhook_id, repo=wiring.get_repository())
    return Response(body="", status_code=204)


@app.route("/v1/webhooks/{webhook_id}/deliveries", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="Deliveries of one webhook, newest event first",
                   query=api.PageQuery, response=api.DeliveryList, errors=(404,))
def list_deliveries(webhook_id: str) -> dict:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    query = web.parse_query(api.PageQuery, request)
    deliveries, token = service.list_deliveries(principal, webhook_id, limit=query.limit,
                                                token=query.next_token,
                                                repo=wiring.get_repository(),
                                                clock=wiring.get_clock())
    return api.DeliveryList(deliveries=[api.DeliveryView.of(d) for d in deliveries],
                            next_token=token).model_dump(mode="json")


@app.route("/v1/messages", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The message centre (站内信), newest first", query=api.PageQuery,
                   response=api.MessageList)
def list_messages() -> dict:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    query = web.parse_query(api.PageQuery, request)
    messages, token, language = service.list_messages(
        principal, limit=query.limit, token=query.next_token, language=_language(),
        repo=wiring.get_repository(), accounts=wiring.get_accounts())
    return api.MessageList(messages=[api.MessageView.of(m, language) for m in messages],
                           next_token=token).model_dump(mode="json")


@app.on_sqs_message(queue=QUEUES.notify_inbox, batch_size=1)
def handle_notify_inbox_message(event: SQSEvent) -> None:
    for record in event:
        messaging.dispatch(record.body, handlers.HANDLERS, persistence=wiring.get_persistence(),
                           logger=wiring.logger, lambda_context=event.context)


@app.on_sqs_message(queue=QUEUES.notify_webhooks, batch_size=1)
def handle_notify_webhooks_message(event: SQSEvent) -> None:
    for record in event:
        job = channels.job_from_json(record.body)
        settings = wiring.settings()
        outcome = service.deliver_webhook(
            job, repo=wiring.get_repository(), queue=wiring.get_webhook_queue(),
            poster=wiring.get_poster(), resolver=wiring.get_resolver(), local=settings.local,
            clock=wiring.get_clock(), max_attempts=settings.notify_webhook_max_attempts,
            retry_base_seconds=settings.notify_webhook_retry_base_seconds)
        wiring.logger.info("webhook attempt", extra={
            "webhook_id": job.webhook_id, "event_id": job.event_id, "attempt": job.attempt,
            "outcome": outcome})
