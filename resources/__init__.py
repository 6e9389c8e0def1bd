"""Files the program ships: templates (.xlsx/.docx), styles, icons, translations."""
