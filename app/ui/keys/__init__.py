"""Every keyboard action of the desk declared once (registry), bound to the windows with the agent's own keys
(keymap), listed on the cheat sheet, changed in the key settings, and rendered into the README."""
