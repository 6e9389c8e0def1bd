"""Help inside the program: the manual (使用说明) and its page and window, F1, the form field
tooltips (`fields.py`, the one table), 关于, the shortcut sheet, the release notes."""
