# The search box's index on PostgreSQL (tracker.search.full_text_index); nothing on SQLite.

from django.db import migrations

from tracker.search import full_text_index


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0001_initial"),
    ]

    operations = [
        full_text_index("recommendations.Recommendation", ("text", "section"), "recommendation_search"),
    ]
