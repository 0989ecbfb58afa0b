"""`python -m kpi_cli` runs the command line."""

from kpi_cli.cli import main

main()
