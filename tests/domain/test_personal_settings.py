"""A person's own settings: limits, checks that name the setting, a kept file read back."""

from __future__ import annotations

import pytest

from qa_desktop.domain.personal_settings import (
    SYNC_MINUTES_MOST,
    TEXT_SIZES,
    PersonalSettings,
    check_sync_minutes,
    check_text_size,
    checked,
    read_back,
    scaled_points,
)
from qa_desktop.errors import ValidationError


def test_the_defaults_sync_every_five_minutes_at_the_standard_size() -> None:
    default = PersonalSettings()
    assert default.sync_interval_ms == 5 * 60 * 1000
    assert (default.text_size, default.presenting) == (TEXT_SIZES[0], False)


@pytest.mark.parametrize("bad", [0, SYNC_MINUTES_MOST + 1, "ten", 2.5, True, None])
def test_a_sync_interval_out_of_range_is_refused_naming_the_setting(bad: object) -> None:
    with pytest.raises(ValidationError, match="Sync every"):
        check_sync_minutes(bad)


def test_a_sync_interval_typed_as_text_is_read() -> None:
    assert check_sync_minutes(" 15 ") == 15
    assert checked(PersonalSettings(sync_minutes=30)).sync_interval_ms == 30 * 60 * 1000


@pytest.mark.parametrize("bad", [90, 200, "large", None, True])
def test_a_text_size_not_offered_is_refused_naming_the_setting(bad: object) -> None:
    with pytest.raises(ValidationError, match="Text size"):
        check_text_size(bad)


def test_a_hand_edited_file_never_stops_a_start_each_bad_value_at_its_default() -> None:
    assert read_back("999", "7", "yes") == PersonalSettings()
    assert read_back("20", "130", "true") == PersonalSettings(20, 130, True)
    assert read_back(20, 150, True) == PersonalSettings(20, 150, True)


def test_font_sizes_scale_to_the_half_point() -> None:
    assert scaled_points(11, 100) == 11
    assert scaled_points(11, 150) == 16.5
    assert scaled_points(11, 115) == 12.5
