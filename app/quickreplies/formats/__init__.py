"""Other tools' phrases in and out, one module per format: AutoHotKey hotstrings (ahk.py), Espanso match files
(espanso.py), CSV/XLSX tables (table.py), KefuDesk's own lossless JSON (kefudesk_json.py) and input methods' custom
phrases: Sogou, Baidu and QQ Pinyin (ime.py), Rime (rime.py), Microsoft Pinyin (mspy.py). What they share is in
base.py (among it how several texts under one code are kept); registry.py names them by --format, file suffix and
content and reads or writes a phrase file in any of them. Reading the bytes themselves (encodings, workbooks,
limits) is app/files/'s."""
