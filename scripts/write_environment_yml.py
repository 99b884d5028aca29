"""Write environment.yml from requirements.lock so conda users get exactly the pip pins.

Usage: python scripts/write_environment_yml.py  (run by ``make lock``)
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    pins = [line.strip() for line in (ROOT / "requirements.lock").read_text().splitlines() if line.strip() and not line.startswith("#")]
    lines = [
        "# Generated from requirements.lock by `make lock`; do not edit by hand.",
        "# conda env create -f environment.yml && conda activate news-tone && pip install --no-deps -e .",
        "name: news-tone",
        "channels:",
        "  - conda-forge",
        "dependencies:",
        "  - python=3.11",
        "  - pip",
        "  - pip:",
        *(f"      - {pin}" for pin in pins),
    ]
    (ROOT / "environment.yml").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
