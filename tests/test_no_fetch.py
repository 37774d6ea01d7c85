"""HTML input is read for its text only: nothing it points at is fetched, nothing in it
runs. A local HTTP server counts requests while kg builds a page full of remote resources."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import kg


def test_html_resources_are_never_fetched(tmp_path):
    hits: list[str] = []

    class Count(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Count)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page = f"""<!doctype html><html><head>
<link rel="stylesheet" href="{base}/style.css"><script src="{base}/app.js"></script>
<meta http-equiv="refresh" content="0; url={base}/refresh">
</head><body><article>
<h1>Talks in Geneva</h1>
<p>Foreign ministers from France and Germany met in Geneva on Monday to discuss the
ceasefire, officials said. <img src="{base}/photo.jpg" onerror="fetch('{base}/onerror')"></p>
<iframe src="{base}/frame"></iframe>
<p>The talks will resume next week, according to a statement from the French foreign ministry.
<script>fetch("{base}/inline")</script></p>
</article></body></html>"""
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.html").write_text(page, encoding="utf-8")
    try:
        result = kg.build([src], out=tmp_path / "out")
    finally:
        server.shutdown()
    assert result.articles == 1 and not result.skipped
    assert "Geneva" in result.extractions[0].article.text
    assert "fetch(" not in result.extractions[0].article.text  # scripts are not text
    assert hits == []
