"""Pure matplotlib plotting shared by the 统计图表 panels and the report (render.py draws a PNG)."""
