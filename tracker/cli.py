"""Small pieces the management commands share: argument types and the exit-2 convention."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError

# Exit code for input the command cannot use (a missing, empty or binary file): distinct from 1,
# which Django uses for any other error, so scripts can tell "bad file" from "broken service".
BAD_INPUT = 2


def iso_date(value: str) -> datetime.date:
    """argparse type for --date / --today: YYYY-MM-DD, with a message that says so."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date: use YYYY-MM-DD.", returncode=BAD_INPUT) from None
