"""kg viz: one self-contained, deterministic, escaped HTML page that works in a real browser.

The first half reads the page's embedded data and checks it against the graph (no browser). The
second half opens the page in headless Chromium driven by selenium through /usr/bin/chromedriver,
with the network shut off, and uses it as a person would: search, click a node, click an edge,
read the provenance panel.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from collections import deque
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

import kg
from kg.cli import main
from kg.views.viz import render, render_graph, script_json, viz_data, write_html

from .conftest import select

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
KGR = "https://w3id.org/kg/resource/"
TOP = "VALUES ?top { kg:Person kg:Region kg:Group kg:Artifact kg:Event }"

DATA_RE = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(html: str) -> dict:
    """The data the page embeds, read back the way the page's script reads it."""
    m = DATA_RE.search(html)
    assert m, "no kg-data block"
    return json.loads(m.group(1))


def outside_data(html: str) -> str:
    """The page without its data block: the template, style and script."""
    return DATA_RE.sub("", html)


def node_count(graph) -> int:
    """Entities and events in the graph, counted with SPARQL."""
    rows = select(graph, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a ?top . {TOP} }}")
    return int(rows[0][0])


def links(graph) -> list[tuple[str, str]]:
    """Pairs of nodes joined by a kg: triple or a kg:Statement, by SPARQL."""
    rows = select(
        graph,
        f"""SELECT DISTINCT ?s ?o WHERE {{
              {{ ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(kg:))) }}
              UNION {{ ?st a kg:Statement ; kg:subject ?s ; kg:object ?o }}
              ?s a ?top . ?o a ?t2 . {TOP}
              VALUES ?t2 {{ kg:Person kg:Region kg:Group kg:Artifact kg:Event }}
              FILTER(?s != ?o)
            }}""",
    )
    return [(s, o) for s, o in rows]


@pytest.fixture(scope="module")
def corpus_page(corpus_graph) -> str:
    return render_graph(corpus_graph)


# ----------------------------------------------------------------------------- the page


def test_the_same_graph_gives_the_same_bytes(corpus_build, corpus_graph, corpus_page, tmp_path):
    again = render_graph(kg.load(corpus_build.out))  # a fresh parse: other set orders inside
    assert again == corpus_page
    runner = CliRunner()
    for name in ("a.html", "b.html"):
        r = runner.invoke(
            main, ["viz", "--graph", str(corpus_build.out), "-o", str(tmp_path / name)]
        )
        assert r.exit_code == 0, r.output
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == corpus_page


def test_the_page_is_self_contained(corpus_page):
    shell = outside_data(corpus_page)
    assert len(re.findall(r"<script\b", shell)) == 1  # the code; the data block was cut out
    assert len(re.findall(r"<script\b", corpus_page)) == 2
    assert not re.search(r"<script[^>]*\bsrc=", corpus_page)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", shell)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", shell)
    assert "@@" not in shell  # every template slot was filled
    # the Content-Security-Policy allows exactly the inline style and script it carries
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', shell).group(1)
    assert "default-src 'none'" in csp
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", shell, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in csp


def test_the_data_block_cannot_end_the_script():
    text = "</script><script>alert(1)</script> <!-- & \u2028 \u2029 >"
    encoded = script_json({"t": text})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in encoded
    assert json.loads(encoded) == {"t": text}


def test_every_entity_and_event_is_a_node(corpus_graph, corpus_page):
    data = page_data(corpus_page)
    want = {r[0] for r in select(corpus_graph, f"SELECT DISTINCT ?x WHERE {{ ?x a ?top . {TOP} }}")}
    assert {n["iri"] for n in data["nodes"]} == want
    assert data["total"]["nodes"] == data["shown"]["nodes"] == node_count(corpus_graph)
    assert data["summary"].startswith(f"Showing {len(want)} of {len(want)} nodes")
    # the most mentioned first, each class once with its colour
    counts = [n["count"] for n in data["nodes"]]
    assert counts == sorted(counts, reverse=True)
    names = [c["name"] for c in data["classes"]]
    assert len(names) == len(set(names)) and {"Person", "Country", "Organization"} <= set(names)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c["color"]) for c in data["classes"])


