"""Staff roles and what each may do, in one readable place.

Residents and TRA officers have no role: their rights come from their data (an
officer of group X may manage group X only). Staff roles are Django groups; a data
migration calls `sync_roles` so every database has them, and a later app adds its
permissions here and ships a migration that calls `sync_roles` again.
"""

EDITORS = "Editors"
MODERATORS = "Moderators"
READERS_PANEL = "Readers Panel"
INVOLVEMENT_OFFICERS = "Involvement officers"
FINANCE_APPROVERS = "Finance approvers"
ADMINISTRATORS = "Administrators"
GRANT_PANEL = "Grant panel"

ACCESS_ADMIN = "wagtailadmin.access_admin"

PROPERTY_REGISTER_MODELS = ["area", "estate", "street", "property", "propertyimport"]
PROPERTY_REGISTER_VIEW = [f"housing.view_{m}" for m in PROPERTY_REGISTER_MODELS]
PROPERTY_REGISTER_EDIT = [
    f"housing.{action}_{m}"
    for m in ["area", "estate", "street", "property"]
    for action in ("add", "change", "delete")
]

RESIDENT_VERIFICATION = [
    "accounts.view_residentprofile",
    "accounts.verify_residentprofile",
    "portal_core.view_privatefile",
]

# Recognising groups and checking their sign-up evidence.
GROUP_RECOGNITION = [
    "groups.view_group",
    "groups.add_group",
    "groups.change_group",
    "groups.decide_recognition",
    "groups.view_recognitionapplication",
    "evidence.view_signature",
    "evidence.check_signature",
    "portal_core.view_privatefile",
]

# The meeting calendar's back office: attendance, needs, feedback results.
MEETING_ATTENDANCE = [
    "participation.view_attendance",
    "participation.add_attendance",
    "participation.change_attendance",
    "participation.view_rsvp",
    "participation.change_rsvp",
    "participation.view_feedback",
]
MEETING_SNIPPETS = [
    f"meetings.{action}_{model}"
    for model in ("body", "venue")
    for action in ("add", "change", "view")
]

# Money out: payment runs, paying another way, checking bank details.
PAYMENTS = [
    "payments.view_payment",
    "payments.view_paymentrun",
    "payments.make_payment_run",
    "payments.view_bankdetails",
    "payments.verify_bankdetails",
]

# Grants: involvement officers decide; finance approvers give second approvals.
GRANTS_DECIDE = [
    "grants.view_grantapplication",
    "grants.decide_grant",
    "grants.view_grantscheme",
]
GRANTS_SCHEMES = [f"grants.{a}_grantscheme" for a in ("add", "change")]
# Residents on a grant panel: no admin; they score in the portal, for the schemes
# whose panel they are on (GrantScheme.panel_members).
GRANTS_PANEL = ["grants.score_grantapplication"]
# Expenses policy versions (rates and caps) and claims.
EXPENSES_POLICY = [
    f"expenses.{action}_{m}"
    for m in ["expensepolicy", "expensecategory"]
    for action in ("view", "add", "change")
]
EXPENSE_CLAIMS = [
    "expenses.view_expenseclaim",
    "expenses.approve_expenseclaim",
    "expenses.view_preapproval",
    "expenses.decide_preapproval",
]

# Consultation results, outcomes and responses; residents' interest in opportunities.
CONSULTATION_STAFF = [
    "consultations.view_response",
    "consultations.conclude_consultationpage",
    "consultations.export_response",
    "consultations.enter_response",
    "consultations.moderate_answer",
    "consultations.draw_prizedraw",
    "involvement.view_interest",
    "involvement.export_interest",
]

# Requests for pages in other formats; magazine competitions (drawing the winner).
FORMAT_REQUESTS = ["cms_core.view_formatrequest", "cms_core.change_formatrequest"]
MAGAZINE_STAFF = ["magazines.view_competitionentry", "magazines.draw_competition"]
# The actions register: editors add actions to minutes and outcomes; officers move
# them along, add progress and see the overdue list.
ACTIONS_ADD = ["actions.view_action", "actions.add_action"]
ACTIONS_MANAGE = [*ACTIONS_ADD, "actions.change_action"]
# Estate inspections: the checklist (as data) and each estate's schedule.
INSPECTIONS_SETUP = [
    f"inspections.{action}_{model}"
    for model in ("checklistarea", "estateschedule")
    for action in ("view", "add", "change")
]
# Scrutiny reviews: set up the review and its recommendations, then respond.
SCRUTINY = [
    "scrutiny.view_scrutinyreview",
    "scrutiny.add_scrutinyreview",
    "scrutiny.change_scrutinyreview",
    "scrutiny.view_recommendation",
]
# Who takes part: the resident profile, the report (totals only, small numbers
# withheld), action plans against a gap and invitations to the missing groups.
REACH = [
    "reach.import_profile",
    "reach.view_profileimport",
    "reach.report_representation",
    "reach.view_representationflag",
    "reach.add_representationflag",
    "reach.change_representationflag",
]
# Volunteering: confirm hours residents log, see a person's involvement record,
# keep the thank-you scheme; vouchers are issued by someone who did not confirm
# the hours (checked by the service).
VOLUNTEERING = [
    "volunteering.view_loggedhours",
    "volunteering.confirm_loggedhours",
    "volunteering.view_involvement_record",
    *[f"volunteering.{a}_thankyourule" for a in ("view", "add", "change")],
]
VOUCHERS = ["volunteering.view_voucher", "volunteering.issue_voucher"]
# A one-off message to everyone in an area, estate, group or following a body;
# marking it essential (past unsubscribes, the text cap and quiet hours).
BROADCASTS = ["broadcasts.send_broadcast", "broadcasts.send_essential_broadcast"]
# Training: courses, sessions and skills as data, attendance, the skills audit.
TRAINING = [
    *[
        f"training.{action}_{model}"
        for model in ("course", "session", "skill")
        for action in ("view", "add", "change")
    ],
    "training.record_attendance",
    "training.report_skillsaudit",
]

