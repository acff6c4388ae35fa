"""Screenshots of Neo4j Browser with geokg's guide and graph style, taken in headless Chromium.

    python scripts/browser_screenshots.py [--out docs] [--use-running]

By default it starts a throw-away managed Neo4j (free ports, a temporary home) with geokg's
Browser settings, ingests examples/articles, serves the API in a thread, logs in to Neo4j
Browser, lets the post-connect command load the style and open the guide, and saves
`browser-guide.png` (the guide) and `browser-graph.png` (a styled graph of the actors).
With --use-running it uses the Neo4j of the current settings (GEOKG_* / NEO4J_*) as it is.

Needs Chromium and its driver (Debian: `apt-get install chromium chromium-driver`) and the
`selenium` package. The functions are also used by tests/test_browser.py.
"""

import argparse
import contextlib
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from geokg.settings import Settings, get_settings
from graph.browser import browser_config, guide_url, style_url

EXAMPLES = REPO / "examples" / "articles"
GRAPH_QUERY = "MATCH (a:Actor)-[r]->(b:Actor) RETURN a, r, b"
GUIDE_TITLE = "geokg: the news graph"
WINDOW_SIZE = (1600, 1100)
TIMEOUT = 60.0
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMEDRIVER_NAMES = ("chromedriver",)
# Headless Chromium on a closed network: no sandbox (root), no GPU, nothing fetched in the background.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


class ScreenshotError(RuntimeError):
    """Something the screenshots could not get past, worded for the user."""


# ---------------------------------------------------------------------------------------------
# What is needed


def find_chromium() -> tuple[str, str] | None:
    """Paths of Chromium and chromedriver, or None when either is missing."""
    browser = next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    driver = next(filter(None, map(shutil.which, CHROMEDRIVER_NAMES)), None)
    return (browser, driver) if browser and driver else None


def missing_requirements() -> str | None:
    """Why Browser cannot be driven here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the `selenium` package is not installed"
    if find_chromium() is None:
        return "Chromium and chromedriver are not installed (Debian: apt-get install chromium chromium-driver)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------------------------------------
# Neo4j and the API


@contextlib.contextmanager
def throwaway_neo4j(home: Path, password: str = "geokg-screenshots") -> Iterator[Settings]:
    """A managed Neo4j in `home` on free ports, with geokg's Browser settings; stopped at the end."""
    from graph.server import start_neo4j, stop_neo4j

    settings = Settings(
        neo4j_uri=None,
        neo4j_user="neo4j",
        neo4j_password=password,
        neo4j_database="neo4j",
        home=home,
        cache_dir=Settings().cache_dir,
        bolt_port=free_port(),
        http_port=free_port(),
        api_host="127.0.0.1",
        api_port=free_port(),
        neo4j_heap="512m",
        neo4j_pagecache="128m",
    )
    start_neo4j(settings, extra_config=browser_config(settings))
    try:
        yield settings
    finally:
        stop_neo4j(settings)


def ingest_examples(settings: Settings, paths: list[Path] | None = None) -> None:
    from geokg.ingest import ingest_paths
    from graph.driver import create_driver
    from graph.schema import ensure_schema

    with create_driver(settings) as driver:
        ensure_schema(driver, settings.neo4j_database)
        report = ingest_paths(driver, settings, paths or [EXAMPLES])
    if report.written.relations == 0:
        raise ScreenshotError(f"ingesting {paths or [EXAMPLES]} wrote no relations")


