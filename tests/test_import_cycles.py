"""No module of QA Desktop imports, directly or through others, a module that imports it
back: a circle makes the import order decide what exists, and hides which one is the base."""

from __future__ import annotations

import grimp


def test_no_module_is_in_an_import_circle() -> None:
    graph = grimp.build_graph("qa_desktop")
    circles = sorted(
        (importer, imported)
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        if graph.find_shortest_chain(importer=imported, imported=importer)
    )
    assert circles == []


def test_the_quarterly_report_and_its_charts_share_their_data_one_way() -> None:
    graph = grimp.build_graph("qa_desktop")
    charts, report = "qa_desktop.reports.quarterly_charts", "qa_desktop.reports.quarterly"
    assert graph.find_shortest_chain(importer=charts, imported=report) is None
    assert graph.direct_import_exists(importer=report, imported=charts)
