from django.db import migrations

from tracker.roles import CIVIL_SERVANT_GROUP, permission_codenames


def create_civil_servant_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so the group
    # can be given them on a fresh database.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=CIVIL_SERVANT_GROUP)
    wanted = permission_codenames()
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in wanted
    ]
    group.permissions.set(permissions)


def remove_civil_servant_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CIVIL_SERVANT_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("commitments", "0001_initial"),
        ("recommendations", "0001_initial"),
        ("transcripts", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_civil_servant_group, remove_civil_servant_group)]
