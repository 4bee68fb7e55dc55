"""parbench's Python driver: the suites in Python, run on Python and Parsl executors, timed here."""
