"""Painters for the queue rows and the message bubbles.

Buyer text is drawn with QPainter.drawText, which never interprets markup: a buyer's "<b>" or
"<img src=…>" is shown as the characters they typed (app/ui/buyer_text.py has the rest of the rules). What the
desk itself says ("Me: ", "[System]", the time) is drawn in a place or a style buyer text never gets, so a
buyer who writes "[系统] 已退款" or "我：好的" still looks like a buyer.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.store.records import ConversationSummary

from app.desk.queue import Urgency, format_wait, urgency, wait_seconds

from app.ui.buyer_text import cut_note, one_line, shown
from app.ui.emoticons import app_faces
from app.ui.models.message_model import MessageRole
from app.ui.models.queue_model import ChatRole, QueueModel
from app.ui.theme import colours

Index = QModelIndex | QPersistentModelIndex

URGENCY_COLOURS = {
    Urgency.WAITING: QColor("#409EFF"),
    Urgency.FIRST_LIMIT: QColor("#E6A23C"),  # past the 30 s first-response limit
    Urgency.LATE: QColor("#F56C6C"),  # past 40 s: late for any answer
}
PAD = 8


def preview_parts(chat: ConversationSummary) -> tuple[str, str]:
    """The queue row's second line as (the desk's label, what was said): the last message on one line, "Me: "
    before the agent's own, "Robot: " before the robot's, no label before the buyer's."""
    prefix = {"in": "", "robot": QCoreApplication.translate("QueueDelegate", "Robot: ")}.get(
        chat.last_direction, QCoreApplication.translate("QueueDelegate", "Me: "))
    said = app_faces()(one_line(chat.last_text)) or QCoreApplication.translate("QueueDelegate", "[Picture]")
    return prefix, said


def preview_text(chat: ConversationSummary) -> str:
    return "".join(preview_parts(chat))


def flag_tags(chat_flags: frozenset[str]) -> list[tuple[str, QColor]]:
    """The small marks after a buyer's nick: an angry buyer, a buyer with an open issue."""
    tags = []
    if "angry" in chat_flags:
        tags.append((QCoreApplication.translate("QueueDelegate", "Angry"), QColor("#C0392B")))
    if "trouble" in chat_flags:
        tags.append((QCoreApplication.translate("QueueDelegate", "Issue"), QColor("#7D3C98")))
    return tags


class QueueDelegate(QStyledItemDelegate):
    ROW_HEIGHT = 54

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(option.rect.width(), self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        chat = index.data(ChatRole)
        if chat is None:
            return
        model = index.model()
        now = model.clock() if isinstance(model, QueueModel) else None
        painter.save()
        rect = option.rect
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        level = urgency(chat, now) if now else Urgency.IDLE
        if level in URGENCY_COLOURS:
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), URGENCY_COLOURS[level])
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        inner = rect.adjusted(PAD + 4, 6, -PAD, -6)
        top = QRect(inner.left(), inner.top(), inner.width(), inner.height() // 2)
        bottom = QRect(inner.left(), inner.top() + inner.height() // 2, inner.width(), inner.height() // 2)

        wait = format_wait(wait_seconds(chat, now)) if now else ""
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        wait_width = QFontMetrics(bold).horizontalAdvance(wait) + PAD if wait else 0
        if wait:
            painter.setPen(URGENCY_COLOURS.get(level, text_colour) if not selected else text_colour)
            painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), wait)
        tags = flag_tags(model.flags_of(chat)) if isinstance(model, QueueModel) else []
        tag_font = QFont(option.font)
        tag_font.setPointSizeF(max(1.0, option.font.pointSizeF() * 0.85))
        tag_metrics = QFontMetrics(tag_font)
        x = top.right() - wait_width
        painter.setFont(tag_font)
        for text, colour in reversed(tags):  # right to left, before the wait time
            width = tag_metrics.horizontalAdvance(text) + 8
            x -= width
            box = QRect(x, top.center().y() - tag_metrics.height() // 2, width, tag_metrics.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(QColor("white"))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
            x -= 4
        painter.setFont(bold)
        painter.setPen(text_colour)
        nick_rect = QRect(top.left(), top.top(), max(0, x - top.left()), top.height())
        nick = QFontMetrics(bold).elidedText(shown(chat.buyer_nick), Qt.TextElideMode.ElideRight, nick_rect.width())
        painter.drawText(nick_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), nick)

        painter.setFont(option.font)
        badge_width = 0
        if chat.unread:
            label = str(chat.unread) if chat.unread < 100 else "99+"
            metrics = QFontMetrics(option.font)
            badge_width = max(metrics.horizontalAdvance(label) + 10, metrics.height())
            badge = QRect(bottom.right() - badge_width, bottom.center().y() - metrics.height() // 2,
                          badge_width, metrics.height())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(QColor("#F56C6C"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2)
            painter.setPen(QColor("white"))
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), label)
        muted = QColor(text_colour)
        if not selected:
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
        preview_rect = bottom.adjusted(0, 0, -(badge_width + PAD if badge_width else 0), 0)
        label, said = preview_parts(chat)
        if label:  # the desk's own label in italics and its colour: "我：" typed by a buyer stays upright and grey
            label_font = QFont(option.font)
            label_font.setItalic(True)
            painter.setFont(label_font)
            painter.setPen(text_colour if selected else colours(option.palette).label)  # "Me: ", "Robot: "
            label = QFontMetrics(label_font).elidedText(label, Qt.TextElideMode.ElideRight, preview_rect.width())
            painter.drawText(preview_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)
            preview_rect.setLeft(preview_rect.left() + QFontMetrics(label_font).horizontalAdvance(label))
            painter.setFont(option.font)
        painter.setPen(muted)
        preview = QFontMetrics(option.font).elidedText(said, Qt.TextElideMode.ElideRight, preview_rect.width())
        painter.drawText(preview_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), preview)
        painter.restore()


