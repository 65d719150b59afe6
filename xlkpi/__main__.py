"""``python -m xlkpi`` runs the command line."""
from .cli import main

main()
