from chalice import Chalice, Response
from chalice.app import SQSEvent

from chalicelib.realname import api, service, wiring
from registrar_shared import observability, openapi, web
from registrar_shared.resources import QUEUES

app = Chalice(app_name="registrar-realname")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar real-name API", prefix="/realname",
                description="Registrant templates, e-mail verification and document uploads.")


def language() -> str:
    return observability.current().language


@app.route("/v1/templates", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Create a registrant template (信息模板); Idempotency-Key accepted",
                   request=api.CreateTemplateRequest, response=api.TemplateView, status=201,
                   errors=(409, 422))
def create_template() -> Response:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    body = web.parse_body(api.CreateTemplateRequest, request)

    def create() -> dict:
        template = service.create_template(body, principal, repo=wiring.get_repository(),
                                           publisher=wiring.get_publisher(),
                                           clock=wiring.get_clock())
        return api.TemplateView.of(template, language()).model_dump(mode="json")

    view = wiring.get_idempotency().run(
        key=web.header(request, "idempotency-key"), scope=f"{principal.owner_id}#template",
        payload=body.model_dump(mode="json"), compute=create, lambda_context=app.lambda_context)
    return web.json_response(view, status=201)


@app.route("/v1/templates", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The account's templates, oldest first", query=api.ListQuery,
                   response=api.TemplateList)
def list_templates() -> dict:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    query = web.parse_query(api.ListQuery, request)
    templates, token = service.list_templates(principal, query, repo=wiring.get_repository())
    return api.TemplateList(templates=[api.TemplateView.of(t, language()) for t in templates],
                            next_token=token).model_dump(mode="json")


@app.route("/v1/templates/{template_id}", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="One template", response=api.TemplateView, errors=(404,))
def get_template(template_id: str) -> dict:
    principal = wiring.authenticate(web.current_request(app))
    template = service.get_template(principal, template_id, repo=wiring.get_repository())
    return api.TemplateView.of(template, language()).model_dump(mode="json")


@app.route("/v1/templates/{template_id}/email-verification", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="E-mail a six-digit code to the template's address",
                   response=api.EmailVerificationView, status=202, errors=(404, 409, 429))
def send_email_code(template_id: str) -> Response:
    principal = wiring.authenticate(web.current_request(app))
    record = service.send_email_code(principal, template_id, repo=wiring.get_repository(),
                                     mailer=wiring.get_mailer(), clock=wiring.get_clock())
    view = api.EmailVerificationView.of(record)
    return web.json_response(view.model_dump(mode="json"), status=202)


@app.route("/v1/templates/{template_id}/email-verification/confirm", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Confirm the e-mailed code", request=api.ConfirmEmailRequest,
                   response=api.TemplateView, errors=(404, 409))
def confirm_email(template_id: str) -> dict:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    body = web.parse_body(api.ConfirmEmailRequest, request)
    template = service.confirm_email(principal, template_id, body.code,
                                     repo=wiring.get_repository(),
                                     publisher=wiring.get_publisher(), clock=wiring.get_clock())
    return api.TemplateView.of(template, language()).model_dump(mode="json")


@app.route("/v1/templates/{template_id}/uploads", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Grant an S3 presigned POST for a document; Idempotency-Key accepted",
                   request=api.CreateUploadRequest, response=api.UploadGrantView, status=201,
                   errors=(404, 409, 422))
def create_upload(template_id: str) -> Response:
    request = web.current_request(app)
    principal = wiring.authenticate(request)
    body = web.parse_body(api.CreateUploadRequest, request)

    def grant() -> dict:
        upload_grant = service.grant_upload(
            principal, template_id, body, repo=wiring.get_repository(),
            documents=wiring.get_documents(), clock=wiring.get_clock(),
            correlation_id=observability.current().correlation_id)
        return api.UploadGrantView.of(upload_grant).model_dump(mode="json")

    view = wiring.get_idempotency().run(
        key=web.header(request, "idempotency-key"),
        scope=f"{principal.owner_id}#upload#{template_id}",
        payload=body.model_dump(mode="json"), compute=grant, lambda_context=app.lambda_context)
    return web.json_response(view, status=201)


@app.route("/v1/templates/{template_id}/uploads/{upload_id}", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="Status of an uploaded document", response=api.UploadView,
                   errors=(404,))
def get_upload(template_id: str, upload_id: str) -> dict:
    principal = wiring.authenticate(web.current_request(app))
    upload = service.get_upload(principal, template_id, upload_id, repo=wiring.get_repository())
    return api.UploadView.of(upload, language()).model_dump(mode="json")


@app.on_sqs_message(queue=QUEUES.realname_uploads, batch_size=1)
def handle_realname_uploads_message(event: SQSEvent) -> None:
    for record in event:
        service.process_upload_message(
            record.body, repo=wiring.get_repository(), documents=wiring.get_documents(),
            publisher=wiring.get_publisher(), clock=wiring.get_clock(), logger=wiring.logger)
