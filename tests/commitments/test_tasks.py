"""The Celery tasks: thin wrappers, scheduled daily, and run end to end by a real worker on Redis."""

import datetime
import threading
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connections

from commitments.models import Commitment, Event, ReviewState
from commitments.tasks import flag_overdue_task
from following.models import Delivery, Subscription
from following.tasks import send_digest_task
from tests.factories import CommitmentFactory, DeadlineFactory, EventFactory, PersonFactory
from tracker.celery import app

REDIS_HOST, REDIS_PORT, REDIS_DB = "127.0.0.1", 6379, 9
BROKER_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
JAN_1 = datetime.date(2021, 1, 1)


def due(latest=datetime.date(2020, 12, 31), **fields) -> Commitment:
    deadline = DeadlineFactory(latest=latest, commitment=CommitmentFactory(**fields))
    deadline.commitment.refresh_current_deadline()
    return deadline.commitment


# --- Called directly ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_flags_overdue_commitments_and_reports_the_counts():
    commitment = due()
    assert flag_overdue_task.apply(kwargs={"today": "2021-01-01"}).get() == {
        "today": "2021-01-01", "flagged": 1, "cleared": 0, "realigned": 0,
    }
    commitment.refresh_from_db()
    assert commitment.overdue_since == JAN_1


@pytest.mark.django_db
def test_the_task_judges_by_today_in_brussels_by_default(time_machine):
    # 23:30 UTC on 31 December is already 1 January in Brussels.
    time_machine.move_to(datetime.datetime(2020, 12, 31, 23, 30, tzinfo=datetime.timezone.utc), tick=False)
    commitment = due()
    assert flag_overdue_task.apply().get()["today"] == "2021-01-01"
    commitment.refresh_from_db()
    assert commitment.overdue_since == JAN_1


def test_the_tasks_retry_with_backoff_on_lost_connections_and_have_time_limits():
    for task in (flag_overdue_task, send_digest_task):
        assert OperationalError in task.autoretry_for
        assert task.retry_backoff and task.retry_jitter
        assert task.max_retries >= 3
        assert task.soft_time_limit < task.time_limit
    assert app.conf.task_acks_late is True


def test_flagging_and_the_digest_are_scheduled_daily_flagging_first():
    schedule = app.conf.beat_schedule
    flag, digest = schedule["flag-overdue-daily"], schedule["send-digest-daily"]
    assert flag["task"] == flag_overdue_task.name
    assert digest["task"] == send_digest_task.name
    assert flag["schedule"] == crontab(hour=1, minute=0)
    assert digest["schedule"] == crontab(hour=7, minute=0)
    assert app.conf.timezone == "Europe/Brussels"


# --- The command ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_flags_as_of_the_given_day(capsys):
    commitment = due()
    call_command("flag_overdue", "--today", "2020-12-31")
    commitment.refresh_from_db()
    assert commitment.overdue_since is None
    call_command("flag_overdue", "--today", "2021-01-01")
    commitment.refresh_from_db()
    assert commitment.overdue_since == JAN_1
    out = capsys.readouterr().out
    assert "2020-12-31: 0 flagged overdue, 0 cleared, 0 moved to a new overdue date" in out
    assert "2021-01-01: 1 flagged overdue, 0 cleared, 0 moved to a new overdue date" in out


@pytest.mark.django_db
def test_the_command_prints_json(capsys):
    due()
    call_command("flag_overdue", "--today", "2021-01-01", "--json")
    assert capsys.readouterr().out.strip() == '{"today": "2021-01-01", "flagged": 1, "cleared": 0, "realigned": 0}'


@pytest.mark.django_db
def test_the_command_refuses_a_bad_date_with_exit_code_2():
    with pytest.raises(CommandError) as error:
        call_command("flag_overdue", "--today", "31/12/2020")
    assert str(error.value) == "'31/12/2020' is not a date: use YYYY-MM-DD."
    assert error.value.returncode == 2


# --- A real worker consuming from the real Redis -----------------------------------------------------------


class WorkerLog:
    """What the worker thread did: the thread each task ran in, and a way to wait for the n-th."""

    def __init__(self):
        self.threads: list[str] = []
        self.finished = 0
        self._changed = threading.Condition()

    def started(self, **kwargs) -> None:
        self.threads.append(threading.current_thread().name)

    def done(self, **kwargs) -> None:
        # The worker thread's database connections would keep the test database open at teardown.
        connections.close_all()
        with self._changed:
            self.finished += 1
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 60.0) -> None:
        """Block until `count` tasks finished. The test reads the database only afterwards, so it
        never holds a lock the worker waits for (SQLite's shared in-memory test database has table
        locks that do not wait)."""
        with self._changed:
            if not self._changed.wait_for(lambda: self.finished >= count, timeout=timeout):
                raise AssertionError(f"the worker finished {self.finished} of {count} tasks in {timeout} s")


@pytest.fixture
def redis_worker(settings):
    """A Celery worker in a thread, consuming a queue of its own on this machine's Redis.

    The worker runs the tasks in its own thread with its own database connection, so the tests
    use transaction=True: the worker sees committed rows only.
    """
    try:
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(
            f"!!!! REDIS NOT AVAILABLE: no Redis answers at {REDIS_HOST}:{REDIS_PORT} ({error}); "
            "the real-worker tests are skipped. Start it with: redis-server --daemonize yes"
        )
    queue = f"test-{uuid.uuid4().hex}"  # parallel test runs sharing this Redis never take each other's tasks
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=BROKER_URL, task_always_eager=False, task_default_queue=queue)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app._pool = None  # connections made for the memory:// broker are not reused

    log = WorkerLog()
    task_prerun.connect(log.started, weak=False)
    task_postrun.connect(log.done, weak=False)
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=[queue],
                          loglevel="WARNING", shutdown_timeout=30):
            yield log
    finally:
        task_prerun.disconnect(log.started)
        task_postrun.disconnect(log.done)
        app.conf.update(saved)
        app._pool = None
        redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_flags_overdue_commitments_sent_through_redis(redis_worker):
    commitments = [due() for _ in range(3)]
    on_time = due(latest=datetime.date(2021, 1, 1))
    rejected = due(review_state=ReviewState.REJECTED)

    flag_overdue_task.delay(today="2021-01-01")
    redis_worker.wait_for(1)
    # The worker thread ran it, not this one: it came through Redis.
    assert redis_worker.threads and threading.current_thread().name not in redis_worker.threads

    assert set(Commitment.objects.filter(overdue_flag__since=JAN_1)) == set(commitments)
    on_time.refresh_from_db()
    rejected.refresh_from_db()
    assert on_time.overdue_since is None and rejected.overdue_since is None
    assert Event.objects.filter(kind=Event.Kind.BECAME_OVERDUE).count() == 3

    # Sent again (beat firing twice): the worker changes nothing.
    flag_overdue_task.delay(today="2021-01-01")
    redis_worker.wait_for(2)
    assert Event.objects.filter(kind=Event.Kind.BECAME_OVERDUE).count() == 3


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_digest_through_redis(redis_worker):
    minister = PersonFactory(name="Bart Somers", slug="bart-somers")
    Subscription.objects.create(email="w@example.org", target="minister", person=minister,
                                confirmed_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc))
    event = EventFactory(commitment=CommitmentFactory(made_by=minister))

    send_digest_task.delay()
    redis_worker.wait_for(1)

    event.refresh_from_db()
    assert event.processed_at is not None

    assert Delivery.objects.get().event == event
    assert [m.to for m in mail.outbox] == [["w@example.org"]]
