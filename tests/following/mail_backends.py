"""Email backends that fail the way real mail servers do, for the digest's error handling."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "refused@example.org"


class RefusingBackend(EmailBackend):
    """locmem, except that the server refuses the recipient REFUSED."""

    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"5.1.1 mailbox unavailable")})
        return super().send_messages(messages)


class DownBackend(EmailBackend):
    """A mail server that is not there."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")
