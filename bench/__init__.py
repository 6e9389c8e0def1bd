"""Benchmarks: `python -m bench [--scale N]`. Each measurement is reported as a ratio against a
baseline measured in the same run (the machines are shared and noisy); absolute times are printed
as reference figures only. Add a measurement: a function in a module here, listed in MODULES."""
