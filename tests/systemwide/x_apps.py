"""Small X clients the desktop tests start in their own processes (never the desk itself):
`target`: a plain text-entry window that takes the focus and prints its text when told (stdin line) or after a while;
`clipper`: owns the clipboard with the given text until it is killed;
`reader`: prints what the clipboard holds when told (stdin line);
`nopaste`: a text field that refuses pastes (as some web forms and remote desktops do) and "sends" its text on
Enter; when told, prints its text and what it sent.
Each answer comes after its question is read: a test polling a client asks again as soon as it has the answer, and
a second question read ahead into stdin's buffer would leave the notifier silent and the test waiting forever."""

import ctypes
import sys
import time

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit


class NoPaste(QLineEdit):
    def keyPressEvent(self, event):  # noqa: ANN001, ANN201, N802 - Qt override in a test program
        if event.matches(QKeySequence.StandardKey.Paste):
            return  # refused
        super().keyPressEvent(event)


role = sys.argv[1]
# the process is named as a real application would be (/proc/PID/comm), not "python3": prctl(PR_SET_NAME)
ctypes.CDLL(None).prctl(15, f"kd-{role}".encode(), 0, 0, 0)
app = QApplication([f"kd-{role}"])
app.setApplicationName(f"kd-{role}")
if role == "target":
    entry = QLineEdit()
    entry.setWindowTitle("target window")
    entry.resize(500, 40)
    entry.show()
    entry.activateWindow()
    entry.setFocus()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: (sys.stdin.readline(), print("TEXT:" + entry.text(), flush=True)))
    if len(sys.argv) > 2 and sys.argv[2] == "--trace":  # the benchmark: when each change arrived
        entry.textChanged.connect(lambda text: print(f"changed {time.monotonic():.6f} {len(text)}", flush=True))
    QTimer.singleShot(120_000 if "--trace" in sys.argv else 30_000, app.quit)  # never left behind
elif role == "nopaste":
    entry = NoPaste()
    entry.setWindowTitle("no paste")
    entry.resize(500, 40)
    sent: list[str] = []
    entry.returnPressed.connect(lambda: (sent.append(entry.text()), entry.clear()))
    entry.show()
    entry.activateWindow()
    entry.setFocus()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: (sys.stdin.readline(),
                                           print(f"TEXT:{entry.text()}|SENT:{'/'.join(sent)}", flush=True)))
elif role == "reader":  # prints the clipboard's text when told
    label = QLabel("reader")
    label.show()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: (sys.stdin.readline(),
                                           print("CLIP:" + app.clipboard().text(), flush=True)))
else:
    label = QLabel("clipper")
    label.show()
    app.clipboard().setText(sys.argv[2])
print("READY", flush=True)
app.exec()
