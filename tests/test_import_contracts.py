"""The layers `make lint` keeps (import-linter, `[tool.importlinter]` in
pyproject.toml), tried on the project's real import graph with one import added:
the core importing a feature app, or two apps importing each other, breaks a
contract, so `lint-imports` (and `make lint`, `.ci/run`) fails."""

import copy
from pathlib import Path

import pytest
from importlinter.application import use_cases
from importlinter.application.app_config import settings
from importlinter.configuration import configure

PYPROJECT = str(Path(__file__).resolve().parents[1] / "pyproject.toml")
LAYERS = "Features above accounts and housing, above the core apps"
NO_CIRCLE = "No import circle between the portal's apps, or between the CMS's"


class _GraphWithOneMoreImport:
    """Builds the graph once per test run and hands out a copy with `extra` added."""

    graph = None

    def __init__(self, builder, extra):
        self.builder, self.extra = builder, extra

    def build(self, **kwargs):
        if _GraphWithOneMoreImport.graph is None:
            _GraphWithOneMoreImport.graph = self.builder.build(**kwargs)
        graph = copy.deepcopy(_GraphWithOneMoreImport.graph)
        if self.extra:
            importer, imported = self.extra
            graph.add_import(
                importer=importer,
                imported=imported,
                line_number=1,
                line_contents=f"import {imported}",
            )
        return graph


def broken_contracts(monkeypatch, extra=None) -> set[str]:
    configure()
    use_cases._register_built_in_contract_types()
    monkeypatch.setitem(
        settings._config,
        "GRAPH_BUILDER",
        _GraphWithOneMoreImport(settings.GRAPH_BUILDER, extra),
    )
    options = use_cases.read_user_options(config_filename=PYPROJECT)
    report = use_cases.create_report(options, cache_dir=None)
    return {
        contract.name
        for contract, check in report.get_contracts_and_checks()
        if not check.kept
    }


def test_the_project_keeps_its_import_contracts(monkeypatch):
    assert broken_contracts(monkeypatch) == set()


@pytest.mark.parametrize(
    ("importer", "imported", "broken"),
    [
        ("portal.core.models", "portal.grants.models", {LAYERS}),
        ("cms.core.models", "cms.meetings.models", {LAYERS}),
        ("portal.core.models", "portal.accounts.models", {LAYERS}),
        # grants already reads groups; groups reading grants closes a circle.
        ("portal.groups.models", "portal.grants.models", {NO_CIRCLE}),
    ],
)
def test_an_import_against_the_layers_breaks_a_contract(
    monkeypatch, importer, imported, broken
):
    assert broken <= broken_contracts(monkeypatch, (importer, imported))
