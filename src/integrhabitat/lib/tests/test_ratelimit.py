from django.test import RequestFactory

from integrhabitat.lib.ratelimit import fixed, over_limit


def request_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_a_client_is_stopped_after_its_rate_and_another_client_is_not():
    answers = [over_limit(request_from("203.0.113.7"), "test.kiosk", rate="3/m") for _ in range(5)]
    assert answers == [False, False, False, True, True]
    assert not over_limit(request_from("203.0.113.8"), "test.kiosk", rate="3/m")


def test_a_fixed_key_counts_every_client_together():
    key = fixed("center-7")
    answers = [over_limit(request_from(f"198.51.100.{k}"), "test.center", rate="2/h", key=key) for k in range(4)]
    assert answers == [False, False, True, True]
    assert not over_limit(request_from("198.51.100.1"), "test.center", rate="2/h", key=fixed("center-8"))


def test_looking_without_counting_does_not_spend_the_allowance():
    for _ in range(5):
        assert not over_limit(request_from("192.0.2.1"), "test.peek", rate="1/m", increment=False)
    assert not over_limit(request_from("192.0.2.1"), "test.peek", rate="1/m")
    assert over_limit(request_from("192.0.2.1"), "test.peek", rate="1/m")
