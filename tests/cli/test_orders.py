"""`kefudesk orders import`: the marketplace's order export from the command line, all or nothing unless told to
skip the bad rows, with the file's words shown and never obeyed, and the store's limits checked on the dry run."""

from app.store.engine import open_store

from app import config
from app.cli.main import main
from tests.conftest import obeyed_by_a_terminal
from tests.unit.desk.test_order_import import TAOBAO


def test_the_cli_refuses_a_file_with_bad_rows_unless_told_to_skip_them(tmp_path, capsys):
    source = tmp_path / "订单报表.csv"
    source.write_bytes(TAOBAO.encode("gbk"))
    assert main(["orders", "import", str(source)]) == 1
    captured = capsys.readouterr()
    assert "line 4: order no. 'ABC' is not a number" in captured.out and "nothing imported" in captured.err
    assert main(["orders", "import", str(source), "--skip-bad"]) == 0
    assert "imported 2 order(s)" in capsys.readouterr().out
    assert main(["orders", "import", str(source), "--map", "nonsense"]) == 2


def test_the_cli_shows_a_files_headers_and_bad_lines_without_letting_them_drive_the_terminal(tmp_path, capsys):
    source = tmp_path / "订单报表.csv"
    source.write_bytes(("订单编号,买家会员名\x1b]0;x\x07,买家实际支付金额\n"
                        "3912345678901234567,tb_小美妈妈,129.00\n"
                        "AB\x1b[2JC,坏行\x9b31m,1\n").encode())
    assert main(["orders", "import", str(source), "--dry-run", "--map", "buyer_nick=买家会员名\x1b]0;x\x07"]) == 1
    out = capsys.readouterr().out
    assert not obeyed_by_a_terminal(out)
    assert "buyer_nick=买家会员名␛]0;x␇" in out and "AB␛[2JC | 坏行\\x9b31m" in out


def test_the_dry_run_refuses_what_the_schema_refuses_on_a_local_store_too(tmp_path, capsys):
    # SQLite would keep them; the team's server would not: the same file must read the same on both
    source = tmp_path / "ExportOrderList.csv"
    source.write_text("订单编号,买家会员名,买家实际支付金额,物流公司\n"
                      "3912000000000000002,tb_a,21474836.47,中通快递\n"
                      "3912000000000000003,tb_b,999999999.99,中通快递\n"
                      f"3912000000000000004,{'买' * 101},1.00,{'快' * 61}\n", encoding="utf-8")
    assert main(["orders", "import", str(source), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "1 new order(s), 0 to update, 0 conflict(s) with the shop's data, 2 bad row(s)" in out
    assert ("line 3: 买家实际支付金额 ¥999999999.99 is more than the store keeps (at most ¥21474836.47): not imported"
            in out)
    assert "line 4: 买家会员名 is 101 characters, more than the store keeps (100): not imported" in out
    assert main(["orders", "import", str(source)]) == 1
    store = open_store(config.store_path())
    assert store.order("3912000000000000002") is None  # nothing written
    store.close()
