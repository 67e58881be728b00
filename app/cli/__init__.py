"""The `kefudesk` command line: main.py holds the table of subcommands, each implemented in a module here of its
name (desk.py when none is given); common.py holds what most of them share, file_imports.py what the file
imports share."""
