"""`clustergraph extract`: from a report to a draft of graph facts for an analyst to review.

readers (text, PDF, DOCX, HTML) -> lines with their locators; known (entities of the graph or of
files) and mentions (known names, new organisations) -> builders (actors, memberships,
agreements, events, targets) -> draft (YAML in the loader's format) and review (HTML page).
"""
