"""Files of the desk and of its agent, whatever they hold: the desk's own written whole and kept private
(writing.py); a user's file read within limits (limits.py), as text (text.py) or as a sheet (sheets.py), and
refused whole or line by line (refusals.py). Nothing here knows phrases, orders, the store or Qt: the phrase
formats (app/quickreplies/formats/) and the order and problem-list imports (app/desk/) read through it."""
