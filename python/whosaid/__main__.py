"""``python -m whosaid``: the whosaid command."""

from whosaid import main

main()
