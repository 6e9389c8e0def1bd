"""The charts of 统计图表; registry.py lists them."""
