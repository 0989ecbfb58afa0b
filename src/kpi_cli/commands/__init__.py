"""The commands, one module per family; `cli.COMMANDS` says which holds which."""
