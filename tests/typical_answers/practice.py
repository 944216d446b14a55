"""Typical answers to lesson 00's practice question."""


def typical():
    return {
        "practice": (
            [96 / 100, 0.96, 0.9600001],
            [
                (96, "percentage_for_proportion"),
                (4 / 100, "false-negative rate"),
                ("0.96", "text (in quotes)"),
                (96 / 1000, "Not quite"),
            ],
        )
    }
