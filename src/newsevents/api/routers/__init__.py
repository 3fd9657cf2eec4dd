"""One router per resource: events, stories, articles, search, export."""
