"""The issue dialogs, one module each: a new issue (new_issue), an action recorded on one (action), a supervisor's
approval of an over-limit action (approval), an issue's details with its weight check (details); common holds the
issue's one-line summary and the refusal wording they share. The rules are app.desk.issues'; these dialogs only
ask and show what it answers, in the agent's language."""
