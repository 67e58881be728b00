<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../app/ui/issue_dialogs/action.py" line="68"/>
        <source>%1 — issue #%2</source>
        <translation>%1 —— 问题单 #%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/action.py" line="120"/>
        <source>Over your limit: %1. A supervisor approves it before it is recorded; until then it counts for nothing.</source>
        <translation>超出你的权限：%1。须主管批准后才会记录，批准前不生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/action.py" line="123"/>
        <source>Ask a supervisor…</source>
        <translation>请主管批准…</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/action.py" line="125"/>
        <source>%1. Over it, a supervisor approves before anything is recorded.</source>
        <translation>%1。超出时，须主管批准后才会记录。</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../app/ui/issue_dialogs/approval.py" line="24"/>
        <source>Supervisor approval</source>
        <translation>主管审批</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/approval.py" line="28"/>
        <source>%1 of ¥%2 needs approval: %3</source>
        <translation>%1 ¥%2 需要审批：%3</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/approval.py" line="36"/>
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/approval.py" line="37"/>
        <source>&amp;Refuse</source>
        <translation>拒绝(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/approval.py" line="38"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/approval.py" line="39"/>
        <source>The request waits; it counts for nothing until a supervisor approves it</source>
        <translation>申请会保留；主管批准前不生效</translation>
    </message>
</context>
<context>
    <name>Approvals</name>
    <message>
        <location filename="../../app/ui/approvals.py" line="36"/>
        <source>Waiting for a supervisor&apos;s approval: %1 is not recorded until approved (%2).</source>
        <translation>等待主管批准：%1 批准前不会记录（%2）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/approvals.py" line="39"/>
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/approvals.py" line="56"/>
        <source>Approved by %1: %2 recorded.</source>
        <translation>%1 已批准：%2 已记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/approvals.py" line="59"/>
        <source>Refused by %1: %2 not recorded.</source>
        <translation>%1 已拒绝：%2 未记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/approvals.py" line="62"/>
        <source>Waiting for a supervisor&apos;s approval: %1 is not recorded until approved.</source>
        <translation>等待主管批准：%1 批准前不会记录。</translation>
    </message>
</context>
<context>
    <name>AskForm</name>
    <message>
        <location filename="../../app/ui/ask_form.py" line="46"/>
        <source>%1 asks — Enter puts it in, Esc does not, Tab: next field</source>
        <translation>%1 需要填写——Enter 插入，Esc 取消，Tab 下一项</translation>
    </message>
    <message>
        <location filename="../../app/ui/ask_form.py" line="59"/>
        <source>yuan, such as 5 or 12.50</source>
        <translation>金额（元），如 5 或 12.50</translation>
    </message>
    <message>
        <location filename="../../app/ui/ask_form.py" line="60"/>
        <source>a date, such as 11-24 or 明天</source>
        <translation>日期，如 11-24 或 明天</translation>
    </message>
</context>
<context>
    <name>AttachmentBar</name>
    <message>
        <location filename="../../app/ui/conversation_pane.py" line="45"/>
        <source>Do not send the picture (Ctrl+Shift+Backspace)</source>
        <translation>不发送这张图片（Ctrl+Shift+Backspace）</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_pane.py" line="61"/>
        <source>[picture]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_pane.py" line="62"/>
        <source>Picture sent with the reply: %1</source>
        <translation>随回复发送的图片：%1</translation>
    </message>
</context>
<context>
    <name>BuyerPane</name>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="81"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="86"/>
        <location filename="../../app/ui/buyer_pane.py" line="91"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="101"/>
        <source>Enter or F8: the order in full</source>
        <translation>Enter 或 F8：查看订单详情</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="102"/>
        <source>No orders from this buyer yet.</source>
        <translation>这位买家还没有订单。</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="115"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="117"/>
        <source>Copy the order no. (Ctrl+Shift+C)</source>
        <translation>复制订单号（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="118"/>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="120"/>
        <source>Copy the tracking no. (Ctrl+Shift+E)</source>
        <translation>复制运单号（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="121"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="123"/>
        <source>Copy receiver, phone (masked) and address (Ctrl+Shift+A)</source>
        <translation>复制收货人、电话（打码）和地址（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="124"/>
        <location filename="../../app/ui/buyer_pane.py" line="209"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="126"/>
        <source>The order in full: items, weights, logistics (F8; Esc goes back)</source>
        <translation>订单详情：商品、重量、物流（F8；Esc 返回）</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="129"/>
        <source>Copy:</source>
        <translation>复制：</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="141"/>
        <source>Issues (Ctrl+N: new)</source>
        <translation>问题单（Ctrl+N 新建）</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="147"/>
        <source>Ctrl+Shift+I: record an action; Ctrl+Shift+J or Enter: details and photos</source>
        <translation>Ctrl+Shift+I：记录处理；Ctrl+Shift+J 或回车：详情和照片</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="148"/>
        <source>Past chats</source>
        <translation>以往会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="172"/>
        <source>No chat selected</source>
        <translation>未选择会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="209"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="318"/>
        <source>history</source>
        <translation>历史</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/buyer_pane.py" line="318"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="322"/>
        <source>buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="322"/>
        <source>agent</source>
        <translation>客服</translation>
    </message>
</context>
<context>
    <name>BuyerText</name>
    <message>
        <location filename="../../app/ui/buyer_text.py" line="54"/>
        <source>%1 more characters not shown</source>
        <translation>另有 %1 个字符未显示</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../app/ui/keys/cheat_sheet.py" line="49"/>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/cheat_sheet.py" line="50"/>
        <source>&amp;Save as HTML or PDF…</source>
        <translation>另存为 HTML 或 PDF(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/cheat_sheet.py" line="63"/>
        <source>KefuDesk keyboard shortcuts</source>
        <translation>客服台快捷键</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/cheat_sheet.py" line="79"/>
        <source>Save the shortcuts</source>
        <translation>保存快捷键表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/cheat_sheet.py" line="81"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/cheat_sheet.py" line="81"/>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
</context>
<context>
    <name>ClipPalette</name>
    <message>
        <location filename="../../app/ui/system_palette.py" line="165"/>
        <source>Search what you copied; Enter pastes it, Ctrl+S keeps it as a phrase</source>
        <translation>搜索复制过的内容；Enter 粘贴，Ctrl+S 存为快捷短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/clip_list.py" line="51"/>
        <source>[Picture]</source>
        <translation>[图片]</translation>
    </message>
</context>
<context>
    <name>ClipboardDialog</name>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="26"/>
        <source>Clipboard history</source>
        <translation>剪贴板历史</translation>
    </message>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="28"/>
        <source>&amp;Keep what I copy in any application</source>
        <translation>保存我在任何应用中复制的内容(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="32"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="40"/>
        <source>Copies from these applications are never kept, so a copied password never lands in a searchable list: one name a line, matched in the application&apos;s name. Pinned entries stay whatever the limits.</source>
        <translation>从这些应用复制的内容一律不保存，复制的密码不会出现在可搜索的列表里：每行一个名称，按应用名称匹配。置顶的条目不受限制。</translation>
    </message>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="46"/>
        <source>Keep for at &amp;most</source>
        <translation>最多保存(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="47"/>
        <source>Keep at most &amp;this many</source>
        <translation>最多保存条数(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="49"/>
        <source>&amp;Never from</source>
        <translation>从不保存来自(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/clipboard_dialog.py" line="59"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/ui/composer.py" line="41"/>
        <source>Type a reply — Enter sends, Shift+Enter starts a new line, / finds a phrase</source>
        <translation>输入回复 —— Enter 发送，Shift+Enter 换行，/ 查找快捷短语</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../../app/ui/conversation_pane.py" line="91"/>
        <source>Select a chat on the left</source>
        <translation>请在左侧选择会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/conversation_pane.py" line="97"/>
        <source>Messages of the chat</source>
        <translation>会话消息</translation>
    </message>
</context>
<context>
    <name>CrashNotice</name>
    <message>
        <location filename="../../app/ui/start.py" line="104"/>
        <source>KefuDesk hit an error and wrote a report: %1</source>
        <translation>客服台出错了，已写下报告：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="109"/>
        <source>KefuDesk hit an error</source>
        <translation>客服台出错了</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="110"/>
        <source>Something in KefuDesk failed. Your chats, drafts and records are saved, and you can go on working.

A report for your support was written to:
%1</source>
        <translation>客服台的某个功能出错了。您的聊天、草稿和记录都已保存，可以继续工作。

给技术支持的报告已写到：
%1</translation>
    </message>
</context>
<context>
    <name>DayRange</name>
    <message>
        <location filename="../../app/ui/day_range.py" line="31"/>
        <source>The last day is before the first: change one of them.</source>
        <translation>结束日期早于开始日期，请修改其中一个。</translation>
    </message>
</context>
<context>
    <name>DemoHelp</name>
    <message>
        <location filename="../../app/ui/demo_help.py" line="35"/>
        <source>Demo: approvals take one of this store&apos;s own supervisors</source>
        <translation>演示：批准需要本店自己的主管</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_help.py" line="37"/>
        <source>Demo supervisor: %1, password %2</source>
        <translation>演示主管：%1，密码 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_help.py" line="41"/>
        <source>An agent&apos;s refund over the limits waits for a supervisor: type this name and password in the approval (Shift+F1 says more).</source>
        <translation>客服超出权限的退款要等主管批准：在批准窗口输入这个名字和密码（Shift+F1 查看说明）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="182"/>
        <source>The &amp;demo&apos;s supervisor…</source>
        <translation>演示店铺的主管(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_help.py" line="49"/>
        <source>This store has supervisors of its own, so the demo made none: an over-limit refund waits for one of them.</source>
        <translation>本店已有自己的主管，演示没有另建主管：超出权限的退款要等其中一位批准。</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_help.py" line="52"/>
        <source>The demo shop&apos;s supervisor is %1, password %2.

Record a partial refund over the agent&apos;s limit (Ctrl+Shift+I on an issue): it waits for approval, and this name and password approve it. The password is public: on a store for a real shop, change it (kefudesk profiles password %1).</source>
        <translation>演示店铺的主管是 %1，密码 %2。

记录一笔超出客服权限的部分退款（在问题单上按 Ctrl+Shift+I）：它会等待批准，用这个名字和密码即可批准。这个密码是公开的：用于真实店铺的数据库请修改它（kefudesk profiles password %1）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_help.py" line="57"/>
        <source>The demo&apos;s supervisor</source>
        <translation>演示店铺的主管</translation>
    </message>
    <message>
        <location filename="../../app/ui/demo_help.py" line="69"/>
        <source>%1, the demo&apos;s supervisor, still has the demo&apos;s public password: change it (kefudesk profiles password %1), or anyone can approve refunds.</source>
        <translation>演示店铺的主管 %1 仍在使用公开的演示密码：请修改（kefudesk profiles password %1），否则任何人都能批准退款。</translation>
    </message>
</context>
<context>
    <name>DeskWindows</name>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="106"/>
        <source>Robot settings saved: the robot is on.</source>
        <translation>机器人设置已保存：机器人已开启。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="107"/>
        <source>Robot settings saved: the robot is off.</source>
        <translation>机器人设置已保存：机器人已关闭。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="126"/>
        <source>Clipboard history settings saved.</source>
        <translation>剪贴板历史设置已保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="150"/>
        <source>Limits saved.</source>
        <translation>额度已保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="157"/>
        <source>The marketplace&apos;s order export</source>
        <translation>平台导出的订单报表</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="158"/>
        <source>Order exports (*.csv *.xlsx)</source>
        <translation>订单报表 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="179"/>
        <source>Orders imported.</source>
        <translation>订单已导入。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="194"/>
        <source>Shortcuts saved and in force.</source>
        <translation>快捷键已保存并生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="214"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="214"/>
        <source>No setting changed.</source>
        <translation>没有更改任何设置。</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="217"/>
        <source>About KefuDesk</source>
        <translation>关于客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk_windows.py" line="218"/>
        <source>KefuDesk (客服台): one window for a shop&apos;s customer service.</source>
        <translation>客服台：一个窗口搞定网店客服。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="310"/>
        <location filename="../../app/ui/first_run.py" line="327"/>
        <source>Set up KefuDesk</source>
        <translation>设置客服台</translation>
    </message>
</context>
<context>
    <name>Floor</name>
    <message>
        <location filename="../../app/ui/floor.py" line="93"/>
        <source>No other buyer waits for an answer here; Alt+↓ / Alt+↑ walk every chat.</source>
        <translation>这里没有其他等待回复的买家；Alt+↓ / Alt+↑ 可逐个浏览所有会话。</translation>
    </message>
</context>
<context>
    <name>HistoryImportDialog</name>
    <message>
        <location filename="../../app/ui/history_import.py" line="38"/>
        <source>A shop&apos;s past chats</source>
        <translation>店铺的历史会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="39"/>
        <source>Past chats (*.jsonl *.json *.ndjson *.csv *.xlsx)</source>
        <translation>历史会话 (*.jsonl *.json *.ndjson *.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="59"/>
        <source>Import past chats — %1</source>
        <translation>导入历史会话 — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="60"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="78"/>
        <source>Past chats imported: %1 new message(s), %2 already there. The suggestions learn from them now.</source>
        <translation>历史会话已导入：新增 %1 条消息，%2 条已存在。推荐现在就会从中学习。</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="87"/>
        <location filename="../../app/ui/history_import.py" line="91"/>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 无法导入：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="97"/>
        <source>%1%2: %3 message(s) in %4 chat(s), %5 bad line(s).</source>
        <translation>%1%2：%4 个会话共 %3 条消息，%5 个错误行。</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="101"/>
        <source>A history is imported whole or not at all: fix the bad lines and choose the file again.</source>
        <translation>历史会话要么全部导入，要么都不导入：请改正错误行后重新选择文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="104"/>
        <source>buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="104"/>
        <source>agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="105"/>
        <source>Messages (%1)</source>
        <translation>消息（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="106"/>
        <source>Chat</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="106"/>
        <source>From</source>
        <translation>发送方</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="106"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="106"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="106"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="107"/>
        <location filename="../../app/ui/history_import.py" line="112"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="111"/>
        <source>Bad lines (%1)</source>
        <translation>错误行（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="111"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="111"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/history_import.py" line="118"/>
        <source>Import %n message(s)</source>
        <translation>
            <numerusform>导入 %n 条消息</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="133"/>
        <source>Importing… Cancel stops it and nothing is kept.</source>
        <translation>正在导入…… 点取消会停止，且不保留任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="157"/>
        <source>%1 was not imported: %2</source>
        <translation>%1 未导入：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_import.py" line="168"/>
        <source>Stopping… nothing of this file is kept.</source>
        <translation>正在停止…… 此文件的内容都不会保留。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="49"/>
        <source>Import phrases — %1</source>
        <translation>导入短语 — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="50"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="68"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="70"/>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 无法导入：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="81"/>
        <source>%1 (%2): %3 new, %4 duplicate(s) not imported again, %5 bad line(s).</source>
        <translation>%1（%2）：新增 %3 条，重复 %4 条（不再导入），错误 %5 行。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_import.py" line="85"/>
        <source>%n of them with several texts (variants 1, 2, 3… of one phrase).</source>
        <translation>
            <numerusform>其中 %n 个有多条内容（同一短语的第 1、2、3… 条）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="88"/>
        <location filename="../../app/ui/phrase_import.py" line="94"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="88"/>
        <source>Abbreviation</source>
        <translation>缩写</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="88"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="88"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="87"/>
        <source>New (%1)</source>
        <translation>新增（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="88"/>
        <source>Texts</source>
        <translation>条数</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="91"/>
        <location filename="../../app/ui/phrase_import.py" line="94"/>
        <location filename="../../app/ui/phrase_import.py" line="99"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="91"/>
        <location filename="../../app/ui/phrase_import.py" line="94"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="91"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="90"/>
        <source>Bad lines (%1)</source>
        <translation>错误行（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="94"/>
        <source>Same as</source>
        <translation>与之重复</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="93"/>
        <source>Duplicates (%1)</source>
        <translation>重复（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="99"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="99"/>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="98"/>
        <source>Notes (%1)</source>
        <translation>说明（%1）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_import.py" line="104"/>
        <source>Import %n phrase(s)</source>
        <translation>
            <numerusform>导入 %n 条短语</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="125"/>
        <source>Cancelling: taking back the phrases written so far…</source>
        <translation>正在取消：撤回已写入的短语…</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_import.py" line="138"/>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <location filename="../../app/ui/import_preview.py" line="36"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_preview.py" line="66"/>
        <source>Nothing was imported.</source>
        <translation>没有导入任何内容。</translation>
    </message>
</context>
<context>
    <name>IssueActions</name>
    <message>
        <location filename="../../app/ui/issue_actions.py" line="71"/>
        <source>Issue #%1 opened.</source>
        <translation>已新建问题单 #%1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_actions.py" line="76"/>
        <source>%1 issues of this kind on “%2” within a day: probably a defect or a wrong label — tell the supervisor.</source>
        <translation>一天内“%2”已有 %1 个同类问题：很可能是质量问题或标签错误 —— 请告知主管。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_actions.py" line="126"/>
        <source>Select an issue in the right pane first (%1), or open one with %2.</source>
        <translation>请先在右侧选择一个问题单（%1），或用 %2 新建。</translation>
    </message>
</context>
<context>
    <name>IssueDetails</name>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="49"/>
        <source>Issue #%1</source>
        <translation>问题单 #%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="67"/>
        <source>&amp;Attach photos…</source>
        <translation>添加照片(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="72"/>
        <source>&amp;State</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="73"/>
        <source>Done so far</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="74"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="79"/>
        <source>Weights</source>
        <translation>重量核对</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_actions.py" line="21"/>
        <source>waiting for approval</source>
        <translation>等待审批</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_actions.py" line="22"/>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_photos.py" line="31"/>
        <source>[picture missing]</source>
        <translation>[图片丢失]</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="107"/>
        <source>Photos for the issue</source>
        <translation>问题单照片</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="108"/>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
</context>
<context>
    <name>IssueLabel</name>
    <message>
        <location filename="../../app/ui/labels.py" line="19"/>
        <source>Pre-sale</source>
        <translation>售前</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="20"/>
        <source>In-sale</source>
        <translation>售中</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="21"/>
        <source>After-sale</source>
        <translation>售后</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="22"/>
        <source>Bad review</source>
        <translation>中差评</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="23"/>
        <source>Size advice</source>
        <translation>尺码咨询</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="24"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="25"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="26"/>
        <source>Price rounding</source>
        <translation>改价抹零</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="27"/>
        <source>Product question</source>
        <translation>商品咨询</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="28"/>
        <source>Several addresses</source>
        <translation>同一买家多个地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="29"/>
        <source>Unclear address</source>
        <translation>地址不详</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="30"/>
        <source>Out of the courier&apos;s area</source>
        <translation>超区</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="31"/>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="32"/>
        <source>Free shipping not met</source>
        <translation>未满包邮</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="33"/>
        <source>Buyer&apos;s note</source>
        <translation>买家备注无法满足</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="34"/>
        <source>Tracking timeout</source>
        <translation>物流超时</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="35"/>
        <source>Address change</source>
        <translation>修改地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="36"/>
        <source>Lost parcel</source>
        <translation>丢件</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="37"/>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="38"/>
        <source>Wrong item</source>
        <translation>错发</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="39"/>
        <source>Missing item</source>
        <translation>少发</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="40"/>
        <source>Not received</source>
        <translation>未收到</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="41"/>
        <source>Quality</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="42"/>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="43"/>
        <source>Exchange</source>
        <translation>换货</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="44"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="45"/>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="46"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="47"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="48"/>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="49"/>
        <source>Waiting for the buyer</source>
        <translation>等待买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="50"/>
        <source>Waiting for the warehouse</source>
        <translation>等待仓库</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="51"/>
        <source>Waiting for finance</source>
        <translation>等待财务</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="52"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="53"/>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="54"/>
        <source>Partial refund</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="55"/>
        <source>Full refund</source>
        <translation>全额退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="56"/>
        <source>Reship</source>
        <translation>补发</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="57"/>
        <source>Gift or coupon</source>
        <translation>赠品或优惠券</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="58"/>
        <source>Complaint to the warehouse</source>
        <translation>投诉仓库</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="59"/>
        <source>Contact attempt</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="60"/>
        <source>Review outcome</source>
        <translation>评价处理结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="61"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="62"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="63"/>
        <source>Real name</source>
        <translation>真实姓名</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="64"/>
        <source>Alipay account</source>
        <translation>支付宝账号</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="65"/>
        <source>Return shipping paid by</source>
        <translation>退货运费承担方</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="66"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="67"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="68"/>
        <source>Return tracking no.</source>
        <translation>退货运单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="69"/>
        <source>Received</source>
        <translation>已收到</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="70"/>
        <source>Weight (g)</source>
        <translation>重量（克）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="71"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="72"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="73"/>
        <source>Courier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="74"/>
        <source>New tracking no.</source>
        <translation>新运单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="75"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="76"/>
        <source>Value (yuan)</source>
        <translation>价值（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="77"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="78"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="79"/>
        <source>Missing</source>
        <translation>少发</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="80"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="81"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="82"/>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="83"/>
        <source>New address</source>
        <translation>新地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="84"/>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="85"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="86"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="87"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="88"/>
        <source>Next try</source>
        <translation>下次联系</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="89"/>
        <source>The buyer answered</source>
        <translation>买家已回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="90"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="91"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="92"/>
        <source>Review text</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="93"/>
        <source>Offer</source>
        <translation>补偿方案</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="94"/>
        <source>Review changed</source>
        <translation>已改评</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="95"/>
        <source>Limits for agents</source>
        <translation>客服权限额度</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="96"/>
        <source>Price rounding, at most</source>
        <translation>抹零上限</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="97"/>
        <source>Roundings per agent per day</source>
        <translation>每人每天抹零次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="98"/>
        <source>Partial refund, at most (yuan)</source>
        <translation>部分退款上限（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="99"/>
        <source>Partial refund, at most (share)</source>
        <translation>部分退款上限（比例）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="100"/>
        <source>Gift or coupon, at most (yuan)</source>
        <translation>赠品或优惠券上限（元）</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/common.py" line="16"/>
        <source>order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/common.py" line="23"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/action.py" line="55"/>
        <source>separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
</context>
<context>
    <name>IssueListWindow</name>
    <message>
        <location filename="../../app/ui/issue_list.py" line="53"/>
        <source>All issues</source>
        <translation>全部问题单</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="62"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="71"/>
        <source>Order no., buyer or note (Ctrl+F)</source>
        <translation>订单号、买家或备注（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="77"/>
        <source>Issues</source>
        <translation>问题单</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="97"/>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="98"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="99"/>
        <source>Due now</source>
        <translation>已到跟进时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="100"/>
        <source>Closed</source>
        <translation>已结</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="101"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="236"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="244"/>
        <source>Issue details</source>
        <translation>问题单详情</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="247"/>
        <source>Record on the selected issue…</source>
        <translation>在选中的问题单上记录…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="248"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="238"/>
        <source>Stage filter</source>
        <translation>阶段筛选</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="234"/>
        <source>Show view %1</source>
        <translation>显示第 %1 个视图</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="240"/>
        <source>Category filter</source>
        <translation>分类筛选</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="242"/>
        <source>The list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="122"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="141"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="146"/>
        <source>Cannot read the issues: %1</source>
        <translation>读取问题单失败：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/issue_list.py" line="157"/>
        <source>%n issue(s)</source>
        <translation>
            <numerusform>%n 个问题单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/issue_list.py" line="159"/>
        <source>%n follow-up(s) due</source>
        <translation>
            <numerusform>%n 个待跟进</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="161"/>
        <source>only the first %1 are shown: narrow the filter</source>
        <translation>只显示前 %1 个：请缩小筛选范围</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_list.py" line="171"/>
        <location filename="../../app/ui/issue_list.py" line="178"/>
        <source>Select an issue first.</source>
        <translation>请先选中一个问题单。</translation>
    </message>
</context>
<context>
    <name>IssueTable</name>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="22"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="22"/>
        <source>Follow up</source>
        <translation>跟进时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="22"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="22"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="23"/>
        <source>Severity</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="23"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="23"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="23"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="24"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="24"/>
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/issue_table.py" line="24"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>KeySettingsDialog</name>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="39"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="43"/>
        <source>Find an action, a window or a key</source>
        <translation>查找操作、窗口或按键</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="46"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="46"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="46"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="55"/>
        <source>Handled inside its widget: it cannot be changed here.</source>
        <translation>由控件自身处理，不能在这里修改。</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="62"/>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="72"/>
        <source>&amp;New key:</source>
        <translation>新快捷键(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="74"/>
        <source>No &amp;key</source>
        <translation>不设快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="75"/>
        <source>&amp;Reset this one</source>
        <translation>恢复此项(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="76"/>
        <source>Reset &amp;all</source>
        <translation>全部恢复(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="80"/>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="151"/>
        <source>%1 in %2 is the key of more than one action (%3): change one before saving.</source>
        <translation>%2中的 %1 同时是多个操作的快捷键（%3）：请先改掉一个再保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/key_settings.py" line="181"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <location filename="../../app/ui/keys/keymap.py" line="31"/>
        <source>KefuDesk</source>
        <translation>客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/keymap.py" line="32"/>
        <source>千牛-like</source>
        <translation>千牛习惯</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="47"/>
        <source>The desk</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="48"/>
        <source>The phrase palette</source>
        <translation>短语面板</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="49"/>
        <source>Values a phrase asks for</source>
        <translation>短语要填的值</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="50"/>
        <source>Quitting with buyers waiting</source>
        <translation>有买家等待时退出</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="51"/>
        <source>Any tool window</source>
        <translation>任一工具窗口</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="52"/>
        <source>Phrase manager</source>
        <translation>短语管理</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="53"/>
        <source>All issues</source>
        <translation>全部问题单</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="54"/>
        <source>Problem-order worklist</source>
        <translation>问题订单工作清单</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="55"/>
        <source>Daily tables</source>
        <translation>每日报表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="56"/>
        <source>Transcripts and 质检</source>
        <translation>聊天记录与质检</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="57"/>
        <source>KPI dashboard</source>
        <translation>KPI 看板</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="58"/>
        <source>Search all chats</source>
        <translation>搜索全部聊天</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="59"/>
        <source>Banned and urgent words</source>
        <translation>违禁词与紧急词</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="60"/>
        <source>Robot first answer</source>
        <translation>机器人首次回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="61"/>
        <source>The phrase palette over other applications</source>
        <translation>其他程序上的短语面板</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="62"/>
        <source>The clipboard history over other applications</source>
        <translation>其他程序上的剪贴板历史</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="145"/>
        <source>Send the reply (in the reply box)</source>
        <translation>发送回复（在回复框中）</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="147"/>
        <source>New line in the reply</source>
        <translation>回复内换行</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="149"/>
        <source>Expand the abbreviation before the caret</source>
        <translation>展开光标前的缩写</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="151"/>
        <source>The phrase palette, from an empty reply box</source>
        <translation>短语面板（在空回复框中）</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="163"/>
        <source>From an order in full back to the cards</source>
        <translation>从订单详情回到订单卡片</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="180"/>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>快捷键一览(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="181"/>
        <source>&amp;Change shortcuts…</source>
        <translation>修改快捷键(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="186"/>
        <source>Choose a phrase</source>
        <translation>选择短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="187"/>
        <source>Insert the phrase at the caret</source>
        <translation>在光标处插入短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="189"/>
        <source>Insert the phrase and send</source>
        <translation>插入短语并发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="190"/>
        <location filename="../../app/ui/keys/registry.py" line="338"/>
        <source>Close the palette</source>
        <translation>关闭短语面板</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="192"/>
        <source>The next value</source>
        <translation>下一个值</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="193"/>
        <source>The previous value</source>
        <translation>上一个值</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="194"/>
        <source>Put the phrase in with these values</source>
        <translation>用这些值插入短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="196"/>
        <source>Leave the phrase out</source>
        <translation>不插入这条短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="198"/>
        <source>Quit anyway</source>
        <translation>仍然退出</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="199"/>
        <source>Keep running in the tray</source>
        <translation>在托盘中继续运行</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="200"/>
        <source>Back to the chats</source>
        <translation>回到会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="202"/>
        <source>Close the window, back to the reply box</source>
        <translation>关闭窗口，回到回复框</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="235"/>
        <source>open · mine · due · closed · all</source>
        <translation>未结 · 我的 · 到期 · 已结 · 全部</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="237"/>
        <source>search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="239"/>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="241"/>
        <source>category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="243"/>
        <source>list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="245"/>
        <location filename="../../app/ui/keys/registry.py" line="258"/>
        <source>details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="247"/>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="249"/>
        <location filename="../../app/ui/keys/registry.py" line="268"/>
        <location filename="../../app/ui/keys/registry.py" line="294"/>
        <location filename="../../app/ui/keys/registry.py" line="309"/>
        <source>refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="252"/>
        <source>message sent</source>
        <translation>已发消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="254"/>
        <source>phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="256"/>
        <source>copy number</source>
        <translation>复制号码</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="260"/>
        <source>import list</source>
        <translation>导入列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="263"/>
        <source>fetch from the shop</source>
        <translation>从店铺获取</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="266"/>
        <source>steps</source>
        <translation>切换步骤</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="273"/>
        <location filename="../../app/ui/keys/registry.py" line="296"/>
        <source>The first day</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="274"/>
        <location filename="../../app/ui/keys/registry.py" line="275"/>
        <location filename="../../app/ui/keys/registry.py" line="296"/>
        <location filename="../../app/ui/keys/registry.py" line="298"/>
        <source>days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="275"/>
        <location filename="../../app/ui/keys/registry.py" line="298"/>
        <source>The last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="277"/>
        <location filename="../../app/ui/keys/registry.py" line="315"/>
        <source>The agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="277"/>
        <location filename="../../app/ui/keys/registry.py" line="315"/>
        <source>agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="280"/>
        <source>chats</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="282"/>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="284"/>
        <source>save score</source>
        <translation>保存评分</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="286"/>
        <source>comment on the message</source>
        <translation>评论消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="288"/>
        <location filename="../../app/ui/keys/registry.py" line="290"/>
        <source>good / bad example</source>
        <translation>好 / 差例子</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="292"/>
        <source>export the day</source>
        <translation>导出当天</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="300"/>
        <source>Day, week or month</source>
        <translation>按日、周或月</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="301"/>
        <source>day, week or month</source>
        <translation>按日、周或月</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="302"/>
        <source>The charted figure</source>
        <translation>图表指标</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="303"/>
        <source>the charted figure</source>
        <translation>图表指标</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="305"/>
        <source>the table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="307"/>
        <source>on a figure: the chats behind it</source>
        <translation>在数字上：查看背后的会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="311"/>
        <source>What to find</source>
        <translation>查找内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="311"/>
        <source>find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="313"/>
        <source>What to show</source>
        <translation>显示内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="313"/>
        <source>show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="317"/>
        <source>The buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="317"/>
        <source>buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="319"/>
        <source>Only some days</source>
        <translation>只看这些天</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="320"/>
        <source>only days</source>
        <translation>只看这些天</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="321"/>
        <source>Only buyers with an issue</source>
        <translation>只看有问题单的买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="322"/>
        <source>only buyers with an issue</source>
        <translation>只看有问题单的买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="324"/>
        <source>the results</source>
        <translation>结果列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="325"/>
        <source>Open the chat</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="326"/>
        <source>opens the chat (in the desk while the buyer is in the queue)</source>
        <translation>打开会话（买家还在队列中时在工作台打开）</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="329"/>
        <source>its transcript in the review</source>
        <translation>在质检中看聊天记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="332"/>
        <source>Paste the phrase where you were typing</source>
        <translation>把短语粘贴到刚才输入的位置</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="334"/>
        <source>Type the phrase key by key</source>
        <translation>逐字输入短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="336"/>
        <source>Paste the phrase and press Enter</source>
        <translation>粘贴短语并按回车</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="339"/>
        <source>Choose what you copied</source>
        <translation>选择复制过的内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="341"/>
        <source>Paste it where you were typing</source>
        <translation>粘贴到刚才输入的位置</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="343"/>
        <source>Keep it as a phrase</source>
        <translation>存为快捷短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="344"/>
        <source>Close the history</source>
        <translation>关闭剪贴板历史</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="346"/>
        <source>Remove the selected word</source>
        <translation>删除选中的词</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="347"/>
        <source>Remove the selected rule</source>
        <translation>删除选中的规则</translation>
    </message>
</context>
<context>
    <name>KpiWindow</name>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="19"/>
        <source>Served</source>
        <translation>接待量</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="20"/>
        <source>First answer, median (s)</source>
        <translation>首响中位数(秒)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="21"/>
        <source>First answer, p90 (s)</source>
        <translation>首响P90(秒)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="22"/>
        <source>Answer, mean (s)</source>
        <translation>平均响应(秒)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="23"/>
        <source>Answer, median (s)</source>
        <translation>响应中位数(秒)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="24"/>
        <source>Answer, p90 (s)</source>
        <translation>响应P90(秒)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="25"/>
        <source>First within 30 s (%)</source>
        <translation>首响30秒内(%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="26"/>
        <source>Within 40 s (%)</source>
        <translation>40秒内(%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="27"/>
        <source>Closed with buyer last</source>
        <translation>买家最后一句时关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="28"/>
        <source>Conversion (%)</source>
        <translation>询单转化率(%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="29"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="30"/>
        <source>Refunded (¥)</source>
        <translation>退款金额(元)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="31"/>
        <source>Returns</source>
        <translation>退货</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="32"/>
        <source>Reships</source>
        <translation>补发</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="33"/>
        <source>Bad reviews changed</source>
        <translation>差评改好</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/kpi_table.py" line="34"/>
        <source>Quality score</source>
        <translation>质检分</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="62"/>
        <source>KPIs</source>
        <translation>KPI 看板</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="68"/>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="68"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="68"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="77"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="77"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="81"/>
        <source>KPIs by agent</source>
        <translation>各客服的 KPI</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="91"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="91"/>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="92"/>
        <source>&amp;Period</source>
        <translation>周期(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="92"/>
        <source>&amp;Chart</source>
        <translation>图表(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="134"/>
        <source>The figures could not be read; the details are in the log.</source>
        <translation>无法读取数据，详情见日志。</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="304"/>
        <source>The table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="306"/>
        <source>The chats behind the figure</source>
        <translation>查看数字背后的会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="308"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="119"/>
        <source>Robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="127"/>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/kpi_window.py" line="137"/>
        <source>%n row(s).</source>
        <translation>
            <numerusform>共 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/kpi_window.py" line="178"/>
        <source>Choose a figure in the table first (Alt+L).</source>
        <translation>请先在表格中选一个数字（Alt+L）。</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="108"/>
        <source>Welcome to KefuDesk</source>
        <translation>欢迎使用客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="109"/>
        <source>The desk is running on its demo shop behind this window. Four short questions set it up for your shop; Esc keeps the demo as it is.</source>
        <translation>客服台已在此窗口后面以演示店铺运行。回答四个简短的问题即可为你的店铺设置好；按 Esc 保持演示不变。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="111"/>
        <source>Language of the interface (选择界面语言):</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="112"/>
        <source>Language of the interface:</source>
        <translation>界面语言：</translation>
    </message>
</context>
<context>
    <name>LibraryEdits</name>
    <message>
        <location filename="../../app/ui/library_edits.py" line="57"/>
        <source>Open a chat first.</source>
        <translation>请先打开一个会话。</translation>
    </message>
    <message>
        <location filename="../../app/ui/library_edits.py" line="61"/>
        <source>This chat has no message to save yet.</source>
        <translation>这个会话还没有可保存的消息。</translation>
    </message>
    <message>
        <location filename="../../app/ui/library_edits.py" line="85"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/library_edits.py" line="88"/>
        <source>Saved as phrase “%1”.</source>
        <translation>已存为短语“%1”。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="167"/>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="66"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="67"/>
        <source>&amp;Chat</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="74"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="72"/>
        <source>&amp;Issues</source>
        <translation>问题单(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="71"/>
        <source>&amp;Orders</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="73"/>
        <source>&amp;Review</source>
        <translation>复盘(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="176"/>
        <source>&amp;Transcripts and 质检…</source>
        <translation>聊天记录与质检(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="177"/>
        <source>&amp;KPI dashboard…</source>
        <translation>KPI 看板(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="178"/>
        <source>&amp;Search all chats…</source>
        <translation>搜索全部聊天(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="166"/>
        <source>&amp;New issue…</source>
        <translation>新建问题单(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="125"/>
        <source>Chat %1 in the queue</source>
        <translation>队列中第 %1 个会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="135"/>
        <source>Insert slot %1</source>
        <translation>插入第 %1 个短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="138"/>
        <source>Insert slot %1 and send</source>
        <translation>插入第 %1 个短语并发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="142"/>
        <source>Insert suggestion %1</source>
        <translation>插入推荐 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="167"/>
        <source>&amp;Issues of this buyer</source>
        <translation>该买家的问题单(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="168"/>
        <source>&amp;Record on the selected issue…</source>
        <translation>在所选问题单上记录处理(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="169"/>
        <source>Issue &amp;details, state and photos…</source>
        <translation>问题单详情、状态和照片(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="171"/>
        <source>&amp;All issues…</source>
        <translation>全部问题单(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="172"/>
        <source>&amp;Problem-order worklist…</source>
        <translation>问题订单工作清单(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="173"/>
        <source>Daily &amp;tables and reconciliation…</source>
        <translation>每日报表和核对(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="174"/>
        <source>&amp;Limits for agents…</source>
        <translation>客服权限额度(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="99"/>
        <source>Import the shop&apos;s &amp;order export…</source>
        <translation>导入店铺订单报表(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="102"/>
        <source>Import &amp;past chats (history)…</source>
        <translation>导入历史会话(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="107"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="108"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="110"/>
        <source>&amp;Next chat</source>
        <translation>下一个会话(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="111"/>
        <source>&amp;Previous chat</source>
        <translation>上一个会话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="112"/>
        <source>Next chat, answered ones too</source>
        <translation>下一个会话（含已回复）</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="113"/>
        <source>Previous chat, answered ones too</source>
        <translation>上一个会话（含已回复）</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="114"/>
        <source>&amp;Longest-waiting chat</source>
        <translation>等待最久的会话(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="115"/>
        <source>&amp;Close chat</source>
        <translation>结束会话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="116"/>
        <source>Transfer to a c&amp;olleague…</source>
        <translation>转接给同事(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="117"/>
        <source>Resen&amp;d the reply that was not sent</source>
        <translation>重新发送未发出的回复(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="118"/>
        <source>&amp;Edit the reply that was not sent</source>
        <translation>编辑未发出的回复(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="119"/>
        <source>&amp;Mute all sounds / unmute</source>
        <translation>全部静音(&amp;M) / 取消静音</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="120"/>
        <source>Mute this cha&amp;t / unmute</source>
        <translation>此会话静音(&amp;T) / 取消静音</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="123"/>
        <source>S&amp;uspend new chats (挂起) / resume</source>
        <translation>挂起(&amp;U) / 恢复接待</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="124"/>
        <source>Go o&amp;ffline / online</source>
        <translation>离线(&amp;F) / 上线</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="68"/>
        <source>&amp;Go to chat</source>
        <translation>转到会话(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="127"/>
        <source>&amp;Reply box</source>
        <translation>回复框(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="128"/>
        <source>&amp;Send reply</source>
        <translation>发送回复(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="129"/>
        <source>Send &amp;anyway (banned words, audited)…</source>
        <translation>仍然发送(&amp;A)（含违禁词，留审计记录）…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="131"/>
        <source>&amp;Phrase palette…</source>
        <translation>快捷短语(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="133"/>
        <source>Remove the &amp;picture from the reply</source>
        <translation>从回复中移除图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="69"/>
        <source>Phrase &amp;slots</source>
        <translation>短语快捷键(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="134"/>
        <source>Next phrase &amp;group</source>
        <translation>下一个短语组(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="140"/>
        <source>Save message as p&amp;hrase…</source>
        <translation>存为快捷短语(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="101"/>
        <source>Phrase &amp;manager…</source>
        <translation>短语管理(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="103"/>
        <source>&amp;Robot first answer…</source>
        <translation>机器人首次回复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="104"/>
        <source>Re&amp;view the robot&apos;s answers…</source>
        <translation>查看机器人回复记录(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="105"/>
        <source>&amp;Banned and urgent words…</source>
        <translation>违禁词与紧急词(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="106"/>
        <source>Clipboard &amp;history…</source>
        <translation>剪贴板历史(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="70"/>
        <source>Suggested &amp;phrases</source>
        <translation>推荐短语(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="184"/>
        <source>&amp;About KefuDesk</source>
        <translation>关于客服台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="98"/>
        <source>Chats</source>
        <translation>会话列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="250"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="250"/>
        <source>Unanswered</source>
        <translation>未回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="250"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="251"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="263"/>
        <source>%n chat(s) not shown in this view</source>
        <translation>
            <numerusform>此视图中有 %n 个会话未显示</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="277"/>
        <source>Close without answering?</source>
        <translation>不回复就结束？</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="278"/>
        <source>Why close it (kept in the audit log)?</source>
        <translation>为什么要结束（会记入审计记录）？</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="283"/>
        <source>Chat with %1 closed; it opens again if the buyer writes.</source>
        <translation>已结束与 %1 的会话；买家再发消息会重新打开。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="291"/>
        <source>Open a chat first, then %1 transfers it.</source>
        <translation>请先打开一个会话，再按 %1 转接。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="297"/>
        <source>%1 transferred to %2.</source>
        <translation>%1 已转接给 %2。</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="121"/>
        <source>Next queue &amp;view (all, mine, unanswered, urgent)</source>
        <translation>下一个队列视图(&amp;V)（全部、我的、未回复、紧急）</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../app/ui/delegates.py" line="266"/>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="267"/>
        <source>NOT SENT — F5 resends, Shift+F5 edits</source>
        <translation>未发送 —— F5 重发，Shift+F5 编辑</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="268"/>
        <source>withdrawn, not sent</source>
        <translation>已撤回，未发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="277"/>
        <source>Robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="279"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="299"/>
        <source>[picture]</source>
        <translation>[图片]</translation>
    </message>
</context>
<context>
    <name>MinedTable</name>
    <message>
        <location filename="../../app/ui/models/mined_table.py" line="17"/>
        <source>Reply typed by hand</source>
        <translation>手打回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/mined_table.py" line="17"/>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/mined_table.py" line="18"/>
        <source>Other wordings</source>
        <translation>其他说法</translation>
    </message>
</context>
<context>
    <name>NewIssueDialog</name>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="42"/>
        <source>New issue</source>
        <translation>新建问题单</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="60"/>
        <source>Follow-up time</source>
        <translation>跟进时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="61"/>
        <source>Follow up</source>
        <translation>跟进时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="64"/>
        <source>&amp;Stage</source>
        <translation>阶段(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="65"/>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="66"/>
        <source>Se&amp;verity</source>
        <translation>严重程度(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="67"/>
        <source>&amp;Order no.</source>
        <translation>订单号(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="68"/>
        <source>&amp;Buyer</source>
        <translation>买家(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="69"/>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/issue_dialogs/new_issue.py" line="72"/>
        <source>%n selected message(s) kept as evidence</source>
        <translation>
            <numerusform>所选 %n 条消息作为凭证保存</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderCards</name>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="154"/>
        <source>The buyer&apos;s &amp;orders</source>
        <translation>买家的订单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="155"/>
        <source>Order &amp;details in the right pane / back</source>
        <translation>在右栏查看订单详情 / 返回(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="157"/>
        <source>Copy the order &amp;no.</source>
        <translation>复制订单号(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="159"/>
        <source>Copy the &amp;tracking no.</source>
        <translation>复制运单号(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="161"/>
        <source>Copy the &amp;address (phone masked)</source>
        <translation>复制收货地址（电话打码）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_cards.py" line="135"/>
        <location filename="../../app/ui/order_cards.py" line="143"/>
        <location filename="../../app/ui/order_cards.py" line="176"/>
        <source>No orders from this buyer.</source>
        <translation>该买家没有订单。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_cards.py" line="152"/>
        <source>Copied order no. %1.</source>
        <translation>已复制订单号 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_cards.py" line="159"/>
        <source>Order %1 has no tracking no. yet: not shipped.</source>
        <translation>订单 %1 还没有运单号：尚未发货。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_cards.py" line="161"/>
        <source>Copied tracking no. %1.</source>
        <translation>已复制运单号 %1。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_cards.py" line="169"/>
        <source>Order %1 has no address the desk knows.</source>
        <translation>订单 %1 没有可用的收货地址。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_cards.py" line="171"/>
        <source>Copied the address of order %1 (phone masked).</source>
        <translation>已复制订单 %1 的收货地址（电话已打码）。</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <location filename="../../app/ui/order_detail.py" line="38"/>
        <source>← Back to the orders (Esc)</source>
        <translation>← 返回订单列表（Esc）</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="43"/>
        <source>Order details</source>
        <translation>订单详情</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="73"/>
        <source>Order %1 · %2</source>
        <translation>订单 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="78"/>
        <source>Ordered %1</source>
        <translation>下单 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="80"/>
        <source>paid %1</source>
        <translation>付款 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="82"/>
        <source>ship by %1</source>
        <translation>最晚发货 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="84"/>
        <source>Amount ¥%1</source>
        <translation>金额 ¥%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="86"/>
        <source>Receiver</source>
        <translation>收货信息</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="91"/>
        <source>No address (not shared with the desk)</source>
        <translation>无收货地址（平台未提供）</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="92"/>
        <source>Buyer&apos;s note (买家留言)</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="93"/>
        <source>Seller&apos;s memo (卖家备注)</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="102"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="105"/>
        <source>¥%1 each</source>
        <translation>单价 ¥%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="107"/>
        <source>%1 g each</source>
        <translation>每件 %1 克</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="109"/>
        <source>SKU %1</source>
        <translation>货号 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="113"/>
        <source>What the items weigh is not known.</source>
        <translation>商品重量未知。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="115"/>
        <source>The items weigh %1 g; packed, the parcel should weigh %2–%3 g.</source>
        <translation>商品共重 %1 克；加包装后包裹应重 %2–%3 克。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="120"/>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="122"/>
        <source>Not shipped yet.</source>
        <translation>尚未发货。</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="126"/>
        <source>Asking the courier…</source>
        <translation>正在查询物流…</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="130"/>
        <source>No courier record: %1</source>
        <translation>没有物流记录：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="134"/>
        <source>%1 g</source>
        <translation>%1 克</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="134"/>
        <source>not weighed</source>
        <translation>未称重</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="135"/>
        <source>the last station</source>
        <translation>末站</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="136"/>
        <source>Courier&apos;s scales: %1 at the origin, %2 at %3</source>
        <translation>快递称重：揽收时 %1，%3 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="139"/>
        <source>Packing slip:</source>
        <translation>装箱单：</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="141"/>
        <source>Logistics</source>
        <translation>物流轨迹</translation>
    </message>
    <message>
        <location filename="../../app/ui/order_detail.py" line="143"/>
        <source>The courier lists no steps yet.</source>
        <translation>快递暂无物流信息。</translation>
    </message>
</context>
<context>
    <name>OrderImportDialog</name>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="113"/>
        <source>Import orders — %1</source>
        <translation>导入订单 — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="127"/>
        <source>%1%2: %3 new order(s), %4 to update, %5 bad line(s).</source>
        <translation>%1%2：新订单 %3 个，更新 %4 个，错误行 %5 行。</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="132"/>
        <source>To write (%1)</source>
        <translation>将写入（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="122"/>
        <location filename="../../app/ui/sheet_import.py" line="133"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="121"/>
        <source>Conflicts with the shop (%1)</source>
        <translation>与店铺数据不一致（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="122"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="122"/>
        <source>The shop&apos;s (kept)</source>
        <translation>店铺的（保留）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="123"/>
        <source>The export&apos;s (not written)</source>
        <translation>导出表的（不写入）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/sheet_import.py" line="130"/>
        <source>%n field(s) differ from the shop&apos;s own data: the shop&apos;s are kept.</source>
        <translation>
            <numerusform>有 %n 个字段与店铺数据不一致：保留店铺的数据。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="133"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="133"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="133"/>
        <source>Status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="133"/>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="134"/>
        <source>Tracking no.</source>
        <translation>物流单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="137"/>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="137"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="137"/>
        <source>Read from column</source>
        <translation>读取的列</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="140"/>
        <source>Bad lines (%1)</source>
        <translation>错误行（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="122"/>
        <location filename="../../app/ui/sheet_import.py" line="141"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="141"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="141"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="60"/>
        <source>not shipped yet</source>
        <translation>尚未发货</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="63"/>
        <source>asking the courier…</source>
        <translation>正在查询物流…</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="65"/>
        <source>no courier record</source>
        <translation>暂无物流记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="67"/>
        <source>no steps yet</source>
        <translation>暂无物流信息</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="71"/>
        <source>Problem order: %1</source>
        <translation>问题订单：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="78"/>
        <source>Order %1 · %2</source>
        <translation>订单 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="82"/>
        <source>paid %1</source>
        <translation>付款 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="87"/>
        <source>To: %1</source>
        <translation>收货：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="89"/>
        <source>Buyer&apos;s note: %1</source>
        <translation>买家留言：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="91"/>
        <source>Seller&apos;s memo: %1</source>
        <translation>卖家备注：%1</translation>
    </message>
</context>
<context>
    <name>PaletteModel</name>
    <message>
        <location filename="../../app/ui/models/palette_model.py" line="59"/>
        <source>Save as a new phrase… (Enter)</source>
        <translation>存为新短语…（Enter）</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/palette_model.py" line="61"/>
        <source>No phrases yet</source>
        <translation>还没有短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/palette_model.py" line="62"/>
        <source>No phrase matches “%1”</source>
        <translation>没有与“%1”匹配的短语</translation>
    </message>
</context>
<context>
    <name>ParcelLookup</name>
    <message>
        <location filename="../../app/ui/order_cards.py" line="63"/>
        <source>not connected to the shop</source>
        <translation>未连接店铺</translation>
    </message>
</context>
<context>
    <name>PhraseEditor</name>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="46"/>
        <source>Give the phrase a title.</source>
        <translation>请给短语起个标题。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="47"/>
        <source>The phrase has no text (and no image).</source>
        <translation>短语没有内容（也没有图片）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="48"/>
        <source>The title is too long (at most %1 characters).</source>
        <translation>标题太长（最多 %1 个字）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="49"/>
        <source>“%1” cannot be typed before Space: use letters, digits or ; without spaces, at most 40.</source>
        <translation>“%1”无法在空格前输入：请用字母、数字或 ; 等符号，不含空格，最多 40 个。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="51"/>
        <source>The abbreviation is already used by “%1”.</source>
        <translation>缩写已被“%1”使用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="52"/>
        <source>Slots are 1 to 9.</source>
        <translation>序号只能是 1 到 9。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="53"/>
        <source>This slot of the group is already “%1”&apos;s.</source>
        <translation>该分组的这个序号已被“%1”占用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="54"/>
        <source>%1 asks for nothing: write {ask:label}, {ask:label|money}, {ask:label|date} or {ask:label|choice 1,choice 2}.</source>
        <translation>%1 没有可询问的内容：请写成 {ask:名称}、{ask:名称|money}、{ask:名称|date} 或 {ask:名称|选项1,选项2}。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="57"/>
        <source>Text %1 is empty: write it, or remove it (Delete in the list of texts).</source>
        <translation>第 %1 条内容是空的：写上内容，或者删掉它（在内容列表里按 Delete）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="59"/>
        <source>Text %1 is the same as an earlier one: change it, or remove it.</source>
        <translation>第 %1 条内容和前面的一条相同：改一改，或者删掉它。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="174"/>
        <source>New phrase</source>
        <translation>新建短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="174"/>
        <source>Edit phrase</source>
        <translation>编辑短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="180"/>
        <source>&amp;Rotate the texts: each new buyer gets the next one, never the same one twice in a row</source>
        <translation>轮换(&amp;R)：每个新买家拿到下一条内容，同一个买家不会连续两次收到同一条</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="191"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="193"/>
        <source>Only for me (%1) — others on this desk do not see it</source>
        <translation>仅自己使用（%1）—— 本机其他客服看不到</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="197"/>
        <source>Not for &amp;complaining buyers: never suggested to an angry buyer or one with an open issue, never sent to them by the robot</source>
        <translation>不推荐给投诉买家(&amp;C)：不向生气或有未结问题单的买家推荐，机器人也不会发给他们</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="204"/>
        <source>asked each time: {ask:补偿金额|money}  {ask:日期|date}  {ask:备注}  {ask:快递|顺丰,圆通}</source>
        <translation>每次询问：{ask:补偿金额|money}  {ask:日期|date}  {ask:备注}  {ask:快递|顺丰,圆通}</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="205"/>
        <source>Variables: %1</source>
        <translation>变量：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="212"/>
        <source>&amp;Picture…</source>
        <translation>图片(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="214"/>
        <source>&amp;No picture</source>
        <translation>不要图片(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="222"/>
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="223"/>
        <source>Te&amp;xts</source>
        <translation>各条内容(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="224"/>
        <source>&amp;Text</source>
        <translation>内容(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="227"/>
        <source>&amp;Group</source>
        <translation>分组(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="228"/>
        <source>&amp;Abbreviation</source>
        <translation>缩写(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="229"/>
        <source>&amp;Slot</source>
        <translation>序号(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="230"/>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="262"/>
        <source>Picture for the phrase</source>
        <translation>短语的图片</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="263"/>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="274"/>
        <source>Picture not used: %1</source>
        <translation>图片未采用：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="285"/>
        <source>none — a text phrase</source>
        <translation>无 —— 纯文字短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="285"/>
        <source>[picture missing]</source>
        <translation>[图片丢失]</translation>
    </message>
</context>
<context>
    <name>PhraseFiring</name>
    <message>
        <location filename="../../app/ui/phrase_firing.py" line="67"/>
        <source>Open a chat first: phrases are filled in for its buyer.</source>
        <translation>请先打开一个会话：短语会按该买家的信息填写。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_firing.py" line="75"/>
        <source>No phrase in slot %1 of this group.</source>
        <translation>本组第 %1 个位置没有短语。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_firing.py" line="86"/>
        <source>No suggestion %1 for this message.</source>
        <translation>这条消息没有第 %1 条推荐。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_firing.py" line="221"/>
        <source>“%1” is not finished: the selected placeholder is for the shop&apos;s own words. Write them here, and in the phrase manager (Ctrl+Shift+K) for next time.</source>
        <translation>“%1”还没设置好：选中的占位符要换成店铺自己的内容。请在这里写上，并在短语管理（Ctrl+Shift+K）里改好，下次就不用再写。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_firing.py" line="231"/>
        <source>%1 — it is selected: type over it.</source>
        <translation>%1——已选中，直接输入即可替换。</translation>
    </message>
</context>
<context>
    <name>PhraseInsights</name>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="48"/>
        <source>Phrase analytics — KefuDesk</source>
        <translation>短语分析 — 客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="50"/>
        <source>&amp;Use</source>
        <translation>使用情况(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="51"/>
        <source>P&amp;roposed phrases</source>
        <translation>建议短语(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="67"/>
        <source>Phrase use</source>
        <translation>短语使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="71"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="71"/>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="87"/>
        <source>Proposed phrases</source>
        <translation>建议短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="90"/>
        <source>&amp;Accept…</source>
        <translation>采纳(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="92"/>
        <source>&amp;Dismiss</source>
        <translation>不再建议(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="115"/>
        <source>Reading the phrases&apos; use…</source>
        <translation>正在读取短语使用情况…</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="120"/>
        <source>The phrases&apos; use could not be read: %1</source>
        <translation>无法读取短语使用情况：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="125"/>
        <source>%1 phrase(s) not used in these days; %2 pair(s) of phrases nearly the same. Asked again, paid, refund and quiet: what the buyer did in the 24 hours after the reply (docs/phrases.md).</source>
        <translation>这几天有 %1 条短语没有用过；%2 对短语几乎相同。再次询问、付款、退款和沉默：回复后 24 小时内买家做了什么（docs/phrases.md）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="133"/>
        <source>Reading the replies typed by hand…</source>
        <translation>正在读取手打回复…</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="138"/>
        <source>The typed replies could not be read: %1</source>
        <translation>无法读取手打回复：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="143"/>
        <source>%1 reply(ies) typed by hand many times. F2 edits one; Accept makes it a phrase, Dismiss never proposes it again.</source>
        <translation>%1 条回复被多次手打。F2 修改；采纳后成为短语，不再建议则以后不再提出。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_insights.py" line="150"/>
        <source>Select a proposed phrase first.</source>
        <translation>请先选择一条建议短语。</translation>
    </message>
</context>
<context>
    <name>PhraseManager</name>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="86"/>
        <source>Phrases — KefuDesk</source>
        <translation>快捷短语 — 客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="91"/>
        <source>Groups</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="96"/>
        <source>Filter: title, text, abbreviation or pinyin (Ctrl+F)</source>
        <translation>筛选：标题、内容、缩写或拼音（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="75"/>
        <source>&amp;Phrase</source>
        <translation>短语(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="76"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="205"/>
        <source>&amp;New phrase…</source>
        <translation>新建短语(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="207"/>
        <source>&amp;Edit phrase…</source>
        <translation>编辑短语(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="209"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="212"/>
        <source>E&amp;xport shown phrases…</source>
        <translation>导出当前列表(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="214"/>
        <source>Phrase &amp;analytics and proposed phrases…</source>
        <translation>短语分析和建议短语(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="215"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="217"/>
        <location filename="../../app/ui/phrase_manager.py" line="145"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="218"/>
        <location filename="../../app/ui/phrase_manager.py" line="146"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="220"/>
        <source>&amp;Delete selected</source>
        <translation>删除所选(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="223"/>
        <source>&amp;Move selected to group…</source>
        <translation>移动到分组(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="225"/>
        <source>Not for &amp;complaining buyers / for them</source>
        <translation>不推荐给投诉买家 / 恢复推荐(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="226"/>
        <source>Slot &amp;up</source>
        <translation>序号上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="227"/>
        <source>Slot &amp;down</source>
        <translation>序号下移(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="229"/>
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="230"/>
        <source>&amp;Groups</source>
        <translation>分组(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="231"/>
        <source>&amp;Phrases</source>
        <translation>短语列表(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="165"/>
        <source>AutoHotKey (*.ahk)</source>
        <translation>AutoHotKey (*.ahk)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="165"/>
        <source>Espanso (*.yml *.yaml)</source>
        <translation>Espanso (*.yml *.yaml)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="165"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="166"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="166"/>
        <location filename="../../app/ui/phrase_manager.py" line="169"/>
        <source>KefuDesk JSON (*.json)</source>
        <translation>客服台 JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="195"/>
        <source>Import %n phrase(s)</source>
        <translation>
            <numerusform>导入 %n 条短语</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="196"/>
        <source>Import the file again to redo an import.</source>
        <translation>要重做导入，请再次导入该文件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="203"/>
        <source>%n phrase(s) imported and selected — Ctrl+Shift+M moves them to a group.</source>
        <translation>
            <numerusform>已导入并选中 %n 条短语 —— 按 Ctrl+Shift+M 可移动到分组。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="227"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="230"/>
        <source>%n phrase(s) exported to %1.</source>
        <translation>
            <numerusform>已导出 %n 条短语到 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="232"/>
        <source>%n without an abbreviation left out (the format needs a trigger).</source>
        <translation>
            <numerusform>%n 条没有缩写的短语未导出（该格式需要触发词）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_groups.py" line="19"/>
        <source>All phrases (%1)</source>
        <translation>全部短语（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="103"/>
        <source>Phrases</source>
        <translation>快捷短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="158"/>
        <source>Sogou Pinyin custom phrases (*.txt *.ini)</source>
        <translation>搜狗拼音自定义短语 (*.txt *.ini)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="159"/>
        <source>QQ Pinyin custom phrases (*.txt *.ini)</source>
        <translation>QQ 拼音自定义短语 (*.txt *.ini)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="160"/>
        <source>Baidu input custom phrases (*.txt *.ini)</source>
        <translation>百度输入法自定义短语 (*.txt *.ini)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="161"/>
        <source>Rime custom_phrase.txt (*.txt)</source>
        <translation>Rime 自定义短语 custom_phrase.txt (*.txt)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="162"/>
        <source>Microsoft Pinyin self-made phrases (*.dat *.lex)</source>
        <translation>微软拼音自造词 (*.dat *.lex)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="164"/>
        <source>Phrase files (*.ahk *.yml *.yaml *.csv *.xlsx *.json *.txt *.ini *.dat *.lex)</source>
        <translation>短语文件 (*.ahk *.yml *.yaml *.csv *.xlsx *.json *.txt *.ini *.dat *.lex)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="290"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="321"/>
        <source>Edit “%1”</source>
        <translation>编辑“%1”</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="354"/>
        <source>New phrase “%1”</source>
        <translation>新建短语“%1”</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="360"/>
        <source>Select a phrase to edit.</source>
        <translation>请选择要编辑的短语。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="367"/>
        <source>Select the phrases to delete.</source>
        <translation>请选择要删除的短语。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="373"/>
        <source>Delete %n phrase(s)</source>
        <translation>
            <numerusform>删除 %n 条短语</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="374"/>
        <source>%n phrase(s) deleted — Ctrl+Z brings them back.</source>
        <translation>
            <numerusform>已删除 %n 条短语 —— 按 Ctrl+Z 可恢复。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="379"/>
        <source>Select the phrases to move.</source>
        <translation>请选择要移动的短语。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="383"/>
        <source>Move to group</source>
        <translation>移动到分组</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="384"/>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="395"/>
        <source>Move %n phrase(s)</source>
        <translation>
            <numerusform>移动 %n 条短语</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="402"/>
        <source>Select the phrases first.</source>
        <translation>请先选中短语。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="410"/>
        <source>Not for complaining buyers</source>
        <translation>不推荐给投诉买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="410"/>
        <source>For complaining buyers too</source>
        <translation>也推荐给投诉买家</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="411"/>
        <source>%n phrase(s) no longer suggested to complaining buyers — Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>%n 条短语不再推荐给投诉买家——Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/phrase_manager.py" line="413"/>
        <source>%n phrase(s) suggested to complaining buyers too — Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>%n 条短语也会推荐给投诉买家——Ctrl+Z 可撤销。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="421"/>
        <source>Reorder slots of %1</source>
        <translation>调整 %1 的序号</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="427"/>
        <source>Select a phrase with a slot to move it up or down.</source>
        <translation>请选择一条有序号的短语来上移或下移。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="443"/>
        <source>Slots are reordered within one group: use Move to group (Ctrl+Shift+M) first.</source>
        <translation>序号只能在同一分组内调整：请先用“移动到分组”（Ctrl+Shift+M）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_manager.py" line="449"/>
        <source>A group has nine slots: the phrases after the ninth lose theirs.</source>
        <translation>每个分组只有 9 个序号：第 9 个之后的短语将失去序号。</translation>
    </message>
</context>
<context>
    <name>PhrasePalette</name>
    <message>
        <location filename="../../app/ui/phrase_palette.py" line="36"/>
        <source>Search phrases: title, pinyin (tkdz), abbreviation…</source>
        <translation>搜索短语：标题、拼音（如 tkdz）、缩写…</translation>
    </message>
</context>
<context>
    <name>PhraseStatsTable</name>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="15"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="15"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="16"/>
        <source>Uses</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="16"/>
        <source>Sent</source>
        <translation>发出</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="17"/>
        <source>Edited (%)</source>
        <translation>改后发出 (%)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="17"/>
        <source>Paid</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="18"/>
        <source>Asked again</source>
        <translation>再次询问</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="18"/>
        <source>Refund</source>
        <translation>申请退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="19"/>
        <source>Went quiet</source>
        <translation>沉默</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="19"/>
        <source>By agent</source>
        <translation>按客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="20"/>
        <source>Forgotten</source>
        <translation>遗忘</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="20"/>
        <source>Nearly the same as</source>
        <translation>相似短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="22"/>
        <source>never used</source>
        <translation>从未使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_stats_table.py" line="23"/>
        <source>not in these days</source>
        <translation>期间未用</translation>
    </message>
</context>
<context>
    <name>PhraseTableModel</name>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="42"/>
        <source>Slot</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="42"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="42"/>
        <source>Abbreviation</source>
        <translation>缩写</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="42"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="42"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="43"/>
        <source>Uses</source>
        <translation>使用次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="43"/>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="43"/>
        <source>For</source>
        <translation>归属</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="43"/>
        <source>Complaining buyers</source>
        <translation>投诉买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="90"/>
        <source>me (%1)</source>
        <translation>个人（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="90"/>
        <source>the shop</source>
        <translation>全店共用</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/phrase_table.py" line="92"/>
        <source>not for them</source>
        <translation>不推荐</translation>
    </message>
</context>
<context>
    <name>PhraseTexts</name>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="75"/>
        <source>The phrase&apos;s texts, numbered as the palette shows them</source>
        <translation>短语的各条内容，编号与短语面板中一致</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="79"/>
        <source>Add &amp;variant</source>
        <translation>添加一条(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="80"/>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="81"/>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="82"/>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/ui/phrase_editor.py" line="104"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>PhrasesPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="194"/>
        <source>Your canned replies</source>
        <translation>你的快捷短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="197"/>
        <source>Your phrase library is empty. Bring the phrases you already have: your input method&apos;s custom phrases (Sogou, QQ, Baidu, Microsoft Pinyin, Rime), AutoHotKey or Espanso files, or a sheet (CSV, XLSX). You see them before anything is added. Or skip: the phrase manager (Ctrl+Shift+K) adds or imports them later.</source>
        <translation>你的短语库是空的。带上你已有的短语：输入法的自定义短语（搜狗、QQ、百度、微软拼音、Rime）、AutoHotKey 或 Espanso 文件，或表格（CSV、XLSX）。添加前会先给你预览。也可以跳过：以后在短语管理（Ctrl+Shift+K）中添加或导入。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="202"/>
        <source>Bring the phrases you already have: your input method&apos;s custom phrases (Sogou, QQ, Baidu, Microsoft Pinyin, Rime), AutoHotKey or Espanso files, or a sheet (CSV, XLSX). You see them before anything is added. Or skip: the phrase manager (Ctrl+Shift+K) imports later.</source>
        <translation>带上你已有的短语：输入法的自定义短语（搜狗、QQ、百度、微软拼音、Rime）、AutoHotKey 或 Espanso 文件，或表格（CSV、XLSX）。添加前会先给你预览。也可以跳过：以后在短语管理（Ctrl+Shift+K）中导入。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/first_run.py" line="206"/>
        <source>The library already holds %n phrase(s) (on a new computer, the demo shop&apos;s examples): edit or delete them in the phrase manager once yours are in.</source>
        <translation>
            <numerusform>短语库里已有 %n 条短语（新电脑上是演示店铺的示例）：你的短语导入后，可在短语管理中修改或删除它们。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="209"/>
        <source>&amp;Choose a phrase file…</source>
        <translation>选择短语文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="211"/>
        <source>Imported after this wizard, with a preview: %1</source>
        <translation>向导结束后导入（先预览）：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="214"/>
        <source>Choose a phrase file</source>
        <translation>选择短语文件</translation>
    </message>
</context>
<context>
    <name>PolicyDialog</name>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="40"/>
        <source>Limits for agents</source>
        <translation>客服权限额度</translation>
    </message>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="51"/>
        <source>Over these limits an agent&apos;s action waits for a supervisor&apos;s approval and counts for nothing until approved.</source>
        <translation>超过这些额度时，客服的操作需主管批准，批准前不生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="55"/>
        <source>Price &amp;rounding, at most</source>
        <translation>抹零上限(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="56"/>
        <source>Roundings per agent per &amp;day</source>
        <translation>每人每天抹零次数(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="57"/>
        <source>Partial re&amp;fund, at most (yuan)</source>
        <translation>部分退款上限（元）(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="58"/>
        <source>Partial refund, at most (s&amp;hare of the order)</source>
        <translation>部分退款上限（占订单比例）(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="59"/>
        <source>&amp;Gift or coupon, at most (yuan)</source>
        <translation>赠品或优惠券上限（元）(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/ui/policy_dialog.py" line="74"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>ProblemImportDialog</name>
    <message>
        <location filename="../../app/ui/worklist.py" line="246"/>
        <source>Import problem orders — %1</source>
        <translation>导入问题订单 — %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="253"/>
        <source>%1: %2 new, %3 refreshed, %4 already on the worklist, %5 resolved before (not reopened), %6 bad line(s).</source>
        <translation>%1：新增 %2 条，更新 %3 条，已在工作清单 %4 条，之前已解决 %5 条（不重新打开），错误 %6 行。</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="258"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="258"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="258"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="258"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="257"/>
        <source>To write (%1)</source>
        <translation>将写入（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="261"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="261"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="261"/>
        <source>Source</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="260"/>
        <source>Bad lines (%1)</source>
        <translation>错误行（%1）</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <location filename="../../app/ui/delegates.py" line="50"/>
        <source>Robot: </source>
        <translation>机器人：</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="51"/>
        <source>Me: </source>
        <translation>我：</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="52"/>
        <source>[Picture]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="64"/>
        <source>Angry</source>
        <translation>急</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="66"/>
        <source>Issue</source>
        <translation>问题单</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="32"/>
        <source>Show the desk</source>
        <translation>显示客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="33"/>
        <source>Quit KefuDesk</source>
        <translation>退出客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="63"/>
        <source>Buyers are waiting</source>
        <translation>有买家在等待</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/quit_guard.py" line="64"/>
        <source>%n buyer(s) wait for an answer; the longest has waited %1.</source>
        <translation>
            <numerusform>%n 位买家在等回复，最久的已等 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="66"/>
        <source>Quitting leaves them waiting until a colleague or the robot answers.</source>
        <translation>退出后他们会一直等到同事或机器人回复。</translation>
    </message>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="67"/>
        <source>&amp;Quit anyway</source>
        <translation>仍然退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="71"/>
        <source>Keep running in the &amp;tray</source>
        <translation>在托盘中继续运行(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="73"/>
        <source>&amp;Back to the chats</source>
        <translation>回到会话(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/quit_guard.py" line="106"/>
        <source>KefuDesk keeps running</source>
        <translation>客服台仍在运行</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/quit_guard.py" line="107"/>
        <source>%n buyer(s) waiting. Click the icon to come back; its menu quits.</source>
        <translation>
            <numerusform>%n 位买家在等待。点击图标回到客服台；在图标菜单里退出。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../app/ui/labels.py" line="109"/>
        <source>{value} is not a role: choose agent or supervisor</source>
        <translation>{value} 不是角色：请选客服或主管</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="110"/>
        <source>a profile needs a name</source>
        <translation>账号需要名字</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="111"/>
        <source>a supervisor&apos;s password needs at least {minimum} characters</source>
        <translation>主管密码至少 {minimum} 个字符</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="112"/>
        <source>{name} is not a supervisor on this desk</source>
        <translation>{name} 不是本客服台的主管</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="113"/>
        <source>wrong password for {name}</source>
        <translation>{name} 的密码不对</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="114"/>
        <source>{count} wrong passwords for {name}: it is locked until {until}</source>
        <translation>{name} 的密码已输错 {count} 次：锁定到 {until}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="115"/>
        <source>{name} asked for this: another supervisor approves it</source>
        <translation>这是 {name} 自己提出的申请：须由另一位主管批准</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="116"/>
        <source>this store has a supervisor: adding another takes an existing supervisor&apos;s name and password</source>
        <translation>本店已有主管：再添加主管需要一位现有主管的名字和密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="118"/>
        <source>{name} already has a profile: nothing was changed</source>
        <translation>{name} 已有账号：未做任何更改</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="119"/>
        <source>{name} has no profile on this desk</source>
        <translation>本客服台没有 {name} 的账号</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="120"/>
        <source>{name} already has that role</source>
        <translation>{name} 已经是这个角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="121"/>
        <source>{name} is the store&apos;s last supervisor: make another supervisor first</source>
        <translation>{name} 是本店最后一位主管：请先设另一位主管</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="123"/>
        <source>{name} is an agent: only a supervisor has a password on this desk</source>
        <translation>{name} 是客服：本客服台只有主管有密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="124"/>
        <source>{name} stopped being a supervisor or changed password meanwhile: nothing was changed</source>
        <translation>{name} 刚刚已不再是主管或改了密码：未做任何更改</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="126"/>
        <source>a name of at most {limit} characters, without control or invisible characters</source>
        <translation>名字最多 {limit} 个字符，不能含控制字符或不可见字符</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="128"/>
        <source>{name} has no supervisor&apos;s login on the team&apos;s server: the owner adds one with kefudesk team setup</source>
        <translation>{name} 在团队服务器上没有主管登录名：请店长用 kefudesk team setup 添加</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="129"/>
        <source>the team&apos;s server refused it ({detail})</source>
        <translation>团队服务器拒绝了这项操作（{detail}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="130"/>
        <source>{value} is not a stage</source>
        <translation>{value} 不是阶段</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="131"/>
        <source>{value} is not a category of {stage}</source>
        <translation>{value} 不属于{stage}的分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="132"/>
        <source>{value} is not a severity</source>
        <translation>{value} 不是紧急程度</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="133"/>
        <source>an issue needs an order no. or a buyer</source>
        <translation>问题单需要订单号或买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="134"/>
        <source>{file} is not used: {problem}</source>
        <translation>{file} 未采用：{problem}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="135"/>
        <source>{value} is not a state</source>
        <translation>{value} 不是状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="136"/>
        <source>issue {issue} does not exist (deleted or from another store)</source>
        <translation>问题单 {issue} 不存在（已删除或属于另一个数据库）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="137"/>
        <source>issue {issue} is {state}: reopen it first</source>
        <translation>问题单 {issue} 状态为“{state}”：请先重新打开</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="138"/>
        <source>action {action} does not exist</source>
        <translation>操作 {action} 不存在</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="139"/>
        <source>approving would refund more than the order&apos;s total: ¥{left} is left</source>
        <translation>批准后退款将超过订单金额：只剩 ¥{left} 可退</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="140"/>
        <source>order {order} has nothing left to refund</source>
        <translation>订单 {order} 已无可退金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="141"/>
        <source>the amount must be more than ¥0.00</source>
        <translation>金额必须大于 ¥0.00</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="142"/>
        <source>¥{amount} is more than order {order} can still refund (¥{left} of ¥{total})</source>
        <translation>¥{amount} 超过订单 {order} 还能退的金额（¥{total} 中还剩 ¥{left}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="143"/>
        <source>rounding cannot be more than the order&apos;s amount (¥{total})</source>
        <translation>抹零不能超过订单金额（¥{total}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="144"/>
        <source>order {order} is not in the store: import the shop&apos;s order export (Ctrl+Shift+O) or open the buyer&apos;s chat first</source>
        <translation>订单 {order} 不在本地：请先导入店铺的订单报表（Ctrl+Shift+O）或打开买家的会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="145"/>
        <source>{value} is not an action</source>
        <translation>{value} 不是操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="146"/>
        <source>{action} has no field {field}</source>
        <translation>{action}没有“{field}”这一项</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="147"/>
        <source>{field} is needed for {action}</source>
        <translation>{action}需要填写“{field}”</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="148"/>
        <source>{field}: {value} is not an amount; type yuan such as 12.50</source>
        <translation>{field}：{value} 不是金额；请按元填写，例如 12.50</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="149"/>
        <source>{field}: a negative amount ({value}) is not an amount</source>
        <translation>{field}：负数（{value}）不是金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="150"/>
        <source>{field}: {value} is not a whole number</source>
        <translation>{field}：{value} 不是整数</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="151"/>
        <source>{field}: {value} is outside {low}–{high}</source>
        <translation>{field}：{value} 不在 {low}–{high} 之间</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="152"/>
        <source>{field}: {value} is neither yes nor no</source>
        <translation>{field}：{value} 既不是“是”也不是“否”</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="153"/>
        <location filename="../../app/ui/labels.py" line="168"/>
        <source>{field}: choose one of {choices}</source>
        <translation>{field}：请从 {choices} 中选一个</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="154"/>
        <source>{field}: {value} is not a date and time</source>
        <translation>{field}：{value} 不是日期时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="155"/>
        <source>{field}: a list is needed</source>
        <translation>{field}：需要一个列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="156"/>
        <source>{field}: {length} characters, at most {limit} fit</source>
        <translation>{field}：{length} 个字符，最多 {limit} 个</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="157"/>
        <source>{field}: {value} is not a share such as 30%</source>
        <translation>{field}：{value} 不是比例（例如 30%）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="158"/>
        <source>{field}: {value} is not between 0 and 100%</source>
        <translation>{field}：{value} 不在 0 到 100% 之间</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="159"/>
        <source>not sent: the reply contains {words}</source>
        <translation>未发送：回复中含有“{words}”</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="160"/>
        <source>not sent: the same text as your last reply to this buyer</source>
        <translation>未发送：与你上一条回复这位买家的内容相同</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="161"/>
        <source>not sent: fill in the blank {blank} first</source>
        <translation>未发送：请先填写空白 {blank}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="162"/>
        <source>not sent: {blank} is still in the reply — the phrase was never finished; write the shop&apos;s own words there, and in the phrase manager for next time</source>
        <translation>未发送：回复里还有 {blank}——这条短语还没设置好；请在那里写上店铺自己的内容，并在短语管理里改好，下次就不用再写</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="164"/>
        <source>{field}: fill it in</source>
        <translation>{field}：请填写</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="165"/>
        <source>{field}: {value} is not an amount; type yuan such as 5 or 12.50</source>
        <translation>{field}：{value} 不是金额；请输入元，如 5 或 12.50</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="166"/>
        <source>{field}: the amount must be more than 0.00</source>
        <translation>{field}：金额必须大于 0.00</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="167"/>
        <source>{field}: {value} is not a date such as 11-24 or 明天</source>
        <translation>{field}：{value} 不是日期，请输入如 11-24 或 明天</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="169"/>
        <source>{field}: at most {limit} characters</source>
        <translation>{field}：最多 {limit} 个字</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="170"/>
        <source>{word}: a banned word is 1–40 characters</source>
        <translation>{word}：违禁词须为 1–40 个字符</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="171"/>
        <source>this store has a supervisor: switching off {words} takes a supervisor&apos;s name and password</source>
        <translation>本店有主管：停用 {words} 需要主管的名字和密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="173"/>
        <source>{word}: an urgent word is 1–{most} characters</source>
        <translation>{word}：紧急词须为 1–{most} 个字</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="174"/>
        <source>at most {most} urgent words</source>
        <translation>紧急词最多 {most} 个</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="176"/>
        <source>every checklist item needs its own name</source>
        <translation>每个质检项目都需要一个不重复的名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="177"/>
        <source>an item&apos;s weight is 1–100</source>
        <translation>项目分值须为 1–100</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="178"/>
        <source>not on the checklist: {items}</source>
        <translation>不在质检项目中：{items}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="179"/>
        <source>choose whose work is scored</source>
        <translation>请选择给谁评分</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="180"/>
        <source>an example is good, bad or neither</source>
        <translation>例子只能是好、差或都不是</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="181"/>
        <source>write a comment or mark the message as an example</source>
        <translation>请写评论，或把消息标为例子</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="182"/>
        <source>keep the history 1–3650 days</source>
        <translation>历史保留 1–3650 天</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="183"/>
        <source>keep 10–100,000 entries</source>
        <translation>保留 10–100,000 条</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="185"/>
        <source>not logged in to the shop: {detail}</source>
        <translation>未登录店铺：{detail}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="186"/>
        <source>the shop asks for the password again: enter it to go on</source>
        <translation>店铺要求重新输入密码：输入后继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="187"/>
        <source>cannot reach the shop; the desk works offline and keeps trying ({detail})</source>
        <translation>连不上店铺，客服台先离线工作并会自动重试（{detail}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="188"/>
        <source>the connection to the shop dropped; reconnecting ({detail})</source>
        <translation>与店铺的连接断了，正在重连（{detail}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="189"/>
        <source>the desk stopped talking to the shop: {detail}</source>
        <translation>客服台已停止与店铺通信：{detail}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="191"/>
        <source>the team&apos;s server cannot be reached: drafts and replies are kept on this computer and saved there when it answers again; buyers&apos; new messages wait at the shop</source>
        <translation>无法连接团队服务器：草稿和回复先保存在本机，服务器恢复后自动写入；买家的新消息在店铺等候</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="192"/>
        <source>the team&apos;s server answers again; {drafts} draft(s) and {replies} reply(ies) kept on this computer were saved to it</source>
        <translation>团队服务器已恢复；本机暂存的 {drafts} 条草稿和 {replies} 条回复已写入</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="194"/>
        <source>the disk holding {path} is full: the last change was not saved, everything saved before it is intact. Free some space on that disk (old files in the backups folder beside it can go); the desk goes on where it stopped</source>
        <translation>存放 {path} 的磁盘已满：最后一项改动没有保存，之前保存的内容都完好。请清理该磁盘的空间（旁边 backups 文件夹里的旧备份可以删除），客服台会从中断处继续</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="195"/>
        <source>{path} cannot be written: its folder or the file is read-only. Nothing was changed. Make them writable for your user, or set KEFUDESK_DATA_DIR to a writable folder</source>
        <translation>{path} 无法写入：所在文件夹或文件是只读的，没有任何改动。请让当前用户可以写入它们，或把 KEFUDESK_DATA_DIR 设为一个可写的文件夹</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="196"/>
        <source>another program (a second KefuDesk, kefudesk palette, a backup tool) kept {path} busy for more than {seconds} s: the last change was not saved, everything saved before it is intact. Try again, or close the other program</source>
        <translation>另一个程序（另一个客服台、kefudesk palette 或备份工具）占用 {path} 超过 {seconds} 秒：最后一项改动没有保存，之前保存的内容都完好。请重试，或关闭那个程序</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="197"/>
        <source>the reply was not saved ({why}); it is still in the reply box</source>
        <translation>回复没有保存（{why}），内容仍在回复框里</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="198"/>
        <source>the reply was not saved ({why}); it waits in the chat, NOT SENT: F5 tries again, Shift+F5 brings it back to the reply box</source>
        <translation>回复没有保存（{why}），在聊天里标为未发送：F5 再试一次，Shift+F5 放回回复框</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="201"/>
        <source>the robot&apos;s wait must be 0–{most} seconds (0: do not answer waiting buyers)</source>
        <translation>机器人等待时间须为 0–{most} 秒（0：不回复等待中的买家）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="202"/>
        <source>at most {most} robot rules</source>
        <translation>机器人规则最多 {most} 条</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="203"/>
        <source>a robot rule is not readable; remove it</source>
        <translation>有一条机器人规则无法读取，请删除它</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="204"/>
        <source>every robot rule needs its own name ({name})</source>
        <translation>每条机器人规则都需要一个不重复的名称（{name}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="205"/>
        <source>rule {name}: choose a phrase from the library</source>
        <translation>规则 {name}：请从短语库中选择一条短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="206"/>
        <source>rule {name}: give keywords, or let it answer similar questions</source>
        <translation>规则 {name}：请填写关键词，或勾选回复相似问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="207"/>
        <source>the robot did not answer {buyer}: its phrase {phrase} has banned words ({words}); edit the phrase or the rule</source>
        <translation>机器人未回复 {buyer}：短语 {phrase} 含违禁词（{words}），请修改短语或规则</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="208"/>
        <source>not connected to the shop: a chat can be transferred when the connection is back</source>
        <translation>未连接店铺：连接恢复后才能转接会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="209"/>
        <source>the shop did not list the colleagues ({detail})</source>
        <translation>店铺未返回同事列表（{detail}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="210"/>
        <source>the chat is already yours: choose a colleague</source>
        <translation>该会话已经是您的，请选择一位同事</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="211"/>
        <source>the shop did not transfer the chat ({detail})</source>
        <translation>店铺未能转接该会话（{detail}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="212"/>
        <source>the shop did not take the status change ({detail}); it is tried again when the connection comes back</source>
        <translation>店铺未接受状态变更（{detail}），连接恢复后会再次尝试</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="213"/>
        <source>order no. {value} was saved as a number and Excel rounded it: format the column as text in the export, or export CSV</source>
        <translation>订单号 {value} 被存成了数字，Excel 已把它四舍五入：导出时请把该列设为文本，或导出 CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="214"/>
        <source>order no. {value} is not a number</source>
        <translation>订单号 {value} 不是数字</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="215"/>
        <source>no buyer on this line</source>
        <translation>这一行没有买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="216"/>
        <source>{value} is not an amount</source>
        <translation>{value} 不是金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="217"/>
        <source>{value} is not a date and time</source>
        <translation>{value} 不是日期时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="218"/>
        <source>{value} is not a phone number</source>
        <translation>{value} 不是电话号码</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="219"/>
        <source>a negative amount</source>
        <translation>金额为负数</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="220"/>
        <source>problem type {value} is not one the desk knows (超区, 缺货, 地址不详, 物流超时…)</source>
        <translation>问题类型“{value}”无法识别（可用：超区、缺货、地址不详、物流超时…）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="221"/>
        <source>the detail is longer than {limit} characters</source>
        <translation>问题描述超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="223"/>
        <source>{column} is {length} characters, more than the store keeps ({limit})</source>
        <translation>{column}有 {length} 个字符，超过系统可保存的长度（{limit}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="224"/>
        <source>{column} ¥{value} is more than the store keeps (at most ¥{limit})</source>
        <translation>{column} ¥{value} 超过系统可保存的金额（最多 ¥{limit}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="225"/>
        <source>{column} {value} is outside what the store keeps ({low} to {high})</source>
        <translation>{column} {value} 超出系统可保存的范围（{low} 至 {high}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="226"/>
        <source>{column} holds a NUL character (\x00), which the store cannot keep</source>
        <translation>{column}含有空字符（\x00），系统无法保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="227"/>
        <source>{column} holds half a character (a lone UTF-16 surrogate), which the store cannot keep</source>
        <translation>{column}含有半个字符（孤立的 UTF-16 代理项），系统无法保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="228"/>
        <source>{column} {value} is outside the times the store keeps</source>
        <translation>{column} {value} 超出系统可保存的时间范围</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="230"/>
        <source>{name} is {size}, more than the desk imports ({limit}): split it and import the parts</source>
        <translation>{name} 大小为 {size}，超过客服台可导入的上限（{limit}）：请拆分后分批导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="231"/>
        <source>{name} is more than the desk imports ({limit}): split it and import the parts</source>
        <translation>{name} 超过客服台可导入的上限（{limit}）：请拆分后分批导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="232"/>
        <source>the sheet has more than {limit} rows, the most an import reads: split it by date and import the parts</source>
        <translation>表格超过 {limit} 行（一次导入的上限）：请按日期拆分后分批导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="233"/>
        <source>the file holds more than {limit} phrases, the most an import reads: split it and import the parts</source>
        <translation>文件中的短语超过 {limit} 条（一次导入的上限）：请拆分后分批导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="234"/>
        <source>the workbook unpacks to {size}, more than an import reads ({limit}): save it as CSV or split it</source>
        <translation>工作簿解压后为 {size}，超过导入的上限（{limit}）：请另存为 CSV 或拆分</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="235"/>
        <source>the workbook holds more than {limit} cells, the most an import reads from a workbook: save it as CSV or split it</source>
        <translation>工作簿的单元格超过 {limit} 个（从工作簿导入的上限）：请另存为 CSV 或拆分</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="236"/>
        <source>the workbook holds more than {limit} shared strings, the most an import reads from a workbook: save it as CSV or split it</source>
        <translation>工作簿的共享字符串超过 {limit} 条（从工作簿导入的上限）：请另存为 CSV 或拆分</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="237"/>
        <source>the workbook holds more than {limit} XML elements, the most an import reads from a workbook: save it as CSV or split it</source>
        <translation>工作簿的 XML 元素超过 {limit} 个（从工作簿导入的上限）：请另存为 CSV 或拆分</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="238"/>
        <source>the workbook holds more than {limit} XML elements outside its sheets, the most an import reads: save it as CSV or split it</source>
        <translation>工作簿中表格以外的 XML 元素超过 {limit} 个（导入的上限）：请另存为 CSV 或拆分</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="239"/>
        <source>the workbook&apos;s part {part} is XML in UTF-16, which no spreadsheet program writes: open the file in Excel or WPS, save it again and import that</source>
        <translation>工作簿的部件 {part} 是 UTF-16 编码的 XML，电子表格软件不会这样保存：请用 Excel 或 WPS 打开并重新保存后再导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="240"/>
        <source>the workbook&apos;s part {part} declares a DTD, which no spreadsheet program writes: open the file in Excel or WPS, save it again and import that</source>
        <translation>工作簿的部件 {part} 声明了 DTD，电子表格软件不会这样保存：请用 Excel 或 WPS 打开并重新保存后再导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="241"/>
        <source>the buyer spoke last: answer first, or give a reason to close the chat anyway</source>
        <translation>最后一条是买家的消息：请先回复，或写明原因后再结束</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="242"/>
        <source>{value} is not a date such as 2026-11-24</source>
        <translation>{value} 不是日期（例如 2026-11-24）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="244"/>
        <source>a gift over ¥{limit} needs a supervisor</source>
        <translation>超过 ¥{limit} 的赠品需要主管批准</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="245"/>
        <source>your limit: ¥{limit} a gift</source>
        <translation>你的权限：每份赠品 ¥{limit}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="246"/>
        <source>your limit: {share} of the order, {count} roundings a day</source>
        <translation>你的权限：订单金额的 {share}，每天 {count} 次抹零</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="247"/>
        <source>your limit: ¥{limit} and {share} of the order</source>
        <translation>你的权限：¥{limit}，且不超过订单金额的 {share}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="248"/>
        <source>rounding over {share} of the order needs a supervisor</source>
        <translation>抹零超过订单金额的 {share} 需要主管批准</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="249"/>
        <source>more than {count} roundings a day need a supervisor</source>
        <translation>每天抹零超过 {count} 次需要主管批准</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="250"/>
        <source>a partial refund over ¥{limit} needs a supervisor</source>
        <translation>超过 ¥{limit} 的部分退款需要主管批准</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="251"/>
        <source>a partial refund over {share} of the order needs a supervisor</source>
        <translation>部分退款超过订单金额的 {share} 需要主管批准</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="253"/>
        <source>return tracking no. {tracking} was already used on issue {issue} (order {order}, buyer {buyer})</source>
        <translation>退货单号 {tracking} 已在问题单 {issue} 用过（订单 {order}，买家 {buyer}）</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="254"/>
        <source>the return weighed {received} g, far below the {items} g its items weigh: possibly an empty or swapped parcel — open it before refunding</source>
        <translation>退回包裹重 {received} 克，远低于商品应有的 {items} 克：可能是空包或调包——退款前请拆包查看</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="256"/>
        <source>no courier record for this parcel</source>
        <translation>快递公司没有这个包裹的记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="257"/>
        <source>ask the buyer for photos of the parcel and the packing slip</source>
        <translation>请买家拍包裹和发货单的照片</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="258"/>
        <source>packing slip: not ticked as packed — {lines}</source>
        <translation>发货单：未勾选已装——{lines}</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="259"/>
        <source>the parcel lost {lost} g between the origin ({origin} g) and {station} ({last} g): opened or damaged in transit</source>
        <translation>包裹从揽收（{origin} 克）到{station}（{last} 克）少了 {lost} 克：途中被拆或破损</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="260"/>
        <source>the parcel weighed {origin} g at the origin, {under} g under the {low}–{high} g the order should weigh (the lightest item is {lightest} g): an item probably never left</source>
        <translation>揽收时包裹重 {origin} 克，比订单应有的 {low}–{high} 克轻 {under} 克（最轻的商品 {lightest} 克）：很可能有商品没发出</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="261"/>
        <source>the parcel weighed {origin} g at the origin, within the {low}–{high} g a complete order weighs</source>
        <translation>揽收时包裹重 {origin} 克，在完整订单应有的 {low}–{high} 克之内</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="262"/>
        <source>and {last} g at {station}: nothing left it on the way</source>
        <translation>到{station}时 {last} 克：途中没有少东西</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="263"/>
        <source>every line of the packing slip is ticked</source>
        <translation>发货单每一行都已勾选</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="264"/>
        <source>an item&apos;s weight is unknown</source>
        <translation>有商品重量未知</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="265"/>
        <source>the courier gave no origin weight</source>
        <translation>快递没有揽收重量</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="266"/>
        <source>the weights do not decide it</source>
        <translation>凭重量判断不了</translation>
    </message>
    <message>
        <location filename="../../app/ui/labels.py" line="292"/>
        <source>the last station</source>
        <translation>末站</translation>
    </message>
</context>
<context>
    <name>Replies</name>
    <message>
        <location filename="../../app/ui/replies.py" line="50"/>
        <source>%1 — change it, or %2 sends it anyway (written to the audit log).</source>
        <translation>%1——请修改，或按 %2 仍然发送（会写入审计记录）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="58"/>
        <source>%1 — press Enter again to send it anyway.</source>
        <translation>%1——再按一次 Enter 仍然发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="115"/>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="116"/>
        <source>The reply contains words the guard blocks. Why must it go out as it is? (kept in the audit log for the supervisor)</source>
        <translation>回复中有被拦截的词。为什么必须原样发出？（原因会留在审计记录里给主管看）</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="130"/>
        <source>No reply of this chat waits to be resent.</source>
        <translation>此会话没有等待重发的回复。</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="149"/>
        <source>%1 — %2 brings the reply back to fill it in.</source>
        <translation>%1——按 %2 把这条回复取回来填写。</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="143"/>
        <location filename="../../app/ui/replies.py" line="153"/>
        <source>Sending the reply again.</source>
        <translation>正在重新发送回复。</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="166"/>
        <source>The reply box is not empty: send or clear it first, then %1 brings the reply back.</source>
        <translation>回复框里还有内容：请先发送或清空，再按 %1 取回该回复。</translation>
    </message>
    <message>
        <location filename="../../app/ui/replies.py" line="175"/>
        <source>picture of the reply</source>
        <translation>回复中的图片</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="45"/>
        <source>Daily tables</source>
        <translation>每日报表</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="48"/>
        <source>Refunds (退款信息表), for finance</source>
        <translation>退款信息表（给财务）</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="49"/>
        <source>Reships (补发表), for the warehouse</source>
        <translation>补发表（给仓库）</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="50"/>
        <source>Returns (退件表)</source>
        <translation>退件表</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="51"/>
        <source>Complaints to the warehouse (投诉表)</source>
        <translation>投诉表（给仓库）</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="52"/>
        <source>Bad reviews (中差评表)</source>
        <translation>中差评表</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="53"/>
        <source>Open problem orders (问题订单)</source>
        <translation>问题订单（未解决）</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="63"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="74"/>
        <source>&amp;Save as XLSX… (Ctrl+S)</source>
        <translation>保存为 XLSX(&amp;S)…（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="76"/>
        <source>&amp;Reconcile with finance&apos;s sheet… (Ctrl+R)</source>
        <translation>与财务结果表核对(&amp;R)…（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="78"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="81"/>
        <source>&amp;Table:</source>
        <translation>报表(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="85"/>
        <source>&amp;Day:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="270"/>
        <source>Save as XLSX</source>
        <translation>保存为 XLSX</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="271"/>
        <source>Reconcile</source>
        <translation>核对</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="118"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="123"/>
        <source>Cannot make the table: %1</source>
        <translation>无法生成报表：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/report_dialog.py" line="132"/>
        <source>%1, %2: %n row(s).</source>
        <translation>
            <numerusform>%1，%2：%n 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="153"/>
        <source>Save the table</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="155"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="175"/>
        <source>Not saved: %1 (%2). Choose another folder, or close the file if Excel has it open.</source>
        <translation>未保存：%1（%2）。请换一个文件夹；如果 Excel 正打开这个文件，请先关闭。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/report_dialog.py" line="179"/>
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>已保存 %n 行到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="185"/>
        <source>Reconciling goes with the refund table (退款信息表).</source>
        <translation>核对只适用于退款信息表。</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="187"/>
        <source>Finance&apos;s result sheet</source>
        <translation>财务结果表</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="188"/>
        <source>Finance sheets (*.xlsx *.csv)</source>
        <translation>财务表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="206"/>
        <source>%1 cannot be read as finance&apos;s sheet: %2</source>
        <translation>%1 无法作为财务结果表读取：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="211"/>
        <source>matched</source>
        <translation>一致</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="211"/>
        <source>differs</source>
        <translation>不一致</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="212"/>
        <source>not in finance&apos;s sheet</source>
        <translation>财务表中没有</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="212"/>
        <source>no such refund on the desk</source>
        <translation>客服台没有这笔退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="213"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="213"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="213"/>
        <source>What differs (desk → finance)</source>
        <translation>差异（客服台 → 财务）</translation>
    </message>
    <message>
        <location filename="../../app/ui/report_dialog.py" line="218"/>
        <source>%1: %2 of %3 line(s) matched; the rest are marked in the audit log.</source>
        <translation>%1：%3 行中 %2 行一致；其余已记入审计日志。</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../app/ui/review_window.py" line="56"/>
        <source>Owner review: transcripts and 质检</source>
        <translation>复盘：聊天记录与质检</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="63"/>
        <source>Every agent</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="64"/>
        <source>The robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="70"/>
        <source>&amp;Unanswered at close</source>
        <translation>关闭时未回复(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="70"/>
        <source>&amp;Slow answers</source>
        <translation>回复慢(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="71"/>
        <source>&amp;Guard overrides</source>
        <translation>违禁词强行发送(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="71"/>
        <source>&amp;Refunds</source>
        <translation>有退款(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="72"/>
        <source>A&amp;ngry buyers</source>
        <translation>买家生气(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="72"/>
        <source>Ro&amp;bot answered</source>
        <translation>机器人回复过(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="78"/>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="49"/>
        <location filename="../../app/ui/review_window.py" line="78"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="78"/>
        <source>Agents</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="78"/>
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="79"/>
        <source>First answer (s)</source>
        <translation>首次响应(秒)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="79"/>
        <source>Slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="79"/>
        <source>Buyer last</source>
        <translation>买家最后一句</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="80"/>
        <source>Overrides</source>
        <translation>强行发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="80"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="80"/>
        <source>Angry</source>
        <translation>生气</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="80"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="75"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="75"/>
        <source>Who</source>
        <translation>谁</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="76"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="76"/>
        <source>Waited (s)</source>
        <translation>等待(秒)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="100"/>
        <source>Comment on this chat (optional)</source>
        <translation>对这个会话的评语（可选）</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="101"/>
        <source>Sa&amp;ve score</source>
        <translation>保存评分(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="107"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="107"/>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="108"/>
        <source>&amp;Agent</source>
        <translation>客服(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="119"/>
        <source>质检 checklist</source>
        <translation>质检项目</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="122"/>
        <source>Whose &amp;work</source>
        <translation>评谁的工作(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="279"/>
        <source>The chats</source>
        <translation>会话列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="281"/>
        <source>The messages</source>
        <translation>消息列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="283"/>
        <source>Save score</source>
        <translation>保存评分</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="285"/>
        <source>Comment on the message…</source>
        <translation>评论这条消息…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="287"/>
        <source>Mark the message a good example</source>
        <translation>标为好例子</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="289"/>
        <source>Mark the message a bad example</source>
        <translation>标为差例子</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="291"/>
        <source>Export the day…</source>
        <translation>导出当天记录…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="293"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="177"/>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/review_window.py" line="189"/>
        <source>%n chat(s).</source>
        <translation>
            <numerusform>共 %n 个会话。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="49"/>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="50"/>
        <location filename="../../app/ui/review_window.py" line="165"/>
        <source>Robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="51"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="54"/>
        <source>[Picture]</source>
        <translation>[图片]</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="58"/>
        <source>good example</source>
        <translation>好例子</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/transcript_model.py" line="59"/>
        <source>bad example</source>
        <translation>差例子</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="83"/>
        <source>Chats</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="88"/>
        <source>Transcript</source>
        <translation>聊天记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="183"/>
        <source>The chats could not be read; the details are in the log.</source>
        <translation>无法读取会话，详情见日志。</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="232"/>
        <source>Choose a chat first.</source>
        <translation>请先选择一个会话。</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="239"/>
        <location filename="../../app/ui/review_window.py" line="272"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="244"/>
        <source>Scored %1 for %2.</source>
        <translation>已给 %2 评 %1 分。</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="255"/>
        <location filename="../../app/ui/review_window.py" line="264"/>
        <source>Choose a message first (Alt+M, then the arrows).</source>
        <translation>请先选择一条消息（Alt+M，再用方向键）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="257"/>
        <source>Comment on the message</source>
        <translation>评论这条消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="257"/>
        <source>Comment:</source>
        <translation>评论：</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="283"/>
        <source>Choose an agent (Alt+A) whose day to export.</source>
        <translation>请选择要导出哪位客服的当天记录（Alt+A）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="286"/>
        <source>Export the day</source>
        <translation>导出当天记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="288"/>
        <source>Web page (*.html);;Plain text (*.txt)</source>
        <translation>网页 (*.html);;纯文本 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="294"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="302"/>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/review_window.py" line="304"/>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
</context>
<context>
    <name>RobotDialog</name>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="58"/>
        <source>Robot first answer</source>
        <translation>机器人首次回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="60"/>
        <source>&amp;Answer buyers automatically with the rules below</source>
        <translation>按下列规则自动回复买家(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="62"/>
        <source>While I am s&amp;uspended (挂起), answer a buyer as soon as they write</source>
        <translation>我挂起时，买家一发消息就回复(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="66"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="67"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="70"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="70"/>
        <source>Keywords (separated by 、 or spaces)</source>
        <translation>关键词（用、或空格分隔）</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="71"/>
        <source>Phrase</source>
        <translation>短语</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="71"/>
        <source>Similar questions</source>
        <translation>相似问题</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="71"/>
        <source>Fired</source>
        <translation>触发次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="78"/>
        <source>Add &amp;rule</source>
        <translation>添加规则(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="80"/>
        <source>Remo&amp;ve rule</source>
        <translation>删除规则(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="85"/>
        <source>The robot answers a buyer once, then waits for you; its answers are marked as the robot&apos;s, pass the banned-word check like yours, and are listed for review. A phrase that still needs values (an order no., a courier) is never sent by the robot.</source>
        <translation>机器人对每位买家只回复一次，之后等您接手；它的回复标为机器人，与您的回复一样经过违禁词检查，并列入回复记录供复查。仍需填写内容（订单号、快递公司）的短语，机器人不会发送。</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="93"/>
        <source>Answer a buyer who has &amp;waited</source>
        <translation>买家等待超过此时间即回复(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="102"/>
        <source>Ru&amp;les, tried from the top</source>
        <translation>规则(&amp;L)，从上往下匹配</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="115"/>
        <source>Rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="163"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>RobotReviewDialog</name>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="174"/>
        <source>Robot answers to review</source>
        <translation>机器人回复记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="179"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="179"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="179"/>
        <source>Buyer asked</source>
        <translation>买家问</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="180"/>
        <source>Robot answered</source>
        <translation>机器人答</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="180"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="180"/>
        <source>Buyer then said</source>
        <translation>买家接着说</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="182"/>
        <source>Robot answers</source>
        <translation>机器人的回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="190"/>
        <source>&amp;Day</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="208"/>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/robot_dialog.py" line="213"/>
        <source>The robot&apos;s answers could not be read: %1</source>
        <translation>无法读取机器人回复记录：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/robot_answers.py" line="24"/>
        <source>(nothing yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/robot_dialog.py" line="218"/>
        <source>%n robot answer(s) this day.</source>
        <translation>
            <numerusform>当天机器人回复 %n 条。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchWindow</name>
    <message>
        <location filename="../../app/ui/search_window.py" line="90"/>
        <source>Search all chats</source>
        <translation>搜索全部聊天</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="94"/>
        <source>退款, 尺码 开胶, an order no.… every part must occur</source>
        <translation>退款、尺码 开胶、订单号…… 用空格分开的每部分都要出现</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="100"/>
        <source>All messages</source>
        <translation>全部消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="100"/>
        <source>Buyers&apos; messages</source>
        <translation>买家的消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="101"/>
        <source>Agents&apos; answers</source>
        <translation>客服的回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="101"/>
        <source>Robot answers</source>
        <translation>机器人的回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="104"/>
        <source>Only buyers with an &amp;issue</source>
        <translation>只看有问题单的买家(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="107"/>
        <source>any agent</source>
        <translation>任意客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="109"/>
        <source>any buyer</source>
        <translation>任意买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="113"/>
        <source>Only &amp;days</source>
        <translation>只看这些天(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="117"/>
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="118"/>
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="123"/>
        <source>Messages found</source>
        <translation>搜到的消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="133"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="137"/>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="143"/>
        <source>&amp;Agent</source>
        <translation>客服(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="143"/>
        <source>&amp;Buyer</source>
        <translation>买家(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="323"/>
        <source>The results</source>
        <translation>结果列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="328"/>
        <source>The chat&apos;s transcript in the review</source>
        <translation>在质检中看这个会话的聊天记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="185"/>
        <source>Searching…</source>
        <translation>搜索中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="190"/>
        <source>Not searched: %1</source>
        <translation>未搜索：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/search_window.py" line="193"/>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="63"/>
        <location filename="../../app/ui/models/search_results.py" line="70"/>
        <source>buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="63"/>
        <location filename="../../app/ui/models/search_results.py" line="70"/>
        <source>agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="64"/>
        <source>robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="64"/>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="72"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="76"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="76"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/search_results.py" line="77"/>
        <source>Issue</source>
        <translation>问题单</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/search_window.py" line="197"/>
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/search_window.py" line="199"/>
        <source>%n in imported history</source>
        <translation>
            <numerusform>导入的历史中 %n 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/search_window.py" line="200"/>
        <source>%n other match(es)</source>
        <translation>
            <numerusform>%n 个其他结果</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="52"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="78"/>
        <source>Data folder (chats, backups, log): %1</source>
        <translation>数据文件夹（聊天、备份、日志）：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="86"/>
        <source>* takes effect at the next start. The rest is in force when you save.</source>
        <translation>* 下次启动时生效。其余设置保存后立即生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="97"/>
        <source>&amp;Keys… (Ctrl+F1)</source>
        <translation>快捷键(&amp;K)…（Ctrl+F1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="101"/>
        <source>The settings file cannot be read, so it cannot be saved from here: %1</source>
        <translation>设置文件无法读取，因此不能在这里保存：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="111"/>
        <source>Shop connection</source>
        <translation>店铺连接</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="112"/>
        <source>Team store</source>
        <translation>团队数据库</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="113"/>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="114"/>
        <source>Over other applications</source>
        <translation>在其他程序中</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="115"/>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="116"/>
        <source>Demo shop</source>
        <translation>演示店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="117"/>
        <source>Shop gateway URL</source>
        <translation>店铺网关地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="118"/>
        <source>The shop gateway&apos;s address, https://…; empty: the built-in demo shop</source>
        <translation>店铺网关的地址，https://…；留空：使用内置演示店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="119"/>
        <source>Shop id</source>
        <translation>店铺 ID</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="119"/>
        <source>The shop to log in to</source>
        <translation>要登录的店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="120"/>
        <source>Your agent login</source>
        <translation>你的客服账号</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="121"/>
        <source>Your login at the shop; the password is asked when the desk starts and kept in the system keyring</source>
        <translation>你在店铺的登录名；密码在客服台启动时询问，并保存在系统钥匙串中</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="124"/>
        <source>Allow plain http:// to another machine</source>
        <translation>允许以明文 http:// 连接其他电脑</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="125"/>
        <source>Only for a test lab: the password and the token would cross the network readable by anyone</source>
        <translation>仅用于测试环境：密码和令牌会以明文经过网络，任何人都能读到</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="128"/>
        <source>Team PostgreSQL server</source>
        <translation>团队 PostgreSQL 服务器</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="129"/>
        <source>postgresql+psycopg://USER@HOST:PORT/DATABASE without the password (asked once, kept in the system keyring); empty: this computer&apos;s store</source>
        <translation>postgresql+psycopg://用户@主机:端口/数据库，不含密码（只问一次，保存在系统钥匙串中）；留空：使用本机的数据库</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="131"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="131"/>
        <source>The interface language; System follows the computer&apos;s</source>
        <translation>界面语言；“跟随系统”使用电脑的语言</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="132"/>
        <source>Light or dark</source>
        <translation>浅色或深色</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="132"/>
        <source>Automatic follows the system&apos;s light or dark setting</source>
        <translation>“跟随系统”按系统的浅色/深色设置显示</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="133"/>
        <source>Quitting while buyers wait</source>
        <translation>有买家等待时退出</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="134"/>
        <source>Ask (saying how many wait), or keep running in the tray</source>
        <translation>询问（说明有多少人在等），或在托盘中继续运行</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="135"/>
        <source>After a reply, open</source>
        <translation>回复后打开</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="136"/>
        <source>Which chat opens after you send a reply or close a chat</source>
        <translation>发送回复或关闭会话后打开哪个会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="137"/>
        <source>Phrase palette hotkey</source>
        <translation>短语面板热键</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="138"/>
        <source>Opens the phrase palette over any application; empty: none</source>
        <translation>在任何程序中打开短语面板；留空：不使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="139"/>
        <source>Clipboard history hotkey</source>
        <translation>剪贴板历史热键</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="140"/>
        <source>Opens the clipboard history over any application; empty: none</source>
        <translation>在任何程序中打开剪贴板历史；留空：不使用</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="142"/>
        <source>Phrase groups expanding everywhere</source>
        <translation>在所有程序中展开的短语分组</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="143"/>
        <source>Groups whose abbreviations expand in any application, comma-separated (售中, 售后/退款)</source>
        <translation>这些分组的缩写在任何程序中都会展开，用逗号分隔（售中, 售后/退款）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="144"/>
        <source>Applications typed into key by key</source>
        <translation>逐键输入的程序</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="145"/>
        <source>Applications that refuse a paste (their window class, comma-separated)</source>
        <translation>不接受粘贴的程序（窗口类名，用逗号分隔）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="146"/>
        <source>Hide phone numbers and addresses in the log</source>
        <translation>在日志中隐藏电话号码和地址</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="147"/>
        <source>Turn off only to chase a bug, and delete the log afterwards</source>
        <translation>仅在排查问题时关闭，之后请删除日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="148"/>
        <source>Simulated buyers</source>
        <translation>模拟买家数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="148"/>
        <source>Buyers in the demo shop</source>
        <translation>演示店铺中的买家人数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="149"/>
        <source>New messages per minute</source>
        <translation>每分钟新消息数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="149"/>
        <source>How busy the demo shop is</source>
        <translation>演示店铺的繁忙程度</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="150"/>
        <source>Buyers waiting at start</source>
        <translation>启动时等待的买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="151"/>
        <source>Chats already waiting when the demo starts</source>
        <translation>演示开始时已在等待的会话数</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="155"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="155"/>
        <source>Ask</source>
        <translation>询问</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="155"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="155"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="156"/>
        <source>Keep running in the tray</source>
        <translation>在托盘中继续运行</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="156"/>
        <source>The buyer who has waited longest</source>
        <translation>等待最久的买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="157"/>
        <source>The next unanswered buyer below</source>
        <translation>下方下一位未回复的买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="157"/>
        <source>Stay on the chat</source>
        <translation>停留在当前会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="209"/>
        <source>it must start with https:// (or http:// for a gateway on this computer)</source>
        <translation>必须以 https:// 开头（本机上的网关可用 http://）</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="213"/>
        <source>it must start with postgresql+psycopg://</source>
        <translation>必须以 postgresql+psycopg:// 开头</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="215"/>
        <source>leave the password out of it: the desk asks for it once and keeps it in the system keyring, not in a settings file anyone can read</source>
        <translation>请不要写入密码：客服台会询问一次并保存在系统钥匙串中，而不是放在任何人都能读的设置文件里</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="219"/>
        <source>not a key Qt knows; write it as Ctrl+Alt+Space</source>
        <translation>无法识别的按键；请写成 Ctrl+Alt+Space 这样的格式</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="232"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="241"/>
        <source>The settings could not be saved (%1); nothing was changed.</source>
        <translation>设置无法保存（%1）；没有做任何更改。</translation>
    </message>
</context>
<context>
    <name>SheetImportDialog</name>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="60"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="72"/>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 无法导入：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="75"/>
        <source>Cannot get the list from %1: %2</source>
        <translation>无法从%1获取列表：%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/sheet_import.py" line="85"/>
        <source>Import, skipping %n bad line(s)</source>
        <translation>
            <numerusform>导入，跳过 %n 行错误</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/sheet_import.py" line="101"/>
        <source>%1 was not imported: %2</source>
        <translation>%1 未导入：%2</translation>
    </message>
</context>
<context>
    <name>ShopLogin</name>
    <message>
        <location filename="../../app/ui/shop_login.py" line="35"/>
        <source>Log in to the shop</source>
        <translation>登录店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_login.py" line="38"/>
        <source>%1 at %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_login.py" line="49"/>
        <source>%1. Password for %2:</source>
        <translation>%1。%2 的密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/shop_login.py" line="53"/>
        <source>Logging in to the shop…</source>
        <translation>正在登录店铺…</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="151"/>
        <source>Your shop</source>
        <translation>你的店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="152"/>
        <source>Try the desk on the built-in demo shop, or connect it to your shop&apos;s gateway.</source>
        <translation>在内置演示店铺上试用客服台，或连接你店铺的网关。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="153"/>
        <source>&amp;Try the demo shop (simulated buyers; nothing leaves this computer)</source>
        <translation>试用演示店铺(&amp;T)（模拟买家；数据不离开本机）</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="154"/>
        <source>&amp;Connect a shop gateway</source>
        <translation>连接店铺网关(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="155"/>
        <source>Gateway &amp;URL:</source>
        <translation>网关地址(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="156"/>
        <source>&amp;Shop id:</source>
        <translation>店铺 ID(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="157"/>
        <source>Your &amp;login:</source>
        <translation>你的账号(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="164"/>
        <source>The gateway URL must look like https://gateway.example-shop.cn.</source>
        <translation>网关地址应类似 https://gateway.example-shop.cn。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="168"/>
        <source>Fill in the shop id and your login (the password is asked at the next start, and kept in the system keyring).</source>
        <translation>请填写店铺 ID 和你的账号（密码在下次启动时询问，并保存在系统钥匙串中）。</translation>
    </message>
</context>
<context>
    <name>SlotBar</name>
    <message>
        <location filename="../../app/ui/slot_bar.py" line="21"/>
        <source>Phrase group for Ctrl+1..9 (Ctrl+G: next group)</source>
        <translation>Ctrl+1..9 使用的短语组（Ctrl+G：下一组）</translation>
    </message>
    <message>
        <location filename="../../app/ui/slot_bar.py" line="51"/>
        <source>No phrases yet: the phrase manager (%1) adds or imports them</source>
        <translation>还没有短语：在短语管理（%1）中添加或导入</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <location filename="../../app/ui/status_line.py" line="78"/>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="83"/>
        <source>● offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="97"/>
        <source>Read-only: replies cannot be saved here; answer in the shop&apos;s own client until the store can be written</source>
        <translation>只读：这里无法保存回复；在数据可以写入之前，请在店铺自己的客户端里回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="100"/>
        <source>● read-only</source>
        <translation>● 只读</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="103"/>
        <source>KefuDesk can only read its store</source>
        <translation>客服台只能读取数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="104"/>
        <source>KefuDesk shows what it has, but cannot save anything and stays offline: new messages wait at the shop until it can.

%1</source>
        <translation>客服台会显示已有的内容，但无法保存任何东西，因此保持离线：新消息会留在店铺后台，等能保存时再收取。

%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/status_line.py" line="116"/>
        <source>%n reply(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 条回复等待发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="122"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="122"/>
        <source>suspended</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="122"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="123"/>
        <source>%1 — demo shop</source>
        <translation>%1 —— 演示店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="126"/>
        <location filename="../../app/ui/status_line.py" line="160"/>
        <source>KefuDesk</source>
        <translation>客服台</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/status_line.py" line="128"/>
        <source>KefuDesk — %n unread</source>
        <translation>
            <numerusform>客服台 — %n 条未读</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="130"/>
        <source>Demo shop (simulated buyers)</source>
        <translation>演示店铺（模拟买家）</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="130"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="137"/>
        <source>%1 transferred %2 to you.</source>
        <translation>%1 把 %2 转接给了您。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="140"/>
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="160"/>
        <source>A new chat</source>
        <translation>有新会话</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="161"/>
        <source>A buyer has waited over 40 s</source>
        <translation>有买家等待超过 40 秒</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="166"/>
        <source>Sounds muted (%1)</source>
        <translation>已静音（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="168"/>
        <source>Sounds off: unread chats stay marked.</source>
        <translation>提示音已关闭：未读会话仍会标出。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="168"/>
        <source>Sounds on.</source>
        <translation>提示音已开启。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="176"/>
        <source>%1 muted: no sound for this chat.</source>
        <translation>%1 已静音：此会话不再响铃。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="177"/>
        <source>%1: sounds on again.</source>
        <translation>%1：已恢复提示音。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="191"/>
        <source>Online: new chats come to you.</source>
        <translation>在线：新会话会分配给你。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="192"/>
        <source>Suspended (挂起): no new chats; answer the ones you have. %1 resumes.</source>
        <translation>已挂起：不再分配新会话，先回复手上的。按 %1 恢复。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="193"/>
        <source>Offline: no new chats. %2 goes online again.</source>
        <translation>离线：不再分配新会话。按 %2 重新上线。</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="200"/>
        <source>Taking chats</source>
        <translation>接待中</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="201"/>
        <source>Suspended (%1)</source>
        <translation>挂起中（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="202"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../app/ui/status_line.py" line="208"/>
        <source>Your status for new chats: %1 suspends or resumes, %2 goes offline or online</source>
        <translation>你的接待状态：%1 挂起或恢复，%2 离线或上线</translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message>
        <location filename="../../app/ui/suggestion_bar.py" line="24"/>
        <location filename="../../app/ui/suggestion_bar.py" line="55"/>
        <source>Suggested:</source>
        <translation>推荐：</translation>
    </message>
    <message>
        <location filename="../../app/ui/suggestion_bar.py" line="57"/>
        <source>No phrases to suggest yet (%1: the phrase manager)</source>
        <translation>还没有可推荐的短语（%1：短语管理）</translation>
    </message>
    <message>
        <location filename="../../app/ui/suggestion_bar.py" line="60"/>
        <source>No suggestion for this message</source>
        <translation>这条消息暂无推荐</translation>
    </message>
</context>
<context>
    <name>SupervisorFields</name>
    <message>
        <location filename="../../app/ui/supervisor_fields.py" line="17"/>
        <source>&amp;Supervisor</source>
        <translation>主管(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/supervisor_fields.py" line="18"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
</context>
<context>
    <name>SupervisorPage</name>
    <message>
        <location filename="../../app/ui/first_run.py" line="257"/>
        <source>The first supervisor</source>
        <translation>第一位主管</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="258"/>
        <source>A supervisor (主管) approves refunds over an agent&apos;s limit and manages the word lists and profiles. Leave it empty to do this later (kefudesk profiles add).</source>
        <translation>主管负责审批超出客服额度的退款，并管理词表和人员。留空则以后再设置（kefudesk profiles add）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="260"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="260"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="260"/>
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="265"/>
        <source>This store already has a supervisor (%1); more are added by one of them.</source>
        <translation>此数据库已有主管（%1）；其他主管需由他们添加。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="275"/>
        <source>The two passwords differ; type them again.</source>
        <translation>两次输入的密码不一致，请重新输入。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_run.py" line="282"/>
        <source>Not made: %1</source>
        <translation>未创建：%1</translation>
    </message>
</context>
<context>
    <name>SupervisorRemoves</name>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="124"/>
        <source>Remove banned words</source>
        <translation>删除违禁词</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="125"/>
        <source>Without them in the list, replies with %1 reach buyers. A supervisor authorises this with their name and password; the audit log names them and this desk.</source>
        <translation>删除后，含有 %1 的回复就会发给买家。须由主管输入名字和密码批准；审计日志会记下该主管和本客服台。</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="135"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="146"/>
        <source>Not removed: %1</source>
        <translation>未删除：%1</translation>
    </message>
</context>
<context>
    <name>SystemPalette</name>
    <message>
        <location filename="../../app/ui/system_palette.py" line="231"/>
        <source>Search phrases — Enter pastes, Shift+Enter types it, Alt+Enter pastes and presses Enter</source>
        <translation>搜索短语 — 回车粘贴，Shift+回车逐字输入，Alt+回车粘贴并按回车发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/system_palette.py" line="324"/>
        <source>Pasted, not sent: %1 still has to be filled in; then press Enter there.</source>
        <translation>已粘贴，未发送：%1 还没填写，填好后再在那边按回车。</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="35"/>
        <source>Transfer %1 to a colleague</source>
        <translation>把 %1 转接给同事</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="42"/>
        <source>What the colleague should know: the order, what was promised, what is left to do</source>
        <translation>同事需要知道的：订单、答应过买家什么、还要做什么</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="45"/>
        <source>Asking the shop who is there…</source>
        <translation>正在向店铺查询在线同事…</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="49"/>
        <source>&amp;Transfer</source>
        <translation>转接(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="53"/>
        <source>&amp;Colleague</source>
        <translation>同事(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="56"/>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/colleague_list.py" line="23"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/colleague_list.py" line="24"/>
        <source>suspended</source>
        <translation>挂起</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/colleague_list.py" line="25"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/colleague_list.py" line="26"/>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="75"/>
        <source>Nobody else is at this shop&apos;s desks: there is no one to transfer to.</source>
        <translation>店铺里没有其他客服，无法转接。</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="80"/>
        <source>Choose a colleague first.</source>
        <translation>请先选择一位同事。</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="84"/>
        <source>Transferring…</source>
        <translation>正在转接…</translation>
    </message>
    <message>
        <location filename="../../app/ui/transfer_dialog.py" line="90"/>
        <source>Not transferred: %1</source>
        <translation>未转接：%1</translation>
    </message>
</context>
<context>
    <name>VariableForm</name>
    <message>
        <location filename="../../app/ui/system_palette.py" line="97"/>
        <source>%1 needs:</source>
        <translation>%1 需要填写：</translation>
    </message>
    <message>
        <location filename="../../app/ui/system_palette.py" line="136"/>
        <source>Fill in %1 to send it; Enter without Alt pastes it with the blank to type over.</source>
        <translation>填上%1才能发送；不按 Alt 直接回车会带着空白粘贴，之后再补填。</translation>
    </message>
</context>
<context>
    <name>WeightPanel</name>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="141"/>
        <location filename="../../app/ui/issue_dialogs/details.py" line="198"/>
        <location filename="../../app/ui/issue_dialogs/details.py" line="200"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="142"/>
        <source>&amp;Fetch from the courier</source>
        <translation>从快递获取(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="147"/>
        <source>&amp;Check these weights</source>
        <translation>核对这些重量(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="149"/>
        <source>Fetch the courier&apos;s record, or type the weights from the courier&apos;s site.</source>
        <translation>从快递获取记录，或从快递官网抄录重量后填写。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="154"/>
        <source>Origin</source>
        <translation>始发</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="154"/>
        <source>Last station</source>
        <translation>末站</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="169"/>
        <source>Asking the courier about %1…</source>
        <translation>正在向快递查询 %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="176"/>
        <source>No courier record (%1): type the weights from the courier&apos;s site.</source>
        <translation>没有快递记录（%1）：请从快递官网抄录重量。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="194"/>
        <source>Probably genuine: the item did not reach the buyer.</source>
        <translation>很可能属实：买家确实没收到这件商品。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="195"/>
        <source>Doubtful claim: a complete parcel left and arrived.</source>
        <translation>存疑：包裹发出和到达时都是完整的。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="196"/>
        <source>Cannot tell from the weights.</source>
        <translation>凭重量无法判断。</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="202"/>
        <source>Expected %1 · origin %2 · last station %3</source>
        <translation>应重 %1 · 始发 %2 · 末站 %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/issue_dialogs/details.py" line="205"/>
        <source>Packing slip:</source>
        <translation>拣货单：</translation>
    </message>
</context>
<context>
    <name>WordList</name>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="51"/>
        <source>Type words (separated by 、 or spaces) to add, or to find in the list</source>
        <translation>输入词语（用、或空格分隔）以添加，或在列表中查找</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="56"/>
        <source>Words</source>
        <translation>词语</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="61"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="63"/>
        <source>&amp;Remove selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="94"/>
        <source>Type the words to add first.</source>
        <translation>请先输入要添加的词语。</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="103"/>
        <source>Select the words to remove first (Tab to the list, then Shift+arrows).</source>
        <translation>请先选择要删除的词语（Tab 切到列表，再按 Shift+方向键）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="111"/>
        <source>Not changed: %1</source>
        <translation>未修改：%1</translation>
    </message>
</context>
<context>
    <name>WordListsDialog</name>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="158"/>
        <source>Banned and urgent words</source>
        <translation>违禁词与紧急词</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="159"/>
        <source>A reply with one of these words is not sent; Ctrl+Shift+Return sends it anyway and writes why to the audit log. Removing a word that came with KefuDesk switches it off; adding it again switches it back on.</source>
        <translation>含有这些词的回复不会发出；Ctrl+Shift+Return 可坚持发送，原因会写入审计日志。删除 KefuDesk 自带的词即停用该词，再次添加即重新启用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="163"/>
        <source>Anyone may add a word; removing one takes a supervisor&apos;s name and password.</source>
        <translation>任何人都可以添加违禁词；删除违禁词需要主管的名字和密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="166"/>
        <source>A buyer whose last message has one of these words (or !!! / ???) is marked angry in the queue and shown under Urgent (F6).</source>
        <translation>买家最后一条消息含有这些词（或 !!! / ???）时，会在队列中标为“急”，并显示在“紧急”视图（F6）中。</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="170"/>
        <source>&amp;Banned words (send guard)</source>
        <translation>违禁词（发送检查）(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="171"/>
        <source>&amp;Urgent words (queue)</source>
        <translation>紧急词（队列）(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="183"/>
        <source>insult</source>
        <translation>辱骂</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="183"/>
        <source>off-platform</source>
        <translation>站外交易</translation>
    </message>
    <message>
        <location filename="../../app/ui/guard_words_dialog.py" line="183"/>
        <source>this shop&apos;s</source>
        <translation>本店添加</translation>
    </message>
</context>
<context>
    <name>WorkModel</name>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="31"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="31"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="31"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="31"/>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="32"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="32"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="32"/>
        <source>Attempts</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="32"/>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="33"/>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>Worklist</name>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="20"/>
        <source>To message</source>
        <translation>待发消息</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="21"/>
        <source>Waiting for an answer</source>
        <translation>等待回复</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="22"/>
        <source>To phone</source>
        <translation>待电话</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/work_model.py" line="23"/>
        <source>Follow up</source>
        <translation>待跟进</translation>
    </message>
</context>
<context>
    <name>WorklistWindow</name>
    <message>
        <location filename="../../app/ui/worklist.py" line="52"/>
        <source>Problem orders — worklist</source>
        <translation>问题订单 — 工作清单</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="58"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="66"/>
        <source>Problem orders</source>
        <translation>问题订单</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="75"/>
        <source>&amp;Copy number (Ctrl+Shift+C)</source>
        <translation>复制号码(&amp;C)（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="82"/>
        <source>Category:</source>
        <translation>分类：</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="252"/>
        <source>Log a message to the buyer…</source>
        <translation>记录给买家发的消息…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="253"/>
        <source>Log a phone call…</source>
        <translation>记录电话联系…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="256"/>
        <source>Copy the buyer&apos;s number</source>
        <translation>复制买家号码</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="260"/>
        <source>Import the problem-order list…</source>
        <translation>导入问题订单列表…</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="262"/>
        <source>Fetch the list from the shop</source>
        <translation>从店铺获取列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="265"/>
        <source>Show step %1</source>
        <translation>显示步骤 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="267"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/ui/keys/registry.py" line="257"/>
        <source>Issue details</source>
        <translation>问题单详情</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="123"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="128"/>
        <source>Cannot read the worklist: %1</source>
        <translation>无法读取工作清单：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="140"/>
        <source>All (%1)</source>
        <translation>全部（%1）</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="146"/>
        <source>%1 open problem order(s), %2 due now.</source>
        <translation>%1 个未解决的问题订单，%2 个现在到期。</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="174"/>
        <source>%1 — no phone number known (import the order export)</source>
        <translation>%1 —— 没有电话号码（请导入订单报表）</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="183"/>
        <source>No number to copy for this problem.</source>
        <translation>这个问题订单没有可复制的号码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="186"/>
        <source>%1 copied: dial it, then log the call with Ctrl+P.</source>
        <translation>已复制 %1：拨打后按 Ctrl+P 记录通话。</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="191"/>
        <source>Select a problem order first.</source>
        <translation>请先选择一个问题订单。</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="207"/>
        <source>The shop back-end&apos;s problem-order list</source>
        <translation>店铺后台的问题订单列表</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="208"/>
        <source>Problem-order lists (*.csv *.xlsx)</source>
        <translation>问题订单列表 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="224"/>
        <source>Not connected to a shop: import the back-end&apos;s list instead (Ctrl+I).</source>
        <translation>未连接店铺：请改为导入后台列表（Ctrl+I）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/worklist.py" line="229"/>
        <source>the shop</source>
        <translation>店铺</translation>
    </message>
</context>
<context>
    <name>run_desk</name>
    <message>
        <location filename="../../app/ui/start.py" line="317"/>
        <source>KefuDesk cannot open its store</source>
        <translation>客服台无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="214"/>
        <source>No OS keyring: the login is kept for this session only.</source>
        <translation>系统没有可用的密钥环：登录信息只在本次运行中保留。</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="151"/>
        <source>The demo shop did not start: %1</source>
        <translation>演示店铺没有启动：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="298"/>
        <source>Saved. The language and the shop connection take effect at the next start.</source>
        <translation>已保存。语言和店铺连接将在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="323"/>
        <source>The team&apos;s database</source>
        <translation>团队数据库</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="324"/>
        <source>Password for %1 (kept in the OS keyring):</source>
        <translation>%1 的密码（保存在系统密钥环中）：</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="331"/>
        <source>Log in to the shop</source>
        <translation>登录店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="332"/>
        <source>Password for %1 at %2:</source>
        <translation>%1 在 %2 的密码：</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="438"/>
        <location filename="../../app/ui/start.py" line="479"/>
        <source>Kept as a phrase in 剪贴板: %1</source>
        <translation>已存为“剪贴板”组的短语：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="444"/>
        <source>The phrase palette over other applications is off: %1</source>
        <translation>其他应用中的快捷短语面板未开启：%1</translation>
    </message>
</context>
<context>
    <name>run_palette</name>
    <message>
        <location filename="../../app/ui/start.py" line="465"/>
        <source>Show the desk</source>
        <translation>显示客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="467"/>
        <source>Pause the phrase hotkey</source>
        <translation>暂停快捷短语热键</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="471"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../app/ui/start.py" line="474"/>
        <source>KefuDesk phrases: %1</source>
        <translation>客服台快捷短语：%1</translation>
    </message>
</context>
</TS>
