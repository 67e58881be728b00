from pathlib import Path

import pytest

from app.config import FloorSettings, SettingsError, floor_settings, load_settings, settings_markdown


def test_missing_file_means_defaults(tmp_path):
    values = load_settings(tmp_path / "none.toml")
    assert values["gateway.url"] == "" and values["demo.buyers"] == 50


def test_values_are_read_and_ints_widen_to_floats(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[gateway]\nurl = "http://127.0.0.1:8765"\n[demo]\nrate = 3\n', encoding="utf-8")
    values = load_settings(path)
    assert values["gateway.url"] == "http://127.0.0.1:8765" and values["demo.rate"] == 3.0


@pytest.mark.parametrize(("text", "complaint"), [
    ("[gateway\nurl=1", "is not valid TOML"),
    ("[gateway]\nurll = 'x'\n", "unknown setting 'gateway.urll'"),
    ("[demo]\nbuyers = 'many'\n", "'demo.buyers' must be int"),
    ("[ui]\nlanguage = 'fr'\n", "'ui.language' must be one of auto, zh_CN, en"),
    ("[queue]\nafter_reply = 'oldest'\n", "'queue.after_reply' must be one of longest, next, stay"),
    ("[ui]\nquit_while_waiting = 'quit'\n", "'ui.quit_while_waiting' must be one of ask, tray"),
    ("gateway = 3\n", "'gateway' should be a [section]"),
    ("[keys]\npreset = 'vim'\n", "'keys.preset' must be one of kefudesk, qianniu"),
    ("[keys.bindings]\n'desk.send' = 3\n", "every entry of [keys.bindings] must be a key"),
    ("[keys.bindings]\n'desk.send' = ['Ctrl+S', 4]\n", "every entry of [keys.bindings] must be a key"),
])
def test_a_bad_file_names_itself_and_the_problem(tmp_path, text, complaint):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert complaint in str(caught.value) and str(path) in str(caught.value)


def test_the_settings_page_in_docs_matches_the_schema():
    page = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text(encoding="utf-8")
    assert settings_markdown() in page


def test_phrase_groups_in_a_setting_are_split_however_they_were_typed():
    from app.config import groups

    assert groups("售中， 售后/退款、通用 ,") == ("售中", "售后/退款", "通用")
    assert groups("") == ()


def test_the_floor_settings_default_to_the_longest_waiter_and_asking(tmp_path):
    assert floor_settings(load_settings(tmp_path / "none.toml")) == FloorSettings("longest", "ask")
    path = tmp_path / "s.toml"
    path.write_text('[queue]\nafter_reply = "stay"\n[ui]\nquit_while_waiting = "tray"\n', encoding="utf-8")
    assert floor_settings(load_settings(path)) == FloorSettings("stay", "tray")


def test_saved_keys_replace_only_the_keys_tables_and_read_back(tmp_path):
    from app.config import save_keys

    path = tmp_path / "settings.toml"
    path.write_text('[ui]\nlanguage = "zh_CN"  # mine\n\n[keys]\npreset = "qianniu"\n\n[keys.bindings]\n'
                    '"desk.mute" = ["F12"]\n\n[queue]\nafter_reply = "next"\n', encoding="utf-8")
    save_keys("kefudesk", {"desk.send": ["Ctrl+S"], "desk.quit": []}, path)
    settings = load_settings(path)
    assert settings["keys.preset"] == "kefudesk"
    assert settings["keys.bindings"] == {"desk.send": ["Ctrl+S"], "desk.quit": []}
    assert settings["ui.language"] == "zh_CN" and settings["queue.after_reply"] == "next"
    assert "# mine" in path.read_text(encoding="utf-8")
    save_keys("kefudesk", {}, path)
    assert load_settings(path)["keys.bindings"] == {}
