"""The phrase palette (app/ui/phrase_palette.py) as the agent types: every row shows its phrase's title and the
start of its text, however the list before it looked."""

from app.quickreplies.match import PhraseIndex
from app.quickreplies.phrase import Phrase

from app.ui.phrase_palette import PhrasePalette

LIBRARY = [Phrase(1, "退款流程", "亲，在订单页面点击申请退款就可以了哦", abbreviation="tk"),
           Phrase(2, "退货地址", "亲，退货请寄到仓库，包裹里放一张写着订单号的纸条\n谢谢～", abbreviation="thdz"),
           Phrase(3, "发货时间", "亲，16点前付款当天发货", abbreviation="fh")]


def test_each_row_is_tall_enough_for_the_title_and_the_text_even_after_a_search_with_no_match(qtbot):
    index = PhraseIndex(LIBRARY)
    palette = PhrasePalette(lambda query: index.search(query))
    qtbot.addWidget(palette)
    palette.show()
    two_lines = 2 * palette.results.fontMetrics().lineSpacing()
    for query in ("xyzzy", "t", "退", "xyzzy", "fh"):  # the one-line note in between must not shrink the rows
        palette.query.setText(query)
        rows = palette.model.rowCount()
        if not palette.model.matched():
            continue
        heights = {palette.results.visualRect(palette.model.index(row)).height() for row in range(rows)}
        assert len(heights) == 1 and heights.pop() >= two_lines, query
        first = palette.model.index(0).data()
        assert first.split("\n")[1].startswith("亲，"), query
