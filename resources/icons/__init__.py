"""The program's icon: qingfeng.svg is the source; `python -m resources.icons.build_icons` renders
the PNG sizes (the window, the Linux menu's hicolor theme) and qingfeng.ico (Windows: the
executables, the setup and its shortcuts). The output is committed, like the templates, so the
program needs no build step; tests/unit/test_icons.py says when it is out of date."""
