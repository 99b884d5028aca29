"""What the report notebooks load and show: their tables, the pieces of their pages, the HTML.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.report.html``     an executed notebook -> a self-contained HTML page without code (nbconvert); HTML tables
- ``helpers.report.parts``    pieces of the report pages: figures, tables, notes, links (Jinja2 templates in ``templates/``)
- ``helpers.report.actors``   the actors a report shows (``actors``, ``min_mentions``) and the tone towards them
- ``helpers.report.data``     the report notebooks' set-up: parameters checked, tables loaded
"""
