from django_tasks import task


@task()
def deliver_broadcast(*, broadcast_id: int) -> int:
    """Send a confirmed message to many people (see `services.broadcast_deliver`)."""
    from .models import Broadcast
    from .services import broadcast_deliver

    broadcast = Broadcast.objects.select_related(
        "sent_by", "area", "estate", "group", "body_followed"
    ).get(pk=broadcast_id)
    return broadcast_deliver(broadcast=broadcast)
