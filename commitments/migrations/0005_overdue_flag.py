"""The overdue flag moves out of the commitment's row into OverdueFlag (see its docstring).

Existing flags are copied over before the column goes, so no commitment stops being overdue.
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_flags(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    OverdueFlag = apps.get_model("commitments", "OverdueFlag")
    flagged = Commitment.objects.filter(overdue_since__isnull=False).values_list("pk", "overdue_since")
    OverdueFlag.objects.bulk_create(
        (OverdueFlag(commitment_id=pk, since=since) for pk, since in flagged.iterator(chunk_size=10_000)),
        batch_size=10_000,
    )


def copy_flags_back(apps, schema_editor):
    Commitment = apps.get_model("commitments", "Commitment")
    OverdueFlag = apps.get_model("commitments", "OverdueFlag")
    for pk, since in OverdueFlag.objects.values_list("commitment_id", "since").iterator(chunk_size=10_000):
        Commitment.objects.filter(pk=pk).update(overdue_since=since)


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0004_api_list_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="OverdueFlag",
            fields=[
                (
                    "commitment",
                    models.OneToOneField(
                        db_constraint=False, on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                        related_name="overdue_flag", serialize=False, to="commitments.commitment",
                        verbose_name="commitment",
                    ),
                ),
                ("since", models.DateField(verbose_name="overdue since")),
            ],
            options={"verbose_name": "overdue flag", "verbose_name_plural": "overdue flags"},
        ),
        migrations.RunPython(copy_flags, copy_flags_back),
        migrations.RemoveIndex(model_name="commitment", name="commitment_due_unflagged"),
        migrations.RemoveIndex(model_name="commitment", name="commitment_api_list"),
        migrations.RemoveField(model_name="commitment", name="overdue_since"),
        migrations.RemoveField(model_name="historicalcommitment", name="overdue_since"),
        migrations.AlterField(
            model_name="event",
            name="commitment",
            field=models.ForeignKey(
                db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name="events",
                to="commitments.commitment", verbose_name="commitment",
            ),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(
                fields=["policy_field", "status", "review_state", "current_deadline_latest"], name="commitment_api_list"
            ),
        ),
    ]
