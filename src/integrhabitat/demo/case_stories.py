"""The situations that bring a person to personal assistance in the demo, and the words of their
cases: summaries, goals, confidential notes, referral reasons and the partners' answers. The texts
are in `data/case_stories.toml`.

Texts meant for many readers (a case's summary, its goals, a referral's reason, which travels to the
receiving organization) stay free of sensitive detail; what is sensitive goes only into the
confidential notes, which the case team and the coordinator read (each read audited).
"""

from dataclasses import dataclass

from integrhabitat.cases.models import Case, FollowUp
from integrhabitat.demo.catalogue import build, read
from integrhabitat.services.taxonomy import Category


@dataclass(frozen=True)
class Story:
    """A kind of situation, with the texts of its case. Texts take {permit}, {rent}, {next_city},
    {route} (from the center's alliances), {o} (a or o, by the person's sex) and {with_family}.

    `notes` are confidential and go only into case notes; summaries, goals and follow-up purposes
    are read by more people and stay free of sensitive detail.
    """

    code: str
    summaries: tuple[str, ...]
    needs: tuple[int, int, int, int, int, int]  # levels 0-3, by category I..VI, at the first assessment
    ratings: tuple[int, int, int]  # integration, inclusion, cohesion (1-5) at the first assessment
    priorities: tuple[Case.Priority, ...]
    goals: tuple[tuple[str, Category, int], ...]  # (title, category, days after opening it is due)
    referrals: tuple[str, ...]  # needs referred, in order
    notes: tuple[str, ...]
    closures: tuple[tuple[Case.ClosureReason, str], ...]  # (reason, note)
    # Service types whose deliveries count as steps towards the story's humanitarian goals.
    services: tuple[str, ...] = ()
    in_person_only: bool = False  # contacting the person by phone is not safe


_texts = read("case_stories.toml")
STORIES = {story.code: story for story in build(list[Story], _texts["stories"])}
NO_CONTACT = build(tuple[Case.ClosureReason, str], _texts["no_contact"])
# By the person's health condition: the confidential note, the referral's reason, the next referral's.
HEALTH_NOTES = build(dict[str, str], _texts["health_notes"])
HEALTH_REASONS = build(dict[str, str], _texts["health_reasons"])
HEALTH_AGAIN = build(dict[str, str], _texts["health_again"])
# By need ("" for any other): referral reasons, partners' notes on accepting, their feedback once attended.
REASONS = build(dict[str, tuple[str, ...]], _texts["reasons"])
NEED_CATEGORY = build(dict[str, Category], _texts["need_category"])
ACCEPTED_NOTES = build(dict[str, tuple[str, ...]], _texts["accepted_notes"])
REJECTED_NOTES = build(tuple[str, ...], _texts["rejected_notes"])
FEEDBACK = build(dict[str, tuple[str, ...]], _texts["feedback"])
ACTIONS = build(dict[Category, tuple[str, ...]], _texts["actions"])
PURPOSES = build(tuple[str, ...], _texts["purposes"])
OUTCOME_NOTES = build(dict[FollowUp.Outcome, tuple[str, ...]], _texts["outcome_notes"])
NOT_REACHED_NOTES = build(dict[FollowUp.Channel, tuple[str, ...]], _texts["not_reached_notes"])
REASSESSMENT_NOTES = build(tuple[str, ...], _texts["reassessment_notes"])
NEED_FIELDS = ("need_humanitarian", "need_care", "need_housing", "need_participation", "need_economy",
               "need_culture")