# The involvement performance report and its targets.
PERFORMANCE_REPORT = ["reports.report_measuretarget"]
PERFORMANCE_TARGETS = [
    f"reports.{action}_measuretarget" for action in ("view", "add", "change")
]
# The regulator evidence pack's mapping (clause → measures): kept by the people
# who see the report.
EVIDENCE_MAPPING = [
    f"reports.{action}_evidenceclause" for action in ("view", "add", "change")
]

# Permissions as "app_label.codename". Page permissions for Editors and Moderators
# are Wagtail's own defaults (created by wagtailcore's migrations).
ROLE_PERMISSIONS: dict[str, list[str]] = {
    EDITORS: [
        ACCESS_ADMIN,
        *MEETING_SNIPPETS,
        *FORMAT_REQUESTS,
        *MAGAZINE_STAFF,
        *ACTIONS_ADD,
    ],
    MODERATORS: [ACCESS_ADMIN],
    # Only the admin entrance: their workflow task grants the rest.
    READERS_PANEL: [ACCESS_ADMIN],
    GRANT_PANEL: GRANTS_PANEL,
    INVOLVEMENT_OFFICERS: [
        ACCESS_ADMIN,
        "portal_core.view_auditentry",
        *PROPERTY_REGISTER_VIEW,
        *RESIDENT_VERIFICATION,
        "accounts.view_accessneeds",
        "portal_core.view_notification",
        *GROUP_RECOGNITION,
        *MEETING_ATTENDANCE,
        *GRANTS_DECIDE,
        *EXPENSES_POLICY,
        *EXPENSE_CLAIMS,
        *CONSULTATION_STAFF,
        *FORMAT_REQUESTS,
        *ACTIONS_MANAGE,
        *INSPECTIONS_SETUP,
        *SCRUTINY,
        *REACH,
        *VOLUNTEERING,
        *VOUCHERS,
        *TRAINING,
        *PERFORMANCE_REPORT,
        *EVIDENCE_MAPPING,
        *BROADCASTS,
    ],
    FINANCE_APPROVERS: [
        ACCESS_ADMIN,
        "portal_core.view_auditentry",
        *PAYMENTS,
        *VOUCHERS,
        *GRANTS_DECIDE,
        "expenses.view_expenseclaim",
    ],
    ADMINISTRATORS: [
        ACCESS_ADMIN,
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "accounts.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.view_site",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.view_locale",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "cms_core.change_landlordsettings",
        "portal_core.view_auditentry",
        *PROPERTY_REGISTER_VIEW,
        *PROPERTY_REGISTER_EDIT,
        *RESIDENT_VERIFICATION,
        "accounts.report_equalitymonitoring",
        "portal_core.view_notification",
        *GROUP_RECOGNITION,
        "groups.change_recognitionrules",
        *MEETING_ATTENDANCE,
        *MEETING_SNIPPETS,
        "meetings.change_meetingrules",
        *PAYMENTS,
        *GRANTS_DECIDE,
        *GRANTS_SCHEMES,
        *EXPENSES_POLICY,
        *EXPENSE_CLAIMS,
        *CONSULTATION_STAFF,
        *FORMAT_REQUESTS,
        *MAGAZINE_STAFF,
        *ACTIONS_MANAGE,
        *INSPECTIONS_SETUP,
        *SCRUTINY,
        *REACH,
        *VOLUNTEERING,
        *VOUCHERS,
        *TRAINING,
        *PERFORMANCE_REPORT,
        *PERFORMANCE_TARGETS,
        *EVIDENCE_MAPPING,
        *BROADCASTS,
    ],
}

STAFF_ROLES = list(ROLE_PERMISSIONS)

# Only Administrators manage accounts: the Users listing (and its export of every
# email address) is theirs alone; other staff reach people through their work queues.
ACCOUNTS_MANAGED_BY = [ADMINISTRATORS]


def sync_roles(apps) -> None:
    """Create the role groups and grant each exactly the permissions listed above.

    Takes an app registry so it works from a data migration (historical models).
    Missing permissions are created, because post_migrate has not run yet there.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    for role, permission_names in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role)
        for name in permission_names:
            app_label, codename = name.split(".")
            model = codename.split("_", 1)[1]
            if name == ACCESS_ADMIN:
                model = "admin"
            content_type, _ = content_type_model.objects.get_or_create(
                app_label=app_label, model=model
            )
            permission, _ = permission_model.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": codename.replace("_", " ").capitalize()},
            )
            group.permissions.add(permission)


def sync_roles_operation():
    """The data migration step every app ships when it adds role permissions."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        sync_roles(apps)

    return migrations.RunPython(forwards, migrations.RunPython.noop)
