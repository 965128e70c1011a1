"""The terminal dashboard: a Textual client of the story engine. `factory.create_app(paths)` builds it."""
