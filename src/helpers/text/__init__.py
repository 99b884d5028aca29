"""Text in, text and tables out: decoding, the page finder, cleaning, HTML pages, quotes, the audit.

Pure: no module here reads or writes a file.

Modules, in layer order (each imports only the ones above it; ``tests/test_layers.py``):

- ``helpers.text.decode``          bytes -> normalised text (decoding, mojibake, spaces, line ends)
- ``helpers.text.pagefinder``      a whole page's text -> which blocks are the article, and why not (a subpackage: passes over a ``Page``)
- ``helpers.text.structure``       raw lines -> blocks (paragraph candidates); datelines, headlines, headings
- ``helpers.text.boilerplate``     built-in boilerplate rules, the prose test, where recurring lines are learned
- ``helpers.text.repeats``         blocks repeated within an article -> duplicates of their first occurrence
- ``helpers.text.clean``           text -> paragraphs + an audit of every line: the Cleaner (pagefinder and the three above)
- ``helpers.text.html_extract``    an HTML page -> its article text and metadata (trafilatura)
- ``helpers.text.quotes``          paragraphs -> quoted speech and narration, with speakers
- ``helpers.text.actorlist``      the researcher's actor list (config/actors.csv): aliases, patterns, groups
- ``helpers.text.names``          what words are: titles, organisation and function words, places (GeoNames), given names
- ``helpers.text.entities``       sentences -> actor mentions: names by capitalisation, resolved per article; the actor list
- ``helpers.text.audit``           the audit -> removed lines as runs and counts, for the reports
"""
