"""SipConfig built from Settings, and how dial targets become SIP URIs (no SIP peer needed)."""

from __future__ import annotations

import pytest

from app.platform.config import Settings
from app.telephony.events import SipConfig


def test_settings_sip_section_maps_onto_sip_config():
    settings = Settings()
    settings.set("sip.registrar", "sip:pbx.site.local:5060")
    settings.set("sip.username", "agent7")
    settings.set("sip.transport", "TCP")
    settings.set("sip.audio_capture", "null")
    cfg = SipConfig.from_settings(settings)
    assert cfg.registrar == "sip:pbx.site.local:5060" and cfg.username == "agent7"
    assert cfg.transport == "tcp"
    assert cfg.null_audio and cfg.audio_capture == ""
    assert cfg.codecs[0] == "PCMA/8000", "G.711 A-law first by default"
    assert cfg.ring_timeout_seconds == 45 and cfg.user_agent.startswith("Sambung/")


def test_tls_settings_map_onto_sip_config_and_verification_is_on_by_default():
    settings = Settings()
    cfg = SipConfig.from_settings(settings)
    assert cfg.tls_verify_server is True and cfg.tls_ca_file == ""
    settings.set("sip.transport", "tls")
    settings.set("sip.tls_ca_file", "/etc/sambung/site-ca.pem")
    settings.set("sip.tls_verify_server", "false")      # as text in a hand-edited site file
    cfg = SipConfig.from_settings(settings)
    assert cfg.transport == "tls" and cfg.tls_ca_file == "/etc/sambung/site-ca.pem"
    assert cfg.tls_verify_server is False
    assert SipConfig(domain="pbx.local", transport="tls").target_uri("1") == "sip:1@pbx.local;transport=tls"


def test_bare_dial_string_uses_domain_then_registrar_host():
    assert SipConfig(domain="pbx.local").target_uri("90812") == "sip:90812@pbx.local"
    assert SipConfig(registrar="sip:10.0.0.5:5070").target_uri("123") == "sip:123@10.0.0.5:5070"
    assert SipConfig(domain="pbx.local", transport="tcp").target_uri("1") == "sip:1@pbx.local;transport=tcp"
    assert SipConfig().target_uri("sip:x@y") == "sip:x@y"


def test_bare_dial_string_without_any_domain_is_refused_in_indonesian():
    with pytest.raises(ValueError, match="Tidak ada domain SIP"):
        SipConfig().target_uri("0812")


def test_transfer_timeout_is_a_site_setting_with_a_30_second_default():
    settings = Settings()
    assert SipConfig.from_settings(settings).transfer_timeout_seconds == 30
    settings.set("sip.transfer_timeout_seconds", 12)
    assert SipConfig.from_settings(settings).transfer_timeout_seconds == 12
