"""``python -m bot`` is the same CLI as ``magbot``."""

import sys

from bot.cli import main

sys.exit(main())
