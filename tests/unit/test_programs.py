from datetime import timedelta

import pytest

from app.domain.programs import DEFAULT_RULES, Program, ProgramRules, rules_for, rules_from_settings


def test_pranpc_closes_after_first_round_and_ct0_pends_for_a_second():
    assert rules_for(Program.PRANPC).pend_after_first_round is False
    assert rules_for(Program.PRANPC).rounds == 1
    # Since issue 18 the CT-0 pend is a site's choice (no seed behind it): a site that turns it on.
    ct0 = ProgramRules.from_settings("CT0", {"pend_after_first_round": True})
    assert ct0.pend_after_first_round is True and ct0.rounds == 2
    assert ct0.first_round_attempts == 3 and ct0.second_round_attempts == 3
    assert ct0.daytime_pend == timedelta(hours=1)


def test_promise_limits_are_shorter_for_ct0_than_pranpc():
    assert rules_for(Program.CT0).promise_max_days == 7
    assert rules_for(Program.PRANPC).promise_max_days == 14
    assert rules_for(Program.TIER2).promise_max_days == 0


def test_every_program_has_rules_with_labels_and_distinct_priorities():
    assert set(DEFAULT_RULES) == set(Program)
    priorities = [r.priority for r in DEFAULT_RULES.values()]
    assert len(set(priorities)) == len(priorities)
    assert all(r.label_id and r.label_en and r.arrears_months for r in DEFAULT_RULES.values())


def test_rules_are_overridable_from_settings():
    rules = ProgramRules.from_settings("PRANPC", {"retry_interval_minutes": 30, "first_round_attempts": "4",
                                                  "pend_after_first_round": True})
    assert rules.retry_interval == timedelta(minutes=30)
    assert rules.first_round_attempts == 4 and rules.pend_after_first_round is True
    assert rules_for(Program.PRANPC).retry_interval == timedelta(minutes=60)   # defaults untouched
    everything = rules_from_settings({"CT0": {"daytime_pend_minutes": 90}})
    assert everything[Program.CT0].daytime_pend == timedelta(minutes=90)
    assert everything[Program.PRANPC] == rules_for(Program.PRANPC)


@pytest.mark.parametrize("settings", [{"retry_intervall": 5}, {"first_round_attempts": 0},
                                      {"retry_interval_minutes": 0}])
def test_bad_program_settings_are_refused(settings):
    with pytest.raises(ValueError):
        ProgramRules.from_settings(Program.CT0, settings)


def test_unknown_program_in_settings_is_refused():
    with pytest.raises(ValueError, match="XYZ"):
        rules_from_settings({"XYZ": {}})
