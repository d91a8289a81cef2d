"""Ships the knowledge base from config/ (its one source) inside the package as bot/knowledge,
and the USDA SR28 table derived by usda/derive.py as bot/content/usda_sr28.json.gz.

Everything else about the package is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["bot", "bot.*"]), "bot.knowledge"],
    package_dir={"bot.knowledge": "config"},
    package_data={
        "bot.knowledge": ["*.yaml"],
        "bot.content": ["*.json.gz"],
        "bot.storage": ["migrations/*.sql", "migrations/postgresql/*.sql"],
    },
)
