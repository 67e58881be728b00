"""Baseline for the cold-start benchmark: a bare PySide6 main window, timed the same way as the desk."""

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):  # noqa: N802
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, lambda: (print("first_paint", flush=True), app.quit()))


app = QApplication(sys.argv[:1])
window = Window()
window.setCentralWidget(QLabel("hello"))
window.resize(1320, 800)
started = time.perf_counter()
window.show()
sys.exit(app.exec())
