"""The bundle's `station-app` executable: the same entry point as the installed command."""

import sys

from station_app.__main__ import main

sys.exit(main())
