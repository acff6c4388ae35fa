"""Neo4j Browser settings of the managed Neo4j: load geokg's graph style and open its guide on connect.

The API serves both (`api/routes/browser.py`): the guide at `/browser/guide.html` and the style
at `/browser/style.grass`. Neo4j Browser 5 reads two server settings when it connects:

- `browser.post_connect_cmd`: Browser commands run after a successful connection, separated by
  `;` and written without their leading colon (Browser adds it). Here `:style <url>` loads the
  style and `:play <url>` opens the guide.
- `browser.remote_content_hostname_whitelist`: the hosts Browser may fetch guides and styles
  from. Browser compares host names only (a port in an entry never matches), so the API's host
  is added to Neo4j's defaults.

It also turns Browser's product analytics off (`client.allow_telemetry`). All are Neo4j 5
server settings (Neo4j refuses unknown keys at start-up), passed to
`graph.server.start_neo4j(settings, extra_config=browser_config(settings))`.
"""

from geokg.settings import Settings

GUIDE_PATH = "/browser/guide.html"
STYLE_PATH = "/browser/style.grass"
POST_CONNECT_CMD = "browser.post_connect_cmd"
HOSTNAME_ALLOWLIST = "browser.remote_content_hostname_whitelist"
# Browser would send product analytics otherwise (the managed Neo4j sends no usage data either).
CLIENT_TELEMETRY = "client.allow_telemetry"
# Neo4j's own default for the allowlist, kept so that `:play` of Neo4j's online guides still works.
DEFAULT_ALLOWED_HOSTS = ("guides.neo4j.com", "localhost")
# An API listening on every interface is reached by Browser on the loopback address.
WILDCARD_HOSTS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


def api_host(settings: Settings) -> str:
    """The host Browser reaches the API on: the listening host, loopback for a wildcard."""
    host = settings.api_host.strip()
    return WILDCARD_HOSTS.get(host, host)


def api_base_url(settings: Settings) -> str:
    host = api_host(settings)
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return f"http://{host}:{settings.api_port}"


def guide_url(settings: Settings) -> str:
    return api_base_url(settings) + GUIDE_PATH


def style_url(settings: Settings) -> str:
    return api_base_url(settings) + STYLE_PATH


def post_connect_commands(settings: Settings) -> list[str]:
    """The Browser commands run on connect: the style first, so that the guide's graphs use it."""
    return [f"style {style_url(settings)}", f"play {guide_url(settings)}"]


def allowed_hosts(settings: Settings) -> list[str]:
    hosts = list(DEFAULT_ALLOWED_HOSTS)
    host = api_host(settings)
    if host not in hosts:
        hosts.append(host)
    return hosts


def browser_config(settings: Settings) -> dict[str, str]:
    """The Neo4j settings that make Browser load geokg's style and open its guide on connect."""
    return {
        POST_CONNECT_CMD: "; ".join(post_connect_commands(settings)),
        HOSTNAME_ALLOWLIST: ",".join(allowed_hosts(settings)),
        CLIENT_TELEMETRY: "false",
    }


# How the guide's queries and the style group the ontology's relation types: by CAMEO quad class
# (verbal or material cooperation, verbal or material conflict). DENIES, DIRECTS and the
# affiliations (LEADS, MEMBER_OF, PART_OF) are in neither group.
COOPERATIVE = ("ASSURES", "MEETS", "AGREES_WITH", "SUPPORTS", "COOPERATES_WITH", "AIDS")
CONFLICTUAL = (
    "ACCUSES",
    "CRITICIZES",
    "THREATENS",
    "DEMANDS",
    "REJECTS",
    "SANCTIONS",
    "CHARGED",
    "ARRESTS",
    "ATTACKS",
    "KILLS",
    "PLOTS_AGAINST",
    "PROTESTS",
    "MOBILIZES_AGAINST",
)
