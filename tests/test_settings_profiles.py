"""`--demo` saves to its own user file: trying the demo never rewrites a PC's real settings."""

from __future__ import annotations

import json

import pytest

from app.platform import config
from app.platform.config import Settings, save_user_value, use_profile, user_file


@pytest.fixture
def demo_profile():
    use_profile("demo")         # tests/conftest.py puts it back after every test

def test_demo_settings_go_to_their_own_file_and_the_real_one_is_untouched(demo_profile):
    real = user_file().with_name("settings.json")
    real.write_text(json.dumps({"api": {"mycx_url": "https://adapter.site.local"}}), encoding="utf-8")
    demo = Settings.load()
    assert demo.get("api.mycx_url") == "", "the demo does not start from the PC's user file"
    demo.set("api.mycx_url", "http://127.0.0.1:40123")
    demo.save_user()
    save_user_value("language", "en")
    assert user_file().name == "demo-settings.json"
    assert json.loads(user_file().read_text(encoding="utf-8"))["api"]["mycx_url"] == "http://127.0.0.1:40123"
    assert json.loads(real.read_text(encoding="utf-8")) == {"api": {"mycx_url": "https://adapter.site.local"}}


def test_without_a_profile_the_user_file_is_settings_json():
    assert config.user_file().name == "settings.json"
