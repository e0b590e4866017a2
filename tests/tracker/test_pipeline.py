"""After ingest: extraction and linking as one Celery task per document, through a real broker."""

import shutil
import socket
import subprocess
import time
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.db import connections

from commitments.models import Commitment, Mention
from tests.commitments.test_tasks import WorkerLog, redis_worker  # noqa: F401 (fixture)
from tests.conftest import seed_path
from tracker import pipeline
from tracker.celery import app
from tracker.tasks import link_pending_documents
from transcripts.ingest import ingest_file
from transcripts.models import Document


def forget_broker_connections() -> None:
    # Celery caches its connection and producer pools; after the broker URL changes they would
    # still point at the old broker.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def fresh_producers():
    forget_broker_connections()
    yield
    forget_broker_connections()


@pytest.mark.django_db
def test_embedded_ingest_extracts_and_links_before_returning():
    pipeline.after_ingest(ingest_file(seed_path("000")))
    report = pipeline.after_ingest(ingest_file(seed_path("001")))
    assert report["linking"] == "done"
    assert report["commitments"] and report["mentions"]
    mention = report["mentions"][0]
    assert set(mention) == {"line", "signal", "score", "commitment"}
    assert set(mention["commitment"]) == {"id", "document", "line", "quote"}


@pytest.mark.django_db
def test_processing_a_document_twice_does_nothing_the_second_time():
    result = ingest_file(seed_path("001"))
    pipeline.after_ingest(result)
    counts = (Commitment.objects.count(), Mention.objects.count())
    Document.objects.filter(pk=result.document.pk).update(linking_state="pending")
    pipeline.process_document(result.document.pk)
    assert (Commitment.objects.count(), Mention.objects.count()) == counts
    assert pipeline.process_document(result.document.pk) == {"document": result.document.pk, "skipped": "done"}


@pytest.mark.django_db
def test_a_worker_dying_in_the_middle_of_linking_leaves_no_half_written_links(monkeypatch):
    pipeline.after_ingest(ingest_file(seed_path("000")))
    result = ingest_file(seed_path("001"))
    Document.objects.filter(pk=result.document.pk).update(linking_state="pending")
    real_create = Mention.objects.create

    def create_then_die(**fields):
        real_create(**fields)
        raise SystemExit("worker killed")  # like a SIGTERM arriving after the first link

    monkeypatch.setattr(Mention.objects, "create", create_then_die)
    with pytest.raises(SystemExit):
        pipeline.process_document(result.document.pk)
    document = Document.objects.get(pk=result.document.pk)
    assert document.linking_state == "pending"  # picked up again later
    assert not Mention.objects.filter(speech__document=document).exists()
    assert not Commitment.objects.filter(speech__document=document).exists()


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_links_an_ingested_document_through_redis(fresh_producers, redis_worker):  # noqa: F811
    pipeline.after_ingest(ingest_file(seed_path("000")))
    redis_worker.wait_for(1)
    report = pipeline.after_ingest(ingest_file(seed_path("001")))
    # The command returns at once; the worker does the work.
    assert report["linking"] == "pending" and report["mentions"] == []
    redis_worker.wait_for(2)
    document = Document.objects.get(pk=report["document"])
    assert document.linking_state == "done"
    assert Mention.objects.filter(speech__document=document, signal="fulfilled").exists()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port, socket_connect_timeout=0.2)
    for _ in range(50):
        try:
            client.ping()
            return process
        except redis.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"redis-server did not start on port {port}")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_ingest_stores_and_linking_waits_for_the_broker(settings, fresh_producers):
    if not shutil.which("redis-server"):
        pytest.skip("!!!! REDIS-SERVER NOT INSTALLED: cannot start a broker of our own for this test")
    port = free_port()
    broker = start_redis(port)
    broker.terminate()
    broker.wait(10)
    queue = f"pending-{uuid.uuid4().hex}"
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    app.conf.update(broker_url=f"redis://127.0.0.1:{port}/0", task_always_eager=False, task_default_queue=queue,
                    broker_transport_options={"max_retries": 1}, task_publish_retry=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    forget_broker_connections()
    try:
        report = pipeline.after_ingest(ingest_file(seed_path("001")))
        document = Document.objects.get(pk=report["document"])
        assert document.speeches.exists()  # the document is stored all the same
        assert document.linking_state == "pending"
        assert "broker unreachable" in report["linking_note"]

        broker = start_redis(port)
        forget_broker_connections()
        log = WorkerLog()
        task_postrun.connect(log.done, weak=False)
        try:
            with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, queues=[queue],
                              loglevel="WARNING", shutdown_timeout=30):
                assert link_pending_documents() == 1  # the periodic task, once the broker is back
                log.wait_for(1)
        finally:
            task_postrun.disconnect(log.done)
        document.refresh_from_db()
        assert document.linking_state == "done"
        assert Commitment.objects.filter(speech__document=document).exists()
    finally:
        app.conf.update(saved)
        app.conf.update(broker_transport_options={}, task_publish_retry=True)
        forget_broker_connections()
        broker.terminate()
        broker.wait(10)
        connections.close_all()


def test_pending_documents_are_picked_up_on_a_schedule():
    entry = app.conf.beat_schedule["link-pending-documents"]
    assert entry["task"] == link_pending_documents.name
