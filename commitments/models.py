"""Ministerial commitments, their deadline history, the speeches that mention them, and the events
the jobs write when their state changes."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReviewState(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class CommitmentQuerySet(models.QuerySet):
    def public(self) -> CommitmentQuerySet:
        """What watchdogs and anonymous API clients see: records a person confirmed."""
        return self.filter(review_state=ReviewState.CONFIRMED)

    def active(self) -> CommitmentQuerySet:
        """Commitments that can still be (or become) overdue."""
        return self.filter(status__in=Commitment.ACTIVE_STATUSES).exclude(review_state=ReviewState.REJECTED)

    def overdue(self, today: datetime.date) -> CommitmentQuerySet:
        """Active commitments whose current deadline's latest date has passed on `today`."""
        return self.active().filter(current_deadline_latest__lt=today)

    def flagged_overdue(self) -> CommitmentQuerySet:
        """Flagged by the overdue job (see commitments/overdue.py)."""
        return self.filter(overdue_flag__isnull=False)

    def not_flagged_overdue(self) -> CommitmentQuerySet:
        return self.filter(overdue_flag__isnull=True)

    def due_between(self, start: datetime.date, end: datetime.date) -> CommitmentQuerySet:
        return self.active().filter(current_deadline_latest__gte=start, current_deadline_latest__lte=end)

    def for_minister(self, person) -> CommitmentQuerySet:
        return self.filter(made_by=person)

    def in_field(self, policy_field) -> CommitmentQuerySet:
        return self.filter(policy_field=policy_field)

    def review_queue(self) -> CommitmentQuerySet:
        """Suggestions waiting for a civil servant, most confident first."""
        return self.filter(review_state=ReviewState.SUGGESTED).order_by("-confidence", "id")

    def with_list_data(self) -> CommitmentQuerySet:
        """Everything a list page shows, in a constant number of queries."""
        return self.select_related("made_by", "policy_field", "speech__document").annotate(
            mention_count=Count("mentions", filter=Q(mentions__review_state=ReviewState.CONFIRMED), distinct=True)
        )


