from django.core import mail

from integrhabitat.accounts.models import Notification
from integrhabitat.accounts.notify import notify


def leave(world, user, text="Hola %(name)s", url="/c/centro-a/cases/"):
    return notify(user, center=world.center_a, text=text, subject="Aviso", params={"name": "x"}, url=url)


def test_a_user_follows_their_notification_and_it_is_marked_read(world):
    notification = leave(world, world.case_worker)

    response = world.client_for(world.case_worker).get(f"/accounts/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/c/centro-a/cases/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_users_notification_is_404_and_stays_unread(world):
    notification = leave(world, world.case_worker)

    response = world.client_for(world.partner).get(f"/accounts/notifications/{notification.pk}/")

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_anonymous_visitors_are_sent_to_login(world):
    notification = leave(world, world.case_worker)

    response = world.client_for(None).get(f"/accounts/notifications/{notification.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_list_shows_only_the_users_notifications_and_the_unread_count(world):
    leave(world, world.case_worker, text="Para el trabajador")
    leave(world, world.partner, text="Para el aliado")

    body = world.client_for(world.case_worker).get("/accounts/notifications/").content.decode()

    assert "Para el trabajador" in body
    assert "Para el aliado" not in body
    assert 'class="badge">1<' in body


def test_marking_all_read(world):
    leave(world, world.case_worker)
    leave(world, world.case_worker)

    world.client_for(world.case_worker).post("/accounts/notifications/")

    assert not Notification.objects.filter(user=world.case_worker, read_at__isnull=True).exists()


def test_the_text_is_written_in_the_users_language(world, django_capture_on_commit_callbacks):
    world.partner.language = "en"
    world.partner.save()

    from django.utils.translation import gettext_lazy as _
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(world.partner, center=world.center_a, text=_("Case worker"), subject=_("Case worker"),
                              params={}, url="/")

    world.case_worker.language = "es"
    world.case_worker.save()
    in_spanish = notify(world.case_worker, center=world.center_a, text=_("Case worker"), subject=_("Case worker"),
                        params={}, url="/")

    assert notification.text == "Case worker"
    assert mail.outbox[0].subject == "Case worker"
    assert in_spanish.text not in ("", "Case worker")


def test_an_offsite_url_is_never_followed(world):
    notification = leave(world, world.case_worker, url="https://evil.example/")

    response = world.client_for(world.case_worker).get(f"/accounts/notifications/{notification.pk}/")

    assert response["Location"] == "/accounts/notifications/"
