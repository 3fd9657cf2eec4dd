"""The browser UI: server-rendered pages (Jinja2), static JavaScript and CSS, bundled map outlines.

Mounted by `newsevents.api.create_app`; everything it serves is in the package, nothing is fetched
from the network (no CDN, web fonts or map tiles).
"""
