"""问题线索: the clues register (types, rules, query, write, stats, excel, demo)."""
