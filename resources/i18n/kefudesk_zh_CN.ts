<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BuyerPane</name>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="17"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="22"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="33"/>
        <source>No orders from this buyer yet.</source>
        <translation>这位买家还没有订单。</translation>
    </message>
    <message>
        <location filename="../../app/ui/buyer_pane.py" line="43"/>
        <source>No chat selected</source>
        <translation>未选择会话</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../app/ui/composer.py" line="33"/>
        <source>Type a reply — Enter sends, Shift+Enter starts a new line, / finds a phrase</source>
        <translation>输入回复 —— Enter 发送，Shift+Enter 换行，/ 查找快捷短语</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <location filename="../../app/ui/conversation_pane.py" line="44"/>
        <source>Select a chat on the left</source>
        <translation>请在左侧选择会话</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="110"/>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="126"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="126"/>
        <source>&amp;Chat</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="127"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="128"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="129"/>
        <source>&amp;Next chat</source>
        <translation>下一个会话(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="130"/>
        <source>&amp;Previous chat</source>
        <translation>上一个会话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="131"/>
        <source>&amp;Longest-waiting chat</source>
        <translation>等待最久的会话(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="134"/>
        <source>&amp;Go to chat</source>
        <translation>转到会话(&amp;G)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="137"/>
        <source>Chat %n in the queue</source>
        <translation>
            <numerusform>队列中第 %n 个会话</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="140"/>
        <source>&amp;Reply box</source>
        <translation>回复框(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="141"/>
        <source>&amp;Send reply</source>
        <translation>发送回复(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="142"/>
        <source>&amp;Phrase palette…</source>
        <translation>快捷短语(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="143"/>
        <source>Phrase &amp;slots</source>
        <translation>短语快捷键(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="144"/>
        <source>Next phrase &amp;group</source>
        <translation>下一个短语组(&amp;G)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="146"/>
        <source>Insert slot %n</source>
        <translation>
            <numerusform>插入第 %n 个短语</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="149"/>
        <source>Insert slot %n and send</source>
        <translation>
            <numerusform>插入第 %n 个短语并发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="151"/>
        <source>Suggested &amp;phrases</source>
        <translation>推荐短语(&amp;P)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="153"/>
        <source>Insert suggestion %n</source>
        <translation>
            <numerusform>插入推荐 %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="155"/>
        <source>&amp;About KefuDesk</source>
        <translation>关于客服台(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="183"/>
        <source>Open a chat first: phrases are filled in for its buyer.</source>
        <translation>请先打开一个会话：短语会按该买家的信息填写。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="190"/>
        <source>No phrase in slot %n of this group.</source>
        <translation>
            <numerusform>本组第 %n 个位置没有短语。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="200"/>
        <source>No suggestion %n for this message.</source>
        <translation>
            <numerusform>这条消息没有第 %n 条推荐。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="241"/>
        <source>Not sent: fill in the highlighted blank first.</source>
        <translation>未发送：请先填写高亮的空白处。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="246"/>
        <source>About KefuDesk</source>
        <translation>关于客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="247"/>
        <source>KefuDesk (客服台): one window for a shop&apos;s customer service.</source>
        <translation>客服台：一个窗口搞定网店客服。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286"/>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="291"/>
        <source>● offline</source>
        <translation>● 离线</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="313"/>
        <source>%n reply(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 条回复等待发送</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="316"/>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="316"/>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="317"/>
        <source>%1 — demo shop</source>
        <translation>%1 —— 演示店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="320"/>
        <source>KefuDesk</source>
        <translation>客服台</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="322"/>
        <source>Demo shop (simulated buyers)</source>
        <translation>演示店铺（模拟买家）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="322"/>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../app/ui/delegates.py" line="137"/>
        <source>sending…</source>
        <translation>发送中…</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="138"/>
        <source>NOT SENT</source>
        <translation>未发送</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="146"/>
        <source>Robot</source>
        <translation>机器人</translation>
    </message>
    <message>
        <location filename="../../app/ui/delegates.py" line="148"/>
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="16"/>
        <source>not shipped yet</source>
        <translation>尚未发货</translation>
    </message>
    <message>
        <location filename="../../app/ui/models/orders_model.py" line="18"/>
        <source>Order %1 · %2</source>
        <translation>订单 %1 · %2</translation>
    </message>
</context>
<context>
    <name>PhrasePalette</name>
    <message>
        <location filename="../../app/ui/palette.py" line="67"/>
        <source>Search phrases: title, pinyin (tkdz), abbreviation…</source>
        <translation>搜索短语：标题、拼音（如 tkdz）、缩写…</translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <location filename="../../app/ui/delegates.py" line="89"/>
        <source>Me: </source>
        <translation>我：</translation>
    </message>
</context>
<context>
    <name>SlotBar</name>
    <message>
        <location filename="../../app/ui/slot_bar.py" line="19"/>
        <source>Phrase group for Ctrl+1..9 (Ctrl+G: next group)</source>
        <translation>Ctrl+1..9 使用的短语组（Ctrl+G：下一组）</translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message>
        <location filename="../../app/ui/suggestion_bar.py" line="21"/>
        <location filename="../../app/ui/suggestion_bar.py" line="49"/>
        <source>Suggested:</source>
        <translation>推荐：</translation>
    </message>
    <message>
        <location filename="../../app/ui/suggestion_bar.py" line="49"/>
        <source>No suggestion for this message</source>
        <translation>这条消息暂无推荐</translation>
    </message>
</context>
<context>
    <name>run_desk</name>
    <message>
        <location filename="../../app/ui/app.py" line="72"/>
        <source>KefuDesk cannot open its store</source>
        <translation>客服台无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="84"/>
        <source>No OS keyring: the login is kept for this session only.</source>
        <translation>系统没有可用的密钥环：登录信息只在本次运行中保留。</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="110"/>
        <source>Log in to the shop</source>
        <translation>登录店铺</translation>
    </message>
    <message>
        <location filename="../../app/ui/app.py" line="111"/>
        <source>Password for %1 at %2:</source>
        <translation>%1 在 %2 的密码：</translation>
    </message>
</context>
</TS>
