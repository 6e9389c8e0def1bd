"""Files the program ships: templates (.docx), the manual (使用说明, its screenshots and release
notes), the licence texts; paths.py finds them; manual_screenshots.py remakes the screenshots."""
