from django.db import migrations

from portal.accounts.roles import sync_roles_operation



class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cms_core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [sync_roles_operation()]
