"""factory_boy factories for tests that need records but not a real document."""

import datetime
import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from commitments.models import (
    Commitment, CommitmentRecommendation, Deadline, Event, Mention, OverdueFlag, ReviewState,
)
from recommendations.models import PolicyField, Recommendation
from tracker.roles import CIVIL_SERVANT_GROUP
from transcripts.models import AgendaItem, Document, Meeting, Person, Speech


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class CivilServantFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=CIVIL_SERVANT_GROUP))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Minister Nummer{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = Person.Role.MINISTER


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = Document.Kind.TRANSCRIPT
    title = factory.Sequence(lambda n: f"Commissievergadering nr. C{n}")
    date = datetime.date(2020, 10, 13)
    raw_text = factory.Sequence(lambda n: "\n".join(f"regel {i} van document {n}" for i in range(1, 41)))
    sha256 = factory.LazyAttribute(lambda d: hashlib.sha256(d.raw_text.encode()).hexdigest())
    size = factory.LazyAttribute(lambda d: len(d.raw_text.encode()))
    parse_state = Document.ParseState.PARSED


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    document = factory.SubFactory(DocumentFactory)
    committee = "Commissie voor Binnenlands Bestuur"
    number = factory.Sequence(lambda n: f"C{n} (2020-2021)")
    date = factory.LazyAttribute(lambda m: m.document.date)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    kind = "vraag om uitleg"
    number = factory.Sequence(lambda n: f"{n} (2020-2021)")
    subject = "telewerk bij Vlaamse ambtenaren"
    start_line = 1
    end_line = 40


class SpeechFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speech

    document = factory.SubFactory(DocumentFactory)
    order = factory.Sequence(lambda n: n)
    speaker = factory.SubFactory(PersonFactory)
    speaker_name = factory.LazyAttribute(lambda s: s.speaker.name if s.speaker else "")
    role = "minister"
    text = "Eind 2020 zullen we via een omzendbrief een nieuw kader inzake anders werken klaarstomen."
    start_line = 10
    end_line = 12


class PolicyFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyField
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Beleidsveld {n}")
    slug = factory.Sequence(lambda n: f"beleidsveld-{n}")


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    document = factory.SubFactory(DocumentFactory, kind=Document.Kind.BUNDLE, date=datetime.date(2024, 3, 1))
    policy_field = factory.SubFactory(PolicyFieldFactory)
    section = "Beleidsaanbevelingen binnenlands bestuur"
    kind = Recommendation.Kind.PRIORITY
    number = factory.Sequence(lambda n: str(n + 1))
    text = "Versterk de bestuurskracht van lokale besturen."
    line = factory.Sequence(lambda n: n + 1)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment
        skip_postgeneration_save = True  # the hook below writes a row of its own, not the commitment

    speech = factory.SubFactory(SpeechFactory)
    made_by = factory.LazyAttribute(lambda c: c.speech.speaker)
    made_on = factory.LazyAttribute(lambda c: c.speech.document.date)
    quote = factory.LazyAttribute(lambda c: c.speech.text)
    line = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Omzendbrief anders werken {n}")
    strength = Commitment.Strength.FIRM
    status = Commitment.Status.OPEN
    review_state = ReviewState.CONFIRMED
    confidence = 0.8

    @factory.post_generation
    def overdue_since(commitment, create, since, **kwargs):
        """`overdue_since=day` flags the commitment as the overdue job would."""
        if since is not None:
            OverdueFlag.objects.update_or_create(commitment=commitment, defaults={"since": since})
            commitment.forget_overdue_flag()


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    commitment = factory.SubFactory(CommitmentFactory)
    text = "eind 2020"
    earliest = datetime.date(2020, 10, 13)
    latest = datetime.date(2020, 12, 31)
    stated_in = factory.LazyAttribute(lambda d: d.commitment.speech)
    stated_on = factory.LazyAttribute(lambda d: d.commitment.made_on)
    line = factory.LazyAttribute(lambda d: d.commitment.line)


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    speech = factory.SubFactory(SpeechFactory, document__date=datetime.date(2021, 9, 21))
    commitment = factory.SubFactory(CommitmentFactory)
    score = 0.7
    matched_terms = ["omzendbrief"]
    signal = Mention.Signal.FULFILLED
    line = 20
    quote = "De onderhandelingen rond de omzendbrief werden afgerond."


class CommitmentRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentRecommendation

    commitment = factory.SubFactory(CommitmentFactory)
    recommendation = factory.SubFactory(RecommendationFactory)
    reason = "Same subject."
    review_state = ReviewState.CONFIRMED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    commitment = factory.SubFactory(CommitmentFactory)
    kind = Event.Kind.BECAME_OVERDUE
    happened_on = datetime.date(2021, 1, 1)


def state_deadlines(commitment, *statements, review_state=ReviewState.CONFIRMED) -> list[Deadline]:
    """Deadlines (text, latest, stated_on) stated one after another, as a minister moves them.

    Then makes the last stated confirmed one current, as every path that adds a deadline does.
    """
    deadlines = [
        DeadlineFactory(commitment=commitment, text=text, latest=latest, earliest=min(latest, stated_on),
                        stated_on=stated_on, review_state=review_state)
        for text, latest, stated_on in statements
    ]
    commitment.refresh_current_deadline()
    return deadlines