def test_a_node_carries_its_mentions_with_the_sentence(corpus_graph, corpus_page):
    data = page_data(corpus_page)
    node = next(n for n in data["nodes"] if n["iri"] == KGR + "person/julie-hahn")
    [(title, text, start, end)] = select(
        corpus_graph,
        """SELECT ?title ?text ?s ?e WHERE {
             ?m kg:refersTo person:julie-hahn ; prov:wasDerivedFrom ?a ;
                kg:charStart ?s ; kg:charEnd ?e .
             ?a dcterms:title ?title ; kg:text ?text }""",
    )
    assert node["mentionTotal"] == 1 and len(node["mentions"]) == 1
    m = node["mentions"][0]
    art, sentence = data["sentences"][m["sentence"]]
    assert data["articles"][art]["title"] == title
    assert sentence[m["start"] : m["end"]] == text[int(start) : int(end)] == "Julie Hahn"
    assert sentence in text


def test_an_edge_carries_its_statements(corpus_graph, corpus_page):
    data = page_data(corpus_page)
    iri = {n["iri"]: i for i, n in enumerate(data["nodes"])}
    s, o = iri[KGR + "region/bashkortostan"], iri[KGR + "region/russia"]
    [edge] = [e for e in data["edges"] if (e["s"], e["t"], e["p"]) == (s, o, "locatedIn")]
    stated = select(
        corpus_graph,
        """SELECT ?evidence ?text ?s ?e WHERE {
             ?st a kg:Statement ; kg:subject region:bashkortostan ; kg:predicate kg:locatedIn ;
                 kg:object region:russia ; kg:evidence ?evidence ; kg:charStart ?s ;
                 kg:charEnd ?e ; prov:wasDerivedFrom/kg:text ?text }""",
    )
    # two sentences; the second says it twice ("Bashkortostan is …" and, through the noun
    # phrase that refers to it, "… republic in Russia")
    assert edge["asserted"] and edge["statementTotal"] == len(stated) == 3
    got = []
    for st in edge["statements"]:
        _, sentence = data["sentences"][st["evidence"]["sentence"]]
        marked = sentence[st["evidence"]["start"] : st["evidence"]["end"]]
        got.append((" ".join(sentence.split()), marked))
    want = [(" ".join(ev.split()), text[int(a) : int(b)]) for ev, text, a, b in stated]
    assert sorted(got) == sorted(want)


def test_the_cap_keeps_the_most_mentioned_and_says_so(corpus_graph):
    total = node_count(corpus_graph)
    data = viz_data(corpus_graph, max_nodes=20)
    assert data["shown"]["nodes"] == len(data["nodes"]) == 20
    assert data["total"]["nodes"] == total
    assert data["summary"].startswith(f"Showing 20 of {total} nodes: the 20 most mentioned;")
    assert f"{total - 20} others" in data["summary"] and "left out" in data["summary"]
    kept = {n["iri"] for n in data["nodes"]}
    # an entity's size is its kg:mentionCount, an event's the number of its mentions
    rows = select(
        corpus_graph,
        f"""SELECT ?x (SAMPLE(?c) AS ?count) (COUNT(DISTINCT ?m) AS ?mentions) WHERE {{
              ?x a ?top . {TOP}
              OPTIONAL {{ ?x kg:mentionCount ?c }}
              OPTIONAL {{ ?m a kg:Mention ; kg:refersTo ?x }}
            }} GROUP BY ?x""",
    )
    size = {x: int(c) if c and int(c) and "/event/" not in x else int(m) for x, c, m in rows}
    assert {n["iri"]: n["count"] for n in data["nodes"]} == {x: size[x] for x in kept}
    floor = min(size[x] for x in kept)
    assert max(size[x] for x in size if x not in kept) <= floor
    assert all(e["s"] < 20 and e["t"] < 20 for e in data["edges"])
    # the legend counts what is shown of each class
    assert sum(c["shown"] for c in data["classes"]) == 20
    assert sum(c["total"] for c in data["classes"]) == total
    assert data["summary"] in page_data(render(data))["summary"]


