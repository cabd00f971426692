from chalice import Chalice, Response
from chalice.app import SQSEvent

from chalicelib.dns import api, handlers, service, wiring
from registrar_shared import messaging, observability, openapi, web
from registrar_shared.resources import QUEUES

app = Chalice(app_name="registrar-dns")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar DNS API", prefix="/dns",
                description="Zones and records of registered domains.")

RECORD_ERRORS = (400, 404, 409, 422, 503)


def _written(result: service.WriteResult, status: int) -> Response:
    assert result.record is not None
    view = api.RecordWriteView.written(result.record, result.warnings,
                                       observability.current().language)
    return web.json_response(api.dump(view), status)


@app.route("/v1/domains/{domain}/records", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The records of a domain's zone (owner and its RAM users)",
                   query=api.ListQuery, response=api.RecordList, errors=(404,))
def list_records(domain: str) -> Response:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    query = web.parse_query(api.ListQuery, request)
    zone, records, token = service.list_records(domain, principal, dns=wiring.get_dns(),
                                                limit=query.limit, next_token=query.next_token)
    return web.json_response(api.dump(api.RecordList.of(zone, records, token)))


@app.route("/v1/domains/{domain}/records", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Add a record", request=api.RecordRequest,
                   response=api.RecordWriteView, status=201, errors=RECORD_ERRORS)
def create_record(domain: str) -> Response:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    body = web.parse_body(api.RecordRequest, request)
    result = service.create_record(domain, principal, body.to_input(), wiring.get_deps())
    return _written(result, 201)


@app.route("/v1/domains/{domain}/records/{record_id}", methods=["PUT"])
@web.translate_errors
@openapi.operation(summary="Replace a record", request=api.RecordRequest,
                   response=api.RecordWriteView, errors=RECORD_ERRORS)
def update_record(domain: str, record_id: str) -> Response:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    body = web.parse_body(api.RecordRequest, request)
    result = service.update_record(domain, principal, record_id, body.to_input(),
                                   wiring.get_deps())
    return _written(result, 200)


@app.route("/v1/domains/{domain}/records/{record_id}", methods=["DELETE"])
@web.translate_errors
@openapi.operation(summary="Delete a record", status=204, errors=(404, 409, 503))
def delete_record(domain: str, record_id: str) -> Response:
    principal = wiring.authenticate(web.current_request(app))
    service.delete_record(domain, principal, record_id, wiring.get_deps())
    return Response(body="", status_code=204)


@app.route("/v1/domains/{domain}/zone", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The zone as an RFC 1035 master file", errors=(404,),
                   content_type="text/plain")
def export_zone(domain: str) -> Response:
    principal = wiring.authenticate(web.current_request(app))
    text = service.export_zone(domain, principal, dns=wiring.get_dns(),
                               route53=wiring.get_route53())
    return Response(body=text, status_code=200,
                    headers={"Content-Type": "text/plain; charset=utf-8"})


@app.route("/v1/domains/{domain}/business-card", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Switch on the 姓名.网址 business card (CNAME @ to "
                   "2019.cname.knetreg.cn); 200 if it is already on",
                   response=api.RecordWriteView, status=201, errors=(404, 409, 422, 503))
def enable_business_card(domain: str) -> Response:
    principal = wiring.authenticate(web.current_request(app))
    result = service.enable_business_card(domain, principal, wiring.get_deps())
    return _written(result, 201 if result.changed else 200)


@app.on_sqs_message(queue=QUEUES.dns_inbox, batch_size=1)
def handle_dns_inbox_message(event: SQSEvent) -> None:
    for record in event:
        messaging.dispatch(record.body, handlers.HANDLERS, persistence=wiring.get_persistence(),
                           logger=wiring.logger, lambda_context=event.context)
