"""`export report` and `export archive` (app/cli_registers imports this module to add them)."""
from __future__ import annotations

import argparse

from app.cli_registers import DOCUMENT_EXPORTERS


def _report(args: argparse.Namespace, ws) -> str:  # noqa: ANN001 — app.workspace.Workspace
    from app.reports.document import cli_export

    return cli_export(args, ws)


def _archive(args: argparse.Namespace, ws) -> str:  # noqa: ANN001
    from app.reports.archive_export import cli_export

    return cli_export(args, ws)


DOCUMENT_EXPORTERS["report"] = _report     # --from D --to D [--unit NAME] --out F.docx (or --year Y)
DOCUMENT_EXPORTERS["archive"] = _archive   # --year Y --out FOLDER
