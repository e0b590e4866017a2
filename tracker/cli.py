"""Small pieces the management commands share: argument types and the exit-2 convention."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError

# Exit code for input the command cannot use (a missing, empty or binary file): distinct from 1,
# which Django uses for any other error, so scripts can tell "bad file" from "broken service".
BAD_INPUT = 2


def iso_date(value: str) -> datetime.date:
    """Read a --date / --today option (YYYY-MM-DD) in a command's handle().

    Not an argparse `type=`: a CommandError raised inside argparse escapes Django's handling as a
    traceback, where in handle() it becomes the message and exit code 2.
    """
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date: use YYYY-MM-DD.", returncode=BAD_INPUT) from None
