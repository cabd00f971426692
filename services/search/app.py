from chalice import Chalice

from chalicelib.search import api, service, wiring
from registrar_shared import observability, openapi, web

app = Chalice(app_name="registrar-search")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar search API", prefix="/search",
                description="Availability, suggestions, name rules and the suffix catalogue.")


def _language() -> str:
    return observability.current().language


@app.route("/v1/suffixes", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The suffix catalogue with prices for a site",
                   query=api.SiteQuery, response=api.SuffixList, auth=False)
def list_suffixes() -> dict:
    query = web.parse_query(api.SiteQuery, web.current_request(app))
    views = [api.SuffixView.of(entry, query.site) for entry in service.list_suffixes()]
    return api.SuffixList(site=query.site, suffixes=views).model_dump(mode="json")


@app.route("/v1/check", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="Availability and price of one name", query=api.CheckQuery,
                   response=api.CheckResult, auth=False, errors=(401, 503))
def check_one() -> dict:
    request = web.current_request(app)
    query = web.parse_query(api.CheckQuery, request)
    site = wiring.caller_site(request, query.site)
    (result,) = service.check_availability([query.domain], site=site,
                                           registry=wiring.get_registry())
    return api.CheckResult.dump(result, _language())


@app.route("/v1/check", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="Availability and price of 1–500 names, in request order",
                   request=api.CheckRequest, response=api.CheckResults, auth=False,
                   errors=(401, 503))
def check_many() -> dict:
    request = web.current_request(app)
    body = api.parse_body(api.CheckRequest, request)
    site = wiring.caller_site(request, body.site)
    results = service.check_availability(body.domains, site=site,
                                         registry=wiring.get_registry())
    language = _language()
    return {"site": site, "results": [api.CheckResult.dump(r, language) for r in results]}


@app.route("/v1/suggest", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The keyword on recommended suffixes, and variations",
                   query=api.SuggestQuery, response=api.SuggestResults, auth=False,
                   errors=(401, 503))
def suggest() -> dict:
    request = web.current_request(app)
    query = web.parse_query(api.SuggestQuery, request)
    site = wiring.caller_site(request, query.site)
    language = _language()
    results = service.suggest_names(query.keyword, site=site, limit=query.limit,
                                    registry=wiring.get_registry(), language=language)
    return {"keyword": query.keyword, "site": site,
            "results": [api.CheckResult.dump(r, language) for r in results]}


@app.route("/v1/validate", methods=["POST"])
@web.translate_errors
@openapi.operation(summary="The name rules only, without a registry look-up",
                   request=api.ValidateRequest, response=api.ValidateResult, auth=False)
def validate() -> dict:
    body = api.parse_body(api.ValidateRequest, web.current_request(app))
    check = service.validate_name(body.domain, holder_type=body.holder_type)
    return api.ValidateResult.of(check, _language()).model_dump(mode="json")
