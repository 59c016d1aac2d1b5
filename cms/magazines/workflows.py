"""The magazine workflow: the Readers Panel reviews, then a moderator publishes.
Made by a data migration; found here by name."""

from wagtail.models import Workflow

from portal.accounts.roles import MODERATORS, READERS_PANEL

WORKFLOW_NAME = "Magazine: Readers Panel review, then publish"
READERS_TASK_NAME = "Readers Panel review"
MODERATORS_TASK_NAME = "Moderators approval"


def readers_panel_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()


def create_readers_panel_workflow(apps, schema_editor=None):
    """For the data migration (historical models, so content types are set here)."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    group_model = apps.get_model("auth", "Group")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    readers_model = apps.get_model("magazines", "ReadersPanelReviewTask")
    group_task_model = apps.get_model("wagtailcore", "GroupApprovalTask")

    readers_group, _created = group_model.objects.get_or_create(name=READERS_PANEL)
    moderators_group, _created = group_model.objects.get_or_create(name=MODERATORS)
    readers_type, _created = content_type_model.objects.get_or_create(
        app_label="magazines", model="readerspanelreviewtask"
    )
    group_type, _created = content_type_model.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    readers = readers_model.objects.filter(name=READERS_TASK_NAME).first()
    if readers is None:
        readers = readers_model.objects.create(
            name=READERS_TASK_NAME, content_type=readers_type, active=True
        )
        readers.groups.set([readers_group])
    moderators = group_task_model.objects.filter(name=MODERATORS_TASK_NAME).first()
    if moderators is None:
        moderators = group_task_model.objects.create(
            name=MODERATORS_TASK_NAME, content_type=group_type, active=True
        )
        moderators.groups.set([moderators_group])
    workflow, created = workflow_model.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        workflow_task_model.objects.create(
            workflow=workflow, task_id=readers.pk, sort_order=0
        )
        workflow_task_model.objects.create(
            workflow=workflow, task_id=moderators.pk, sort_order=1
        )