@contextlib.contextmanager
def serve_api(settings: Settings) -> Iterator[str]:
    """The API on settings.api_host:api_port in a thread; yields its base URL."""
    import uvicorn

    from api.app import create_app

    config = uvicorn.Config(create_app(settings), host=settings.api_host, port=settings.api_port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="geokg-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise ScreenshotError(f"the API did not start on {settings.api_host}:{settings.api_port}")
        time.sleep(0.1)
    try:
        yield f"http://{settings.api_host}:{settings.api_port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


# ---------------------------------------------------------------------------------------------
# Chromium and Neo4j Browser


@contextlib.contextmanager
def chromium(window_size: tuple[int, int] = WINDOW_SIZE) -> Iterator["WebDriver"]:  # noqa: F821
    """Headless Chromium driven by Selenium, with a fresh empty profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find_chromium()
    if found is None:
        raise ScreenshotError("Chromium and chromedriver are not installed")
    binary, chromedriver = found
    with tempfile.TemporaryDirectory(prefix="geokg-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={window_size[0]},{window_size[1]}")
        # A given driver path: Selenium Manager would try to download one otherwise.
        driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
        try:
            driver.set_window_size(*window_size)
            yield driver
        finally:
            driver.quit()


def wait_for(driver, condition, what: str, timeout: float = TIMEOUT):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.25).until(condition)
    except TimeoutException as error:
        raise ScreenshotError(f"timed out after {timeout:.0f} s waiting for {what}") from error


def by_testid(name: str) -> tuple[str, str]:
    from selenium.webdriver.common.by import By

    return By.CSS_SELECTOR, f"[data-testid='{name}']"


def log_in(driver, settings: Settings) -> None:
    """Open Neo4j Browser and connect with the settings' credentials."""
    from selenium.webdriver.support import expected_conditions as ec

    driver.get(settings.browser_url)
    password = wait_for(driver, ec.visibility_of_element_located(by_testid("password")), "Browser's login form")
    address = driver.find_element(*by_testid("boltaddress"))
    bolt = settings.bolt_uri.split("://", 1)[-1]
    if address.get_attribute("value") != bolt:
        address.clear()
        address.send_keys(bolt)
    username = driver.find_element(*by_testid("username"))
    username.clear()
    username.send_keys(settings.neo4j_user)
    password.clear()
    password.send_keys(settings.neo4j_password.get_secret_value())
    driver.find_element(*by_testid("connect")).click()
    wait_for(driver, ec.invisibility_of_element_located(by_testid("password")), "the connection to Neo4j")


def frames(driver) -> list:
    return driver.find_elements(*by_testid("frame"))


def frame_with_text(driver, text: str):
    """The newest frame whose text holds `text`, or False (for waits)."""
    for frame in frames(driver):
        if text in frame.text:
            return frame
    return False


def wait_for_guide(driver, timeout: float = TIMEOUT):
    """The guide frame that the post-connect command opened, with its slides."""
    return wait_for(
        driver,
        lambda d: (frame := frame_with_text(d, GUIDE_TITLE)) and frame.find_elements(*by_testid("carousel")) and frame,
        "the geokg guide to open",
        timeout,
    )


def guide_runnables(frame) -> list[str]:
    from selenium.webdriver.common.by import By

    return [element.text for element in frame.find_elements(By.CSS_SELECTOR, "pre.runnable")]


def run_command(driver, command: str) -> None:
    """Type a query or command into Browser's editor and run it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    editor = wait_for(driver, lambda d: d.find_element(*by_testid("activeEditor")), "Browser's editor")
    editor.click()
    actions = ActionChains(driver)
    # The editor closes brackets itself; typing the closing one steps over it, so the text is kept.
    actions.send_keys(command).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()


def wait_for_graph(driver, min_nodes: int = 2):
    """The newest frame that draws a graph, once its nodes are in place."""
    from selenium.webdriver.common.by import By

    def drawn(d):
        for frame in frames(d):
            nodes = frame.find_elements(By.CSS_SELECTOR, "svg g.node")
            if len(nodes) >= min_nodes:
                return frame
            if frame.find_elements(By.CSS_SELECTOR, "svg"):
                return False
        return False

    frame = wait_for(driver, drawn, "a graph to be drawn")
    time.sleep(4)  # the force layout settles
    return frame


def node_colors(frame) -> dict[str, str]:
    """Caption to fill colour of the nodes drawn in a graph frame."""
    from selenium.webdriver.common.by import By

    colors = {}
    for node in frame.find_elements(By.CSS_SELECTOR, "svg g.node"):
        circle = node.find_elements(By.CSS_SELECTOR, "circle.b-outline")
        caption = " ".join(text.text for text in node.find_elements(By.CSS_SELECTOR, "text")).strip()
        if circle and caption:
            colors[caption] = (circle[0].get_attribute("fill") or "").upper()
    return colors


def relationship_captions(frame) -> set[str]:
    from selenium.webdriver.common.by import By

    return {text.text for text in frame.find_elements(By.CSS_SELECTOR, "svg g.relationship text") if text.text}


def enlarge_graph(driver, frame) -> None:
    """The graph frame full screen without its side panel, zoomed to fit and then one step in."""
    from selenium.webdriver.common.by import By

    def click(selector: str) -> None:
        for button in frame.find_elements(By.CSS_SELECTOR, selector):
            button.click()
            time.sleep(1.5)
            return

    click("button[title='Collapse the node properties display']")
    click("button[title='Fullscreen']")
    click("button[aria-label='zoom-to-fit']")
    click("button[aria-label='zoom-in']")


def capture(driver, settings: Settings, out: Path) -> tuple[Path, Path]:
    """Log in, wait for the guide the post-connect command opens, run the graph query; two PNGs."""
    out.mkdir(parents=True, exist_ok=True)
    log_in(driver, settings)
    wait_for_guide(driver)
    time.sleep(1)  # fonts and the carousel's first paint
    guide_png = out / "browser-guide.png"
    driver.save_screenshot(str(guide_png))
    run_command(driver, GRAPH_QUERY)
    enlarge_graph(driver, wait_for_graph(driver))
    graph_png = out / "browser-graph.png"
    driver.save_screenshot(str(graph_png))
    return guide_png, graph_png


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="Folder for the PNGs (default: docs/).")
    parser.add_argument(
        "--use-running", action="store_true", help="Use the running Neo4j of the current settings; start nothing."
    )
    args = parser.parse_args()
    reason = missing_requirements()
    if reason:
        print(f"Cannot take Browser screenshots: {reason}.", file=sys.stderr)
        return 1
    try:
        with contextlib.ExitStack() as stack:
            if args.use_running:
                settings = get_settings()
            else:
                home = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="geokg-screenshots-")))
                settings = stack.enter_context(throwaway_neo4j(home))
                ingest_examples(settings)
            stack.enter_context(serve_api(settings))
            print(f"Guide: {guide_url(settings)}\nStyle: {style_url(settings)}\nBrowser: {settings.browser_url}")
            driver = stack.enter_context(chromium())
            for path in capture(driver, settings, args.out):
                print(f"wrote {path}")
    except ScreenshotError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