def _bfs(pairs: list[tuple[str, str]], centre: str, hops: int) -> set[str]:
    adj: dict[str, set[str]] = {}
    for s, o in pairs:
        adj.setdefault(s, set()).add(o)
        adj.setdefault(o, set()).add(s)
    seen, todo = {centre}, deque([(centre, 0)])
    while todo:
        n, d = todo.popleft()
        for m in adj.get(n, ()) if d < hops else ():
            if m not in seen:
                seen.add(m)
                todo.append((m, d + 1))
    return seen


def test_entity_and_hops_give_the_neighbourhood(corpus_graph):
    centre = KGR + "region/bashkortostan"
    pairs = links(corpus_graph)
    for hops in (0, 1, 2):
        data = viz_data(corpus_graph, entity="Bashkortostan", hops=hops)
        got = {n["iri"] for n in data["nodes"]}
        assert got == _bfs(pairs, centre, hops)
        assert data["nodes"][data["centre"]]["iri"] == centre
        assert f"within {hops} hop" in data["summary"] and "of Bashkortostan" in data["summary"]
    one = {n["iri"] for n in viz_data(corpus_graph, entity="region:bashkortostan", hops=1)["nodes"]}
    two = {n["iri"] for n in viz_data(corpus_graph, entity="Bashkortostan")["nodes"]}
    assert {KGR + "region/russia", KGR + "region/volga", KGR + "group/bashkirs"} <= one
    assert KGR + "person/ruslan-gabbasov" not in one  # he is two hops away, through an event
    assert KGR + "person/ruslan-gabbasov" in two and one < two
    # every edge shown has both ends in the neighbourhood
    data = viz_data(corpus_graph, entity="Bashkortostan")
    assert data["edges"] and all(e["s"] < len(data["nodes"]) > e["t"] for e in data["edges"])


def test_cli(corpus_build, tmp_path):
    runner = CliRunner()
    out = tmp_path / "view.html"
    g = str(corpus_build.out)
    r = runner.invoke(main, ["viz", "-g", g, "-e", "Bashkortostan", "--hops", "1", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "within 1 hop of Bashkortostan" in r.output
    assert page_data(out.read_text(encoding="utf-8"))["hops"] == 1
    r = runner.invoke(main, ["viz", "-g", g, "--hops", "1", "-o", str(out)])
    assert r.exit_code == 2 and "--hops needs --entity" in r.output
    r = runner.invoke(main, ["viz", "-g", g, "-e", "No Such Person", "-o", str(out)])
    assert r.exit_code == 2 and "No Such Person" in r.output
    r = runner.invoke(main, ["viz", "-g", g, "-o", str(tmp_path / "missing" / "x.html")])
    assert r.exit_code == 2 and "no such folder" in r.output
    r = runner.invoke(main, ["viz", "-g", str(tmp_path / "nothing"), "-o", str(out)])
    assert r.exit_code == 2


# ----------------------------------------------------------------------------- in a browser


def _install_chromium() -> str | None:
    """Install Debian's chromium and chromium-driver; None when done, else why not."""
    if shutil.which("apt-get") is None:
        return "no apt-get on this machine"
    if os.geteuid() != 0:
        return "not root, so apt-get cannot install it"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"]
    try:
        if subprocess.run(install, env=env, capture_output=True, timeout=180).returncode:
            # a fresh machine may have no package lists yet
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=120)
            r = subprocess.run(install, env=env, capture_output=True, text=True, timeout=240)
            if r.returncode:
                return f"apt-get install chromium chromium-driver failed: {r.stderr[-300:]}"
    except subprocess.TimeoutExpired as e:
        return f"{' '.join(e.cmd)} took longer than {e.timeout:.0f} s"
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Chromium with the network shut off, driven through Debian's chromedriver."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        why = _install_chromium()
        if why or not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
            pytest.skip(f"no headless browser: {why or 'chromium installed but not found'}")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (the test extra)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        "--force-device-scale-factor=1",
        # nothing may reach the network: a proxy on a dead port, and no name resolves
        "--proxy-server=127.0.0.1:9",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    # the driver's path is given, so selenium-manager never runs (and never downloads)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> list[dict]:
    """Load a page and wait for its layout; returns the requests the load made."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("performance")  # drop what came before (the start page)
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script("return document.documentElement.dataset.layout") == "done"
    )
    events = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    return [e["params"] for e in events if e["method"] == "Network.requestWillBeSent"]


def click_at(driver, point: dict) -> None:
    """A real mouse click at viewport coordinates."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    builder = ActionBuilder(driver)
    builder.pointer_action.move_to_location(round(point["x"]), round(point["y"]))
    builder.pointer_action.click()
    builder.perform()


def panel_text(driver, css: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, f"#kg-panel {css}")]