class Commitment(models.Model):
    class Strength(models.TextChoices):
        FIRM = "firm", _("Firm")
        INTENT = "intent", _("Intent")
        VAGUE = "vague", _("Vague")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULFILLED = "fulfilled", _("Fulfilled")
        PARTLY_FULFILLED = "partly_fulfilled", _("Partly fulfilled")
        DELAYED = "delayed", _("Delayed")
        ABANDONED = "abandoned", _("Abandoned")

    # Statuses under which a passed deadline means the commitment is overdue.
    ACTIVE_STATUSES = (Status.OPEN, Status.PARTLY_FULFILLED, Status.DELAYED)

    speech = models.ForeignKey(
        "transcripts.Speech", on_delete=models.CASCADE, related_name="commitments",
        verbose_name=_("made in speech"),
    )
    made_by = models.ForeignKey(
        "transcripts.Person", on_delete=models.PROTECT, related_name="commitments", verbose_name=_("made by")
    )
    made_on = models.DateField(_("made on"), null=True, blank=True, help_text=_("The date of the meeting."))
    quote = models.TextField(_("quote"), help_text=_("The promise verbatim, as said."))
    line = models.PositiveIntegerField(_("line"), help_text=_("First line of the quote in the source document."))
    title = models.CharField(_("title"), max_length=300, help_text=_("A short title a reader recognises."))
    policy_field = models.ForeignKey(
        "recommendations.PolicyField", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="commitments", verbose_name=_("policy field"),
    )
    strength = models.CharField(_("strength"), max_length=20, choices=Strength.choices, default=Strength.INTENT)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    review_state = models.CharField(
        _("review state"), max_length=20, choices=ReviewState.choices, default=ReviewState.SUGGESTED
    )
    confidence = models.FloatField(_("confidence"), default=0.0, help_text=_("The extractor's score, 0 to 1."))
    reasons = models.JSONField(_("reasons"), default=list, blank=True, help_text=_("Why the extractor proposed it."))
    # Denormalised from the current deadline so the overdue job polls one indexed column.
    current_deadline_latest = models.DateField(_("current deadline"), null=True, blank=True, db_index=True)
    recommendations = models.ManyToManyField(
        "recommendations.Recommendation", through="CommitmentRecommendation", related_name="commitments",
        blank=True, verbose_name=_("recommendations"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    restates = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="restated_by",
        verbose_name=_("restates"),
        help_text=_("An earlier commitment of the same meeting this one says again, as the extractor reads it "
                    "(commitments/restatements.py). Merge the two in the review queue."),
    )

    # What a search box matches (tracker.search); on PostgreSQL the migration 0007 indexes them.
    SEARCH_FIELDS = ("title", "quote")

    history = HistoricalRecords()
    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-made_on", "line", "id"]
        constraints = [
            # Re-running extraction or loading the reviewed fixture never doubles a commitment.
            models.UniqueConstraint(fields=["speech", "line"], name="commitment_unique_in_speech"),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="commitment_confidence_range"
            ),
        ]
        indexes = [
            models.Index(fields=["review_state", "status"], name="commitment_review_status"),
            # The dashboard overview counts public commitments per minister, field, status and
            # deadline in one scan: this index covers it (635 → 382 ms cold at 100,000 rows).
            models.Index(
                fields=["review_state", "made_by", "policy_field", "status", "current_deadline_latest", "made_on"],
                name="commitment_overview",
            ),
            # Public lists newest first; with the status and the deadline the overview's quarters
            # are counted from the index alone (dashboard/overview.py, by_period).
            models.Index(
                fields=["review_state", "made_on", "status", "current_deadline_latest"],
                name="commitment_public_by_date",
            ),
            # The API's filtered list (field, status, deadline) counts and pages from the index alone.
            models.Index(
                fields=["policy_field", "status", "review_state", "current_deadline_latest"],
                name="commitment_api_list",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.review_state == ReviewState.CONFIRMED

    @property
    def overdue_since(self) -> datetime.date | None:
        """The first day it was overdue, as the overdue job flagged it; None when not flagged.

        Lists load it with `select_related("overdue_flag")`.
        """
        try:
            return self.overdue_flag.since
        except OverdueFlag.DoesNotExist:
            return None

    def forget_overdue_flag(self) -> None:
        """Drop the cached flag, so `overdue_since` reads it again after the overdue job ran."""
        relation = self._meta.get_field("overdue_flag")
        if relation.is_cached(self):
            relation.delete_cached_value(self)

    def days_overdue(self, today: datetime.date) -> int | None:
        if self.overdue_since is None:
            return None
        return (today - self.overdue_since).days

    @property
    def current_deadline(self) -> Deadline | None:
        return next((d for d in self.deadlines.all() if d.is_current), None)

    @transaction.atomic
    def refresh_current_deadline(self) -> Deadline | None:
        """Make the latest stated confirmed deadline the current one and store its latest date.

        The current deadline is the one stated last, not the latest date: a minister who brings a
        deadline forward has still moved it.
        """
        candidates = self.deadlines.filter(review_state=ReviewState.CONFIRMED).order_by(
            F("stated_on").desc(nulls_last=True), "-id"
        )
        current = candidates.first()
        self.deadlines.filter(is_current=True).exclude(pk=getattr(current, "pk", None)).update(is_current=False)
        if current is not None and not current.is_current:
            Deadline.objects.filter(pk=current.pk).update(is_current=True)
            current.is_current = True
        latest = current.latest if current else None
        if self.current_deadline_latest != latest:
            self.current_deadline_latest = latest
            Commitment.objects.filter(pk=self.pk).update(current_deadline_latest=latest)
        return current


class OverdueFlag(models.Model):
    """The overdue job's verdict: this commitment is overdue, since `since`. No row, not overdue.

    Kept out of the commitment's own row on purpose. A commitment row is wide and carries a dozen
    indexes, so flagging it rewrote the row and every index (a million flags: a minute on
    PostgreSQL); inserting and deleting a two-column row costs a fraction of that, and the
    commitment's indexes never see the flag change.

    `db_constraint=False`: the job writes these rows only from the commitments it reads in the
    same statement, and Django's own cascade removes them with their commitment; a database
    foreign key would add a row lock on the commitment per flag, which cost as much as the flag.
    """

    commitment = models.OneToOneField(
        Commitment, on_delete=models.CASCADE, primary_key=True, related_name="overdue_flag", db_constraint=False,
        verbose_name=_("commitment"),
    )
    since = models.DateField(_("overdue since"))

    class Meta:
        verbose_name = _("overdue flag")
        verbose_name_plural = _("overdue flags")

    def __str__(self) -> str:
        return f"{self.commitment_id} overdue since {self.since:%Y-%m-%d}"


class DeadlineQuerySet(models.QuerySet):
    def public(self) -> DeadlineQuerySet:
        return self.filter(review_state=ReviewState.CONFIRMED, commitment__review_state=ReviewState.CONFIRMED)


class MentionQuerySet(models.QuerySet):
    def public(self) -> MentionQuerySet:
        """Mentions a person confirmed, of commitments a person confirmed."""
        return self.filter(review_state=ReviewState.CONFIRMED, commitment__review_state=ReviewState.CONFIRMED)


class EventQuerySet(models.QuerySet):
    def public(self) -> EventQuerySet:
        return self.filter(commitment__review_state=ReviewState.CONFIRMED)

    def unprocessed(self) -> EventQuerySet:
        return self.filter(processed_at__isnull=True)


class CommitmentRecommendationQuerySet(models.QuerySet):
    def public(self) -> CommitmentRecommendationQuerySet:
        return self.filter(review_state=ReviewState.CONFIRMED, commitment__review_state=ReviewState.CONFIRMED)


class CommitmentRecommendation(models.Model):
    """A commitment takes up an ABB recommendation, and why we think so."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="recommendation_links")
    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="commitment_links"
    )
    reason = models.TextField(_("reason"), blank=True)
    score = models.FloatField(_("score"), default=0.0)
    review_state = models.CharField(
        _("review state"), max_length=20, choices=ReviewState.choices, default=ReviewState.SUGGESTED
    )

    history = HistoricalRecords()
    objects = CommitmentRecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("link to a recommendation")
        verbose_name_plural = _("links to recommendations")
        constraints = [
            models.UniqueConstraint(fields=["commitment", "recommendation"], name="commitment_recommendation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.commitment} → {self.recommendation.number}"


class Deadline(models.Model):
    """One statement of a commitment's deadline. A slip is a second row, never an edit."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("commitment")
    )
    text = models.CharField(_("as said"), max_length=300, help_text=_("The Dutch phrase: 'tegen Pasen 2021'."))
    earliest = models.DateField(_("earliest date"))
    latest = models.DateField(_("latest date"))
    stated_in = models.ForeignKey(
        "transcripts.Speech", on_delete=models.SET_NULL, null=True, blank=True, related_name="deadlines_stated",
        verbose_name=_("stated in"),
    )
    stated_on = models.DateField(_("stated on"), null=True, blank=True)
    line = models.PositiveIntegerField(_("line"), null=True, blank=True)
    review_state = models.CharField(
        _("review state"), max_length=20, choices=ReviewState.choices, default=ReviewState.CONFIRMED,
        help_text=_("Deadlines proposed by a later mention wait for review before they count."),
    )
    source_mention = models.ForeignKey(
        "Mention", on_delete=models.SET_NULL, null=True, blank=True, related_name="proposed_deadlines",
        verbose_name=_("proposed by mention"),
    )
    is_current = models.BooleanField(_("current"), default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["commitment", "stated_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment"], condition=Q(is_current=True), name="deadline_one_current_per_commitment"
            ),
            models.CheckConstraint(condition=Q(latest__gte=F("earliest")), name="deadline_window_ordered"),
            models.UniqueConstraint(fields=["commitment", "text", "stated_in"], name="deadline_unique_statement"),
        ]
        indexes = [
            # The revisions only (every confirmed deadline but the current one), for counting slips
            # per minister and field without reading every deadline (dashboard/overview.py).
            models.Index(
                fields=["commitment"], condition=Q(review_state=ReviewState.CONFIRMED, is_current=False),
                name="deadline_revisions",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.latest:%Y-%m-%d})"


