"""`search TEXT [--limit N]`: what Ctrl+K finds, one hit a line on stdout (signed in)."""
from __future__ import annotations

import argparse

from app.cli.options import CommandError, WorkspaceOptions, open_workspace, sign_in


def cmd_search(args: argparse.Namespace, opts: WorkspaceOptions) -> int:
    """register key, record id, its units (the user's only, where it has several), title —
    tab-separated; no header, no count, nothing on stderr when it succeeds. Exit 0 with no
    lines when nothing matches."""
    from app.auth import Role, require_role
    from app.search import search_lines

    if args.limit < 1:
        raise CommandError("--limit 应为正整数。")
    ws = open_workspace(opts, beside_window=True)
    try:
        sign_in(ws, opts)
        require_role(ws.actor, Role.VIEWER)
        with ws.reading() as session:
            lines = search_lines(session, ws.actor, args.text, args.limit)
    finally:
        ws.close()
    for line in lines:
        print(line)
    return 0
