"""`manage.py create_token USER`: prints the key; an unknown user is a clear error with exit code 2."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tracker.cli import BAD_INPUT

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("create_token", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), str(error)
    return 0, out.getvalue(), err.getvalue()


def test_prints_a_new_token_that_authenticates_the_user(civil_servant):
    code, out, err = run("ambtenaar")
    assert code == 0
    key = out.strip()
    assert Token.objects.get(user=civil_servant).key == key
    assert err == ""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.post("/api/v1/commitments/999/confirm/").status_code == 404  # authenticated, allowed, no record


def test_running_it_again_prints_the_same_token(civil_servant):
    assert run("ambtenaar")[1] == run("ambtenaar")[1]


def test_reset_replaces_the_token(civil_servant):
    old = run("ambtenaar")[1].strip()
    new = run("ambtenaar", "--reset")[1].strip()
    assert new != old
    assert list(Token.objects.values_list("key", flat=True)) == [new]


def test_unknown_user_is_a_clear_error_with_exit_code_2(db):
    code, out, message = run("niemand")
    assert code == BAD_INPUT
    assert out == ""
    assert message == "No user named 'niemand'. Create the user first (the admin, or manage.py createsuperuser)."
    assert Token.objects.count() == 0


def test_user_outside_the_civil_servant_group_gets_a_read_token_and_a_warning(reader):
    code, out, err = run("lezer")
    assert code == 0
    assert out.strip() == Token.objects.get(user=reader).key
    assert err.strip() == (
        "note: 'lezer' is not in the 'civil servant' group: this token reads what the public reads and cannot write."
    )


def test_inactive_user_is_refused(reader):
    reader.is_active = False
    reader.save()
    code, _out, message = run("lezer")
    assert code == BAD_INPUT
    assert message == "User 'lezer' is inactive: a token would not authenticate. Activate the user first."


def test_admin_creates_tokens_in_the_admin(admin_client, reader):
    from django.urls import reverse

    assert admin_client.get(reverse("admin:authtoken_tokenproxy_changelist")).status_code == 200
    response = admin_client.post(reverse("admin:authtoken_tokenproxy_add"), {"user": reader.pk})
    assert response.status_code == 302
    assert Token.objects.filter(user=reader).exists()