class MessageDelegate(QStyledItemDelegate):
    """Buyer on the left, agent on the right, robot and system centred and labelled; the time above."""

    # the shop's protocol carries at most 5,000 characters a message (app/domain.py): a longer text (a
    # 100 KB paste) is cut for painting and says so above the bubble; the stored text stays whole
    MAX_CHARS_PAINTED = 5_000
    THUMB = 160  # an image message's picture, at most this many pixels a side

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.load_image: Callable[[str], bytes | None] = lambda image_id: None
        self._thumbs: OrderedDict[str, QImage] = OrderedDict()  # the last few hundred, scaled once
        # wrapped text sizes by (text, width, font): a view asks for every row's size on each layout, and
        # wrapping a long message is the slow part of drawing it
        self._sizes: OrderedDict[tuple[str, int, str], QRect] = OrderedDict()
        self._shown: OrderedDict[str, str] = OrderedDict()  # message text → what is drawn of it

    def shown_text(self, text: str) -> str:
        """What a bubble draws of a message's text: its first MAX_CHARS_PAINTED characters, bidi controls
        dropped (app/ui/buyer_text.py), Wangwang's emoticon codes as emoji (app/ui/emoticons.py)."""
        drawn = self._shown.get(text)
        if drawn is None:
            drawn = self._shown[text] = app_faces()(shown(text[: self.MAX_CHARS_PAINTED]))
            if len(self._shown) > 2000:
                self._shown.popitem(last=False)
        return drawn

    def cut_note(self, text: str) -> str:
        """Said above a bubble whose text is too long to draw whole, else ""."""
        return cut_note(text, self.MAX_CHARS_PAINTED)

    def thumbnail(self, image_id: str) -> QImage | None:
        """The picture scaled for a bubble, or None when the desk does not have its bytes."""
        if not image_id:
            return None
        thumb = self._thumbs.get(image_id)
        if thumb is None:
            data = self.load_image(image_id)
            image = QImage.fromData(data) if data else QImage()
            if image.isNull():
                return None
            thumb = image.scaled(self.THUMB, self.THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
            self._thumbs[image_id] = thumb
            if len(self._thumbs) > 300:
                self._thumbs.popitem(last=False)
        self._thumbs.move_to_end(image_id)
        return thumb

    def _picture_size(self, message: object) -> QSize:
        image_id = getattr(message, "image", "")
        if not image_id:
            return QSize(0, 0)
        thumb = self.thumbnail(image_id)
        return thumb.size() if thumb is not None else QSize(self.THUMB, self.THUMB // 3)

    def _bubble_width(self, option: QStyleOptionViewItem) -> int:
        return max(120, int(option.rect.width() * 0.72))

    def _layout(self, option: QStyleOptionViewItem, text: str) -> QRect:
        width = self._bubble_width(option) - 2 * PAD
        key = (text, width, option.font.key())
        size = self._sizes.get(key)
        if size is None:
            flags = int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextExpandTabs)
            size = QFontMetrics(option.font).boundingRect(QRect(0, 0, width, 100_000), flags, text)
            self._sizes[key] = size
            if len(self._sizes) > 2000:
                self._sizes.popitem(last=False)
        self._sizes.move_to_end(key)
        return QRect(size)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        message = index.data(MessageRole)
        if message is None:
            return QSize(0, 0)
        text_rect = self._layout(option, self.shown_text(message.text)) if message.text else QRect()
        picture = self._picture_size(message)
        meta = QFontMetrics(option.font).height()
        gap = PAD if picture.height() and text_rect.height() else 0
        return QSize(option.rect.width(), text_rect.height() + picture.height() + gap + meta + 3 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        message = index.data(MessageRole)
        if message is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.shown_text(message.text)
        text_rect = self._layout(option, text) if text else QRect()
        picture = self._picture_size(message)
        gap = PAD if picture.height() and text_rect.height() else 0
        metrics = QFontMetrics(option.font)
        meta_height = metrics.height()
        bubble = QRect(0, 0, max(text_rect.width(), picture.width()) + 2 * PAD,
                       text_rect.height() + picture.height() + gap + 2 * PAD)
        rect = option.rect.adjusted(PAD, PAD // 2, -PAD, -PAD // 2)
        local_time = message.sent_at.astimezone().strftime("%H:%M:%S")
        scheme = colours(option.palette)  # light or dark, as the window is now
        if message.direction == "in":
            bubble.moveTopLeft(rect.topLeft() + QPoint(0, meta_height))
            colour, align = scheme.buyer, Qt.AlignmentFlag.AlignLeft
            meta = local_time
        elif message.direction == "out":
            bubble.moveTopRight(rect.topRight() + QPoint(0, meta_height))
            colour, align = scheme.agent, Qt.AlignmentFlag.AlignRight
            state = {"pending": QCoreApplication.translate("MessageDelegate", "sending…"),
                     "failed": QCoreApplication.translate("MessageDelegate", "NOT SENT — F5 resends, Shift+F5 edits"),
                     "withdrawn": QCoreApplication.translate("MessageDelegate", "withdrawn, not sent")
                     }.get(message.state, "")
            meta = f"{state}  {local_time}".strip()
            if message.state == "failed":
                colour = scheme.failed
        else:
            bubble.moveTopLeft(QPoint(rect.center().x() - bubble.width() // 2, rect.top() + meta_height))
            colour, align = scheme.system, Qt.AlignmentFlag.AlignHCenter
            if message.direction == "robot":
                label = QCoreApplication.translate("MessageDelegate", "Robot")
            else:
                label = QCoreApplication.translate("MessageDelegate", "System")
            meta = f"[{label}] {local_time}"
        note = self.cut_note(message.text)
        if note:
            meta = f"{meta} · {note}" if align != Qt.AlignmentFlag.AlignRight else f"{note} · {meta}"
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), meta_height),
                         int(align | Qt.AlignmentFlag.AlignVCenter), meta)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(bubble, 6, 6)
        inner = bubble.adjusted(PAD, PAD, -PAD, -PAD)
        if picture.height():
            thumb = self.thumbnail(message.image)
            spot = QRect(inner.topLeft(), picture)
            if thumb is not None:
                painter.drawImage(spot, thumb)
            else:  # a picture the desk has not got: say so in place, never an empty hole
                painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(spot, int(Qt.AlignmentFlag.AlignCenter),
                                 QCoreApplication.translate("MessageDelegate", "[picture]"))
            inner.setTop(inner.top() + picture.height() + gap)
        painter.setPen(scheme.text)
        painter.drawText(inner, int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextExpandTabs | Qt.AlignmentFlag.AlignLeft),
                         text)
        painter.restore()
