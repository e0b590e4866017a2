"""Source documents and what was said in them: people, meetings, agenda items, speeches."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    class Role(models.TextChoices):
        MP = "mp", _("Member of parliament")
        MINISTER = "minister", _("Minister")
        CHAIR = "chair", _("Chair")
        OFFICIAL = "official", _("Official")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, help_text=_("As printed: 'Bart Somers'."))
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    party = models.CharField(_("party"), max_length=50, blank=True)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.OTHER,
        help_text=_("The role the person last spoke in."),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            # Minister Somers speaks in 000 and 002: one person, whatever the capitals.
            models.UniqueConstraint(Lower("name"), name="person_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name)[:200] or "person"
        super().save(*args, **kwargs)


class Portfolio(models.Model):
    """A minister's competences for a period: 'Binnenlands Bestuur, Bestuurszaken, ...'."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="portfolios", verbose_name=_("person")
    )
    title = models.CharField(_("title"), max_length=500)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty while in office."))

    class Meta:
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        ordering = ["person__name", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["person", "title", "start"], name="portfolio_unique_period"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="portfolio_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name}: {self.title}"


class DocumentQuerySet(models.QuerySet):
    def pending_linking(self) -> DocumentQuerySet:
        return self.filter(linking_state=Document.LinkingState.PENDING)


class Document(models.Model):
    class Kind(models.TextChoices):
        TRANSCRIPT = "transcript", _("Committee transcript")
        REPORT = "report", _("Committee report")
        BUNDLE = "bundle", _("Recommendation bundle")
        OTHER = "other", _("Other")

    class ParseState(models.TextChoices):
        PENDING = "pending", _("Not parsed yet")
        PARSED = "parsed", _("Parsed")
        PARTIAL = "partial", _("Parsed with warnings")
        FAILED = "failed", _("Parsing failed")

    class LinkingState(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Nothing to link")
        PENDING = "pending", _("Waiting for the linking job")
        DONE = "done", _("Linked")
        FAILED = "failed", _("Linking failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=500)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("The meeting or discussion date the text gives.")
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    raw_text = models.TextField(_("raw text"), help_text=_("The file's text, kept verbatim."))
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        unique=True,
        help_text=_("Of the file's bytes: ingesting the same file twice stores nothing new."),
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    parse_state = models.CharField(
        _("parse state"), max_length=20, choices=ParseState.choices, default=ParseState.PENDING
    )
    parse_error = models.TextField(_("parse error or warnings"), blank=True)
    linking_state = models.CharField(
        _("linking state"), max_length=20, choices=LinkingState.choices, default=LinkingState.NOT_NEEDED
    )
    linking_error = models.TextField(_("linking error"), blank=True)
    ingested_at = models.DateTimeField(_("ingested at"), auto_now_add=True)

    # What a search box matches (tracker.search); on PostgreSQL the migration 0002 indexes them.
    SEARCH_FIELDS = ("title",)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["date", "id"]
        indexes = [
            models.Index(
                fields=["linking_state"],
                condition=Q(linking_state="pending"),
                name="document_pending_linking",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def lines(self) -> list[str]:
        return self.raw_text.splitlines()


class Meeting(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("document")
    )
    committee = models.CharField(_("committee"), max_length=300)
    number = models.CharField(_("number"), max_length=50, help_text=_("'C20 (2020-2021)'."))
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="meeting_unique_in_document")
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.number}".strip()


class AgendaItem(models.Model):
    class State(models.TextChoices):
        HANDLED = "handled", _("Handled")
        JOINED = "joined", _("Handled together with another item")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    order = models.PositiveIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=100, help_text=_("'vraag om uitleg', 'actuele vraag'."))
    number = models.CharField(_("number"), max_length=50, blank=True, help_text=_("'15 (2020-2021)'."))
    subject = models.TextField(_("subject"))
    asker = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="items_asked",
        verbose_name=_("asker"),
    )
    minister = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="items_answered",
        verbose_name=_("minister"),
    )
    chair = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="items_chaired",
        verbose_name=_("chair"),
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.HANDLED)
    joined_with = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("handled with")
    )
    start_line = models.PositiveIntegerField(_("first line"))
    end_line = models.PositiveIntegerField(_("last line"))

    # What a search box matches (tracker.search); on PostgreSQL the migration 0002 indexes them.
    SEARCH_FIELDS = ("subject",)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="item_unique_order"),
            models.CheckConstraint(condition=Q(end_line__gte=models.F("start_line")), name="item_lines_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}".strip()


class Speech(models.Model):
    """A speaking turn in a transcript, or a passage of a report or other text."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="speeches", verbose_name=_("document")
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="speeches",
        verbose_name=_("agenda item"),
    )
    order = models.PositiveIntegerField(_("order"))
    speaker = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="speeches",
        verbose_name=_("speaker"),
    )
    speaker_name = models.CharField(_("speaker as printed"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Person.Role.choices, blank=True)
    party = models.CharField(_("party"), max_length=50, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"))
    start_line = models.PositiveIntegerField(_("first line"))
    end_line = models.PositiveIntegerField(_("last line"))
    line_starts = models.JSONField(
        _("line starts"),
        default=list,
        help_text=_("[offset in text, line in the file] pairs, so a quote names its own line."),
    )

    # What a search box matches (tracker.search); on PostgreSQL the migration 0002 indexes them.
    SEARCH_FIELDS = ("text",)

    class Meta:
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "order"], name="speech_unique_order"),
            models.CheckConstraint(condition=Q(end_line__gte=models.F("start_line")), name="speech_lines_ordered"),
        ]

    def __str__(self) -> str:
        who = self.speaker_name or _("unattributed")
        return f"{who}, {self.document} l. {self.start_line}"

    @property
    def date(self):
        return self.document.date
