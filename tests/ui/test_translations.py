"""Every string a user sees is translated to zh_CN, and the compiled .qm is what the app loads."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "kefudesk_zh_CN.ts"
QM = ROOT / "app" / "ui" / "i18n" / "kefudesk_zh_CN.qm"


def sources(ts: Path) -> set[tuple[str, str]]:
    return {(ctx.findtext("name"), msg.findtext("source")) for ctx in ET.parse(ts).iter("context")
            for msg in ctx.iter("message")}


def test_every_string_in_the_code_is_in_the_translation_file(tmp_path):
    fresh = tmp_path / "fresh.ts"
    lupdate = str(Path(sys.executable).with_name("pyside6-lupdate"))
    files = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    subprocess.run([lupdate, *files, "-ts", str(fresh)], check=True, capture_output=True)
    missing = sources(fresh) - sources(TS)
    assert not missing, f"run resources/i18n/build.py and translate: {sorted(missing)}"


def test_no_translation_is_unfinished_or_empty():
    for message in ET.parse(TS).iter("message"):
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip()
        assert translation.get("type") is None and text, f"untranslated: {message.findtext('source')!r}"


def test_the_compiled_translation_is_the_current_source_and_loads(qapp, tmp_path):
    lrelease = str(Path(sys.executable).with_name("pyside6-lrelease"))
    subprocess.run([lrelease, str(TS), "-qm", str(tmp_path / "fresh.qm")], check=True, capture_output=True)
    assert (tmp_path / "fresh.qm").read_bytes() == QM.read_bytes(), "run resources/i18n/build.py to compile the .qm"
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "&Quit") == "退出(&Q)"
        assert QCoreApplication.translate("OrdersModel", "not shipped yet") == "尚未发货"
    finally:
        QCoreApplication.removeTranslator(translator)
