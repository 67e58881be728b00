"""Other tools' phrases in and out, one module per format: AutoHotKey hotstrings (ahk.py), Espanso match files
(espanso.py), CSV/XLSX tables (table.py) and KefuDesk's own lossless JSON (kefudesk_json.py). What they share is
in base.py; registry.py names them by --format and file suffix and reads or writes a phrase file in any of them.
Reading the bytes themselves (encodings, workbooks, limits) is app/files/'s."""
