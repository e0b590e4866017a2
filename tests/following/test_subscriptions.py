"""Subscribing needs a confirmation; one click stops it."""

import datetime
import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from following import subscriptions
from following.models import Subscription
from tests.factories import CommitmentFactory, PersonFactory, PolicyFieldFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2021, 1, 5, 9, 0, tzinfo=datetime.timezone.utc)


@pytest.fixture
def minister():
    # The form offers ministers with a published commitment.
    return CommitmentFactory(made_by=PersonFactory(name="Bart Somers", slug="bart-somers")).made_by


def page_text(response, email: str) -> str:
    """The page without what differs between any two requests: the address and the CSRF token."""
    body = response.content.decode().replace(email, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def link_in(message, name: str) -> str:
    """The path of the first link in a mail's body that points at URL name `name`."""
    prefix = "http://127.0.0.1:8000" + reverse(name, args=["TOKEN"]).replace("TOKEN/", "")
    (line,) = [line for line in message.body.splitlines() if line.startswith(prefix)]
    return line.removeprefix("http://127.0.0.1:8000")


# --- The form -------------------------------------------------------------------------------------------


def test_subscribe_form_has_labelled_fields(client, minister):
    response = client.get(reverse("following:subscribe"))
    assert response.status_code == 200
    body = response.content.decode()
    for field in ["email", "minister", "policy_field", "commitment"]:
        assert f'<label for="id_{field}"' in body
    assert "<legend>" in body
    assert "Bart Somers" in body


def test_subscribe_form_is_prefilled_from_a_dashboard_link(client, minister):
    response = client.get(reverse("following:subscribe") + "?minister=bart-somers")
    assert '<option value="bart-somers" selected>' in response.content.decode()
    PolicyFieldFactory(name="Stedenbeleid", slug="stedenbeleid")
    body = client.get(reverse("following:subscribe") + "?field=stedenbeleid").content.decode()
    assert '<option value="stedenbeleid" selected>' in body
    assert 'value="policy_field" required id="id_target_1" checked' in body


def test_subscribing_sends_a_confirmation_and_stays_inactive_until_confirmed(client, minister):
    response = client.post(reverse("following:subscribe"),
                           {"email": "Watchdog@Example.org", "target": "minister", "minister": "bart-somers"})
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == "watchdog@example.org"
    assert subscription.person == minister
    assert subscription.confirmed_at is None
    assert not Subscription.objects.active().exists()
    (message,) = mail.outbox
    assert message.to == ["watchdog@example.org"]
    assert "Bart Somers" in message.subject
    assert f"/follow/confirm/{subscription.token}/" in message.body
    assert f"/follow/unsubscribe/{subscription.token}/" in message.body


def test_the_confirmation_link_shows_a_button_and_only_the_post_confirms(client, minister):
    subscription = subscriptions.subscribe("w@example.org", minister, NOW)
    path = link_in(mail.outbox[0], "following:confirm")

    page = client.get(path)
    assert page.status_code == 200
    assert "<form method=\"post\"" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # a mail scanner following the link confirms nothing

    client.post(path)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert Subscription.objects.active().get() == subscription


def test_an_unknown_token_is_not_found(client):
    assert client.get(reverse("following:confirm", args=["nope"])).status_code == 404
    assert client.get(reverse("following:unsubscribe", args=["nope"])).status_code == 404
    assert client.post(reverse("following:unsubscribe", args=["nope"])).status_code == 404


def test_choosing_a_target_without_its_value_is_an_error(client, minister):
    response = client.post(reverse("following:subscribe"), {"email": "w@example.org", "target": "policy_field"})
    assert response.status_code == 400
    assert "Choose what to follow." in response.content.decode()
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_an_unpublished_commitment_cannot_be_followed(client):
    suggested = CommitmentFactory(review_state="suggested")
    response = client.post(reverse("following:subscribe"),
                           {"email": "w@example.org", "target": "commitment", "commitment": suggested.pk})
    assert response.status_code == 400
    assert "There is no published commitment with that number." in response.content.decode()


def test_following_a_commitment_and_a_policy_field(client):
    commitment = CommitmentFactory()
    field = PolicyFieldFactory(name="Binnenlands bestuur", slug="binnenlands-bestuur")
    client.post(reverse("following:subscribe"),
                {"email": "w@example.org", "target": "commitment", "commitment": commitment.pk})
    client.post(reverse("following:subscribe"),
                {"email": "w@example.org", "target": "policy_field", "policy_field": "binnenlands-bestuur"})
    assert {s.followed for s in Subscription.objects.all()} == {commitment, field}
    assert len(mail.outbox) == 2


# --- Asking twice --------------------------------------------------------------------------------------


def test_asking_again_within_the_hour_does_not_mail_again(minister):
    subscriptions.subscribe("w@example.org", minister, NOW)
    subscriptions.subscribe("W@example.org", minister, NOW + datetime.timedelta(minutes=10))
    assert Subscription.objects.count() == 1
    assert len(mail.outbox) == 1


def test_asking_again_later_resends_the_same_link(minister):
    first = subscriptions.subscribe("w@example.org", minister, NOW)
    again = subscriptions.subscribe("w@example.org", minister, NOW + datetime.timedelta(hours=2))
    assert again.pk == first.pk
    assert len(mail.outbox) == 2
    assert mail.outbox[0].body == mail.outbox[1].body


def test_asking_again_when_confirmed_sends_nothing_and_shows_the_same_page(client, minister):
    subscription = subscriptions.subscribe("w@example.org", minister, NOW)
    subscriptions.confirm(subscription, NOW)
    response = client.post(reverse("following:subscribe"),
                           {"email": "w@example.org", "target": "minister", "minister": "bart-somers"})
    fresh = client.post(reverse("following:subscribe"),
                        {"email": "other@example.org", "target": "minister", "minister": "bart-somers"})
    assert response.status_code == fresh.status_code == 200
    assert page_text(response, "w@example.org") == page_text(fresh, "other@example.org")
    assert [m.to for m in mail.outbox] == [["w@example.org"], ["other@example.org"]]


def test_after_unsubscribing_one_can_subscribe_again(minister):
    first = subscriptions.subscribe("w@example.org", minister, NOW)
    subscriptions.unsubscribe(first, NOW)
    second = subscriptions.subscribe("w@example.org", minister, NOW)
    assert second.pk != first.pk
    assert second.token != first.token


# --- Unsubscribing ---------------------------------------------------------------------------------------


def confirmed(minister) -> Subscription:
    subscription = subscriptions.subscribe("w@example.org", minister, NOW)
    subscriptions.confirm(subscription, NOW)
    return subscription


def test_the_unsubscribe_link_asks_for_one_click(client, minister):
    subscription = confirmed(minister)
    path = reverse("following:unsubscribe", args=[subscription.token])
    page = client.get(path)
    assert page.status_code == 200
    assert '<button type="submit">' in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is None

    done = client.post(path)
    assert done.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert not Subscription.objects.active().exists()


def test_one_click_unsubscribe_from_a_mail_client_needs_no_csrf_token(minister):
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the List-Unsubscribe URL.
    subscription = confirmed(minister)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("following:unsubscribe", args=[subscription.token]),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_unsubscribing_twice_keeps_the_first_time(client, minister):
    subscription = confirmed(minister)
    path = reverse("following:unsubscribe", args=[subscription.token])
    client.post(path)
    subscription.refresh_from_db()
    first = subscription.unsubscribed_at
    client.post(path)
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at == first


def test_an_unsubscribed_subscription_cannot_be_confirmed(client, minister):
    subscription = subscriptions.subscribe("w@example.org", minister, NOW)
    subscriptions.unsubscribe(subscription, NOW)
    client.post(reverse("following:confirm", args=[subscription.token]))
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


# --- Database constraints --------------------------------------------------------------------------------


def test_a_subscription_sets_exactly_the_key_its_target_names(minister):
    field = PolicyFieldFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="w@example.org", target="minister", policy_field=field)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="w@example.org", target="minister", person=minister, policy_field=field)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="w@example.org", target="commitment")


def test_one_live_subscription_per_address_and_target(minister):
    Subscription.objects.create(email="w@example.org", target="minister", person=minister)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(email="w@example.org", target="minister", person=minister)
    Subscription.objects.update(unsubscribed_at=timezone.now())
    Subscription.objects.create(email="w@example.org", target="minister", person=minister)


@override_settings(EMAIL_BACKEND="tests.following.mail_backends.DownBackend")
def test_when_the_confirmation_mail_cannot_be_sent_the_form_says_so(client, minister):
    response = client.post(reverse("following:subscribe"),
                           {"email": "w@example.org", "target": "minister", "minister": "bart-somers"})
    assert response.status_code == 503
    assert "We could not send the confirmation mail just now." in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmation_sent_at is None and subscription.confirmed_at is None
