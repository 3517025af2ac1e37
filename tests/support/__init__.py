"""Helpers shared by the tests: paths, files made by the tests, subprocesses, a browser, a scripted chat server."""
