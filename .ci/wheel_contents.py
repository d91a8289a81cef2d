"""Fails if the wheel lacks a file of the package or of the knowledge base (config/), or ships
anything else (tests/, bench/ and the fake Discord in fakediscord/ stay out).

Usage: python3 .ci/wheel_contents.py dist/magbot-VERSION-py3-none-any.whl
"""

import subprocess
import sys
import zipfile


def tracked(folder: str) -> list[str]:
    command = ["git", "ls-files", folder]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()


def main(wheel: str) -> int:
    shipped = set(zipfile.ZipFile(wheel).namelist())
    knowledge = ["bot/knowledge/" + path.removeprefix("config/") for path in tracked("config")]
    wanted = {*tracked("bot"), *knowledge}
    missing = sorted(wanted - shipped)
    for path in missing:
        sys.stderr.write(f"{wheel}: missing {path}\n")
    tops = {path: path.split("/", 1)[0] for path in shipped}
    extra = sorted(p for p, top in tops.items() if top != "bot" and not top.endswith(".dist-info"))
    for path in extra:
        sys.stderr.write(f"{wheel}: ships {path}, which is not part of the package\n")
    return 1 if missing or extra else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