def test_the_page_in_a_browser(browser, corpus_graph, corpus_page, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    started = time.monotonic()
    page = tmp_path / "graph.html"
    page.write_text(corpus_page, encoding="utf-8")
    requests = open_page(browser, page)

    # nothing but the file itself (and data: URLs) was asked for
    url = page.resolve().as_uri()
    mine = [r["request"]["url"] for r in requests if r.get("documentURL") == url]
    assert url in mine
    assert all(u.startswith(("file:", "data:")) for u in mine), mine
    assert not [r for r in requests if re.match(r"(https?|wss?|ftp):", r["request"]["url"])]

    # the count the page reports is the graph's
    status = browser.find_element(By.ID, "kg-status")
    total = node_count(corpus_graph)
    assert status.get_attribute("data-total") == str(total)
    assert status.get_attribute("data-shown") == str(total)
    assert status.text.startswith(f"Showing {total} of {total} nodes")
    assert browser.execute_script("return window.kgView.done()") is True
    legend = browser.find_elements(By.CSS_SELECTOR, "#kg-classes input[type=checkbox]")
    assert len(legend) == len(page_data(corpus_page)["classes"])

    # search lists the match
    search = browser.find_element(By.ID, "kg-search")
    search.send_keys("julie h")
    found = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kg-results li button")]
    names = [f.split("\n")[0] for f in found]  # her, then events she is a party to
    assert names[0] == "Julie Hahn" and all("Julie Hahn" in n for n in names)
    search.send_keys(Keys.ESCAPE)
    assert not browser.find_element(By.ID, "kg-results").is_displayed()

    # a click on the node, where it is drawn, shows its article and sentence
    [(title, sentence)] = select(
        corpus_graph,
        """SELECT ?title ?sentence WHERE {
             ?m kg:refersTo person:julie-hahn ; prov:wasDerivedFrom ?a ; kg:inSentence ?s .
             ?a dcterms:title ?title ; kg:text ?text .
             ?s kg:charStart ?b ; kg:charEnd ?e .
             BIND(SUBSTR(?text, ?b + 1, ?e - ?b) AS ?sentence) }""",
    )
    n = browser.execute_script(f"return window.kgView.nodeIndex('{KGR}person/julie-hahn')")
    click_at(browser, browser.execute_script("return window.kgView.nodePoint(arguments[0])", n))
    assert panel_text(browser, "h2") == ["Julie Hahn"]
    assert panel_text(browser, ".prov-article") == [title]
    [quoted] = panel_text(browser, ".prov-sentence")
    assert " ".join(quoted.split()) == " ".join(sentence.split())
    assert panel_text(browser, ".prov-sentence mark") == ["Julie Hahn"]
    browser.save_screenshot(str(tmp_path / "node.png"))

    # a click on an edge shows the statement's sentence, the stated words marked
    [(evidence, words)] = select(
        corpus_graph,
        """SELECT ?evidence ?words WHERE {
             ?st kg:subject person:julie-hahn ; kg:predicate kg:spokespersonOf ;
                 kg:evidence ?evidence ; kg:charStart ?b ; kg:charEnd ?e ;
                 prov:wasDerivedFrom/kg:text ?text .
             BIND(SUBSTR(?text, ?b + 1, ?e - ?b) AS ?words) }""",
    )
    k = browser.execute_script(
        "return window.kgView.edgeIndex(arguments[0], 'spokespersonOf', arguments[1])",
        KGR + "person/julie-hahn",
        KGR + "group/environment-canada",
    )
    assert k >= 0
    hahn = browser.execute_script(
        "return window.kgView.nodeIndex(arguments[0])", KGR + "person/julie-hahn"
    )
    browser.execute_script("window.kgView.focus(arguments[0])", hahn)  # zoomed: edges apart
    point = browser.execute_script("return window.kgView.edgeClearPoint(arguments[0])", k)
    assert point is not None  # some of the edge is clear of nodes and other edges
    click_at(browser, point)
    [heading] = panel_text(browser, "h2")
    assert "Julie Hahn" in heading and "spokespersonOf" in heading
    assert "Environment Canada" in heading
    assert panel_text(browser, ".prov-article") == [title]
    [quoted] = panel_text(browser, ".prov-sentence")
    assert " ".join(quoted.split()) == " ".join(evidence.split())
    assert panel_text(browser, ".prov-sentence mark") == [words]

    # the article filter keeps that article's nodes only
    from selenium.webdriver.support.ui import Select

    articles = Select(browser.find_element(By.ID, "kg-article"))
    articles.select_by_visible_text(next(o.text for o in articles.options if title in o.text))
    assert "With the filters:" in browser.find_element(By.ID, "kg-filtered").text

    shot = tmp_path / "graph-view.png"
    browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert time.monotonic() - started < 30


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory):
    """A graph from an article whose title and text carry markup meant to run."""
    folder = tmp_path_factory.mktemp("hostile")
    article = {
        "title": "Nasty <img src=x onerror=window.__pwned=2> headline",
        "date": "2024-01-02",
        "url": "javascript:window.__pwned=3",
        "text": (
            "Vladimir Putin met Emmanuel Macron in Paris on Monday. "
            "A reader in Berlin wrote <script>window.__pwned=1</script> under the story. "
            "The minister <img src=x onerror=window.__pwned=2> said France would send aid."
        ),
    }
    (folder / "evil.json").write_text(json.dumps(article), encoding="utf-8")
    result = kg.build([folder / "evil.json"], out=folder / "out")
    g = kg.load(result.out)
    # a name no extractor makes, set on the built graph: labels are escaped like sentences
    g.set(
        (
            URIRef(KGR + "person/vladimir-putin"),
            SKOS.prefLabel,
            Literal("Vladimir <img src=x onerror=window.__pwned=4> Putin"),
        )
    )
    return g, folder