class Mention(models.Model):
    """A later speech that talks about a commitment, and what it says about it."""

    class Signal(models.TextChoices):
        FULFILLED = "fulfilled", _("Fulfilled")
        DELAYED = "delayed", _("Delayed")
        IN_PROGRESS = "in_progress", _("In progress")
        ABANDONED = "abandoned", _("Abandoned")
        UNCLEAR = "unclear", _("Unclear")

    speech = models.ForeignKey(
        "transcripts.Speech", on_delete=models.CASCADE, related_name="mentions", verbose_name=_("speech")
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("commitment")
    )
    score = models.FloatField(_("score"), default=0.0)
    matched_terms = models.JSONField(_("matched terms"), default=list, blank=True)
    signal = models.CharField(_("signal"), max_length=20, choices=Signal.choices, default=Signal.UNCLEAR)
    review_state = models.CharField(
        _("review state"), max_length=20, choices=ReviewState.choices, default=ReviewState.SUGGESTED
    )
    line = models.PositiveIntegerField(_("line"), help_text=_("Line of the matching passage in its document."))
    quote = models.TextField(_("quote"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["speech", "commitment"], name="mention_unique_per_speech"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} ← {self.speech}"


class Event(models.Model):
    """A change in a commitment's state. Jobs write these; notifications read and mark them."""

    class Kind(models.TextChoices):
        BECAME_OVERDUE = "became_overdue", _("Became overdue")
        NO_LONGER_OVERDUE = "no_longer_overdue", _("No longer overdue")
        DEADLINE_MOVED = "deadline_moved", _("Deadline moved")
        FULFILLED = "fulfilled", _("Fulfilled")
        STATUS_CHANGED = "status_changed", _("Status changed")
        NEW_MENTION = "new_mention", _("New mention")

    # No database foreign key, for the reason given at OverdueFlag: the overdue job writes an event
    # per flag, from the commitments it reads in the same statement; Django cascades the delete.
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="events", verbose_name=_("commitment"),
        db_constraint=False,
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    happened_on = models.DateField(_("happened on"))
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(processed_at__isnull=True), name="event_unprocessed"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.commitment}"


