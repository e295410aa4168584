"""The bundle's entry point: the same command line as ``qa-desktop``."""

import multiprocessing
import sys

from qa_desktop.cli import main

if __name__ == "__main__":
    # A process the bundle starts for itself (joining's first sync) runs its work, not the app.
    multiprocessing.freeze_support()
    sys.exit(main())