def test_markup_in_the_data_stays_text(browser, hostile_graph):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    g, folder = hostile_graph
    page = folder / "page.html"
    write_html(g, page)
    html = page.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img" not in html
    # the graph keeps the article's javascript: URL; the page never makes it a link
    assert select(g, "SELECT ?u WHERE { ?a schema:url ?u }") == [("javascript:window.__pwned=3",)]
    assert [a["url"] for a in page_data(html)["articles"]] == [None]
    open_page(browser, page)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"

    search = browser.find_element(By.ID, "kg-search")
    search.send_keys("berlin", Keys.ENTER)
    [quoted] = panel_text(browser, ".prov-sentence")
    assert "<script>window.__pwned=1</script>" in quoted
    [heading] = panel_text(browser, ".prov-article")
    assert heading == "Nasty <img src=x onerror=window.__pwned=2> headline"
    # a javascript: URL never becomes a link
    assert not browser.find_elements(By.CSS_SELECTOR, "#kg-panel a")

    search.clear()
    search.send_keys("pwned=4")
    found = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#kg-results li button")]
    assert [f.split("\n")[0] for f in found] == [
        "Vladimir <img src=x onerror=window.__pwned=4> Putin"
    ]
    search.send_keys(Keys.ENTER)
    assert panel_text(browser, "h2") == ["Vladimir <img src=x onerror=window.__pwned=4> Putin"]

    options = [o.text for o in browser.find_elements(By.CSS_SELECTOR, "#kg-article option")]
    assert any("<img src=x onerror=window.__pwned=2>" in o for o in options)
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert browser.execute_script("return document.scripts.length") == 2
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    # and nothing was stopped by the Content-Security-Policy: the escaping did the work
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
