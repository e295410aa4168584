"""The bundle's entry point: the same command line as ``qa-desktop``."""

import sys

from qa_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
