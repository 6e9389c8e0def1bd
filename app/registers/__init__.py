"""One package per register, each with the same files where it has that part."""
