"""The `kefudesk` command line: main.py holds the table of subcommands, one module here per subcommand (desk.py
when none is given), and common.py what several of them share."""
