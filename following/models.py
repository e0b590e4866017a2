"""Email subscriptions to a minister, a policy field or a commitment, and what was sent to whom.

A subscription is inactive until its address confirmed it (double opt-in) and stops at one click
on the unsubscribe link. The daily digest (following/digest.py) writes a Delivery for every event
it mailed to a subscription; an event is processed (`Event.processed_at`) once every subscription
it concerns has its Delivery, so a failing address never loses another's digest and never marks
an event done for itself.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# A subscription whose mail failed this many digests in a row is set aside: it no longer holds
# events back, and an administrator can look at its last error and reset it in the admin.
MAX_FAILED_ATTEMPTS = 5


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriptionQuerySet:
        """Confirmed and not unsubscribed."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def active(self) -> SubscriptionQuerySet:
        """The subscriptions the digest mails: confirmed, not unsubscribed, not set aside."""
        return self.confirmed().filter(failed_attempts__lt=MAX_FAILED_ATTEMPTS)

    def pending(self) -> SubscriptionQuerySet:
        """Waiting for the address to confirm."""
        return self.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    class Target(models.TextChoices):
        MINISTER = "minister", _("a minister")
        POLICY_FIELD = "policy_field", _("a policy field")
        COMMITMENT = "commitment", _("a commitment")

    email = models.EmailField(_("email address"), help_text=_("Stored in lower case."))
    target = models.CharField(_("follows"), max_length=20, choices=Target.choices)
    person = models.ForeignKey(
        "transcripts.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions",
        verbose_name=_("minister"),
    )
    policy_field = models.ForeignKey(
        "recommendations.PolicyField", on_delete=models.CASCADE, null=True, blank=True,
        related_name="subscriptions", verbose_name=_("policy field"),
    )
    commitment = models.ForeignKey(
        "commitments.Commitment", on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions",
        verbose_name=_("commitment"),
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False,
        help_text=_("The secret in the confirmation and unsubscribe links."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation mail sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(
        _("failed digests in a row"), default=0,
        help_text=_("Set aside from %(n)d on; reset to 0 to try again.") % {"n": MAX_FAILED_ATTEMPTS},
    )
    last_error = models.TextField(_("last error"), blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Exactly the foreign key the target names is set.
            models.CheckConstraint(
                condition=(
                    Q(target="minister", person__isnull=False, policy_field__isnull=True, commitment__isnull=True)
                    | Q(target="policy_field", person__isnull=True, policy_field__isnull=False,
                        commitment__isnull=True)
                    | Q(target="commitment", person__isnull=True, policy_field__isnull=True,
                        commitment__isnull=False)
                ),
                name="subscription_target_matches_key",
            ),
            # One live subscription per address and target (NULLs are distinct in a unique
            # constraint, hence one per kind of target).
            models.UniqueConstraint(
                fields=["email", "person"], condition=Q(target="minister", unsubscribed_at__isnull=True),
                name="subscription_unique_minister",
            ),
            models.UniqueConstraint(
                fields=["email", "policy_field"],
                condition=Q(target="policy_field", unsubscribed_at__isnull=True),
                name="subscription_unique_policy_field",
            ),
            models.UniqueConstraint(
                fields=["email", "commitment"], condition=Q(target="commitment", unsubscribed_at__isnull=True),
                name="subscription_unique_commitment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.followed}"

    @property
    def followed(self):
        """The Person, PolicyField or Commitment this subscription follows."""
        return {
            self.Target.MINISTER: self.person,
            self.Target.POLICY_FIELD: self.policy_field,
            self.Target.COMMITMENT: self.commitment,
        }[self.target]

    @property
    def is_active(self) -> bool:
        return (
            self.confirmed_at is not None
            and self.unsubscribed_at is None
            and self.failed_attempts < MAX_FAILED_ATTEMPTS
        )

    def events_filter(self) -> Q:
        """The events (commitments.Event) this subscription is about."""
        if self.target == self.Target.MINISTER:
            return Q(commitment__made_by_id=self.person_id)
        if self.target == self.Target.POLICY_FIELD:
            return Q(commitment__policy_field_id=self.policy_field_id)
        return Q(commitment_id=self.commitment_id)

    @staticmethod
    def target_for(followed) -> dict:
        """The model fields that make a subscription follow `followed`."""
        from commitments.models import Commitment
        from recommendations.models import PolicyField
        from transcripts.models import Person

        if isinstance(followed, Person):
            return {"target": Subscription.Target.MINISTER, "person": followed}
        if isinstance(followed, PolicyField):
            return {"target": Subscription.Target.POLICY_FIELD, "policy_field": followed}
        if isinstance(followed, Commitment):
            return {"target": Subscription.Target.COMMITMENT, "commitment": followed}
        raise TypeError(f"cannot follow a {type(followed).__name__}")


class Delivery(models.Model):
    """An event mailed to a subscription: the record of what was sent to whom."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("subscription")
    )
    event = models.ForeignKey(
        "commitments.Event", on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("event")
    )
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event"], name="delivery_once_per_subscription"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription.email}"