class SuggestedCommitment(Commitment):
    """The review queue: the same rows, shown to civil servants most confident first."""

    class Meta:
        proxy = True
        verbose_name = _("suggested commitment")
        verbose_name_plural = _("review queue: suggested commitments")


class CommitmentTerm(models.Model):
    """The linking index: one row per subject term of a commitment (a Dutch lemma or a concept).

    Linking a new transcript looks up its terms here instead of comparing every speech with every
    commitment; the table is rebuilt for a commitment whenever its title, quote or deadlines change.
    """

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(_("term"), max_length=64)
    weight = models.FloatField(_("weight"), default=1.0)

    class Meta:
        verbose_name = _("commitment term")
        verbose_name_plural = _("commitment terms")
        constraints = [models.UniqueConstraint(fields=["term", "commitment"], name="commitment_term_unique")]


class RecommendationTerm(models.Model):
    """The same index for ABB recommendations, so new commitments find the ones they take up."""

    recommendation = models.ForeignKey(
        "recommendations.Recommendation", on_delete=models.CASCADE, related_name="terms"
    )
    term = models.CharField(_("term"), max_length=64)
    weight = models.FloatField(_("weight"), default=1.0)

    class Meta:
        verbose_name = _("recommendation term")
        verbose_name_plural = _("recommendation terms")
        constraints = [
            models.UniqueConstraint(fields=["term", "recommendation"], name="recommendation_term_unique")
        ]
