"""处分与组织处理: the sanctions register (types, rules, query, write, stats, excel, demo)."""
