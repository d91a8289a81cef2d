"""Benchmarks: how fast magbot answers, against the floor of discord.py itself.

``python -m bench`` runs everything and prints a table; ``--quick`` is a smoke run. The bots
under test run in their own processes (``bench.spawned_bot``) against loopback fake Discords
that live, with the load generator, in the bench process.
"""
