from chalice import Chalice

from chalicelib.search import api, service, wiring
from registrar_shared import observability, openapi, web

app = Chalice(app_name="registrar-search")
observability.install(app, wiring.logger)
openapi.install(app, title="Registrar search API", prefix="/search",
                description="Availability, suggestions, name rules and the suffix catalogue.")


@app.route("/v1/suffixes", methods=["GET"])
@web.translate_errors
@openapi.operation(summary="The suffix catalogue with prices for a site",
                   query=api.SiteQuery, response=api.SuffixList, auth=False)
def list_suffixes() -> dict:
    query = web.parse_query(api.SiteQuery, web.current_request(app))
    views = [api.SuffixView.of(entry, query.site) for entry in service.list_suffixes()]
    return api.SuffixList(site=query.site, suffixes=views).model_dump(mode="json")
