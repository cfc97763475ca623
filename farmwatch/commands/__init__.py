"""One module per ``farmwatch`` sub-command: ``add_parser(subparsers)`` and ``run(args) -> int``."""
