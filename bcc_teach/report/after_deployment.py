"""After the model goes live: automation bias, and watching the model in use (DECIDE-AI).

A model that performs well on a test set can still harm patients in use: the people using it
may lean on it too much, and the cases may drift away from the women it learned from. This
note puts both in clinical words, for a lesson to show. Given a model card, its figures (how
often the out-of-distribution warning fires, what another scanner did) come from the card.

    >>> note = after_deployment()
    >>> note.sections[0][0]
    'Automation bias'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bcc_teach.report.card import ModelCard

DECIDE_AI = (
    "Vasey B et al. Reporting guideline for the early-stage clinical evaluation of decision "
    "support systems driven by artificial intelligence: DECIDE-AI. Nat Med 2022;28:924–933."
)
GODDARD_2012 = (
    "Goddard K, Roudsari A, Wyatt JC. Automation bias: a systematic review of frequency, "
    "effect mediators, and mitigators. J Am Med Inform Assoc 2012;19:121–127."
)


@dataclass(frozen=True)
class Note:
    """A short text in sections: a ``title``, ``sections`` (heading, paragraphs), ``sources``."""

    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    sources: tuple[str, ...]

    def markdown(self) -> str:
        """The note as Markdown."""
        lines = [f"## {self.title}"]
        for heading, paragraphs in self.sections:
            lines += ["", f"### {heading}"]
            for paragraph in paragraphs:
                lines += ["", paragraph]
        lines += ["", "Sources:", *(f"- {source}" for source in self.sources)]
        return "\n".join(lines) + "\n"


def _monitoring_figures(card: ModelCard | None) -> tuple[str, str]:
    if card is None:
        return (
            "Watch how often the out-of-distribution warning fires: a clear rise means the "
            "cases have changed.",
            "Some changes slip past it: in lesson 08, images at another magnification hid "
            "cancers while the warning stayed quiet.",
        )
    by_topic = {finding.topic: finding for finding in card.robustness}
    ordinary = next(f for topic, f in by_topic.items() if topic.startswith("Ordinary"))
    smaller = next(f for topic, f in by_topic.items() if "magnification" in topic)
    return (
        "Watch how often the out-of-distribution warning fires: on ordinary new women "
        f"{ordinary.figure}; a clear rise means the cases have changed.",
        f"Some changes slip past it. With images at magnification 0.8: {smaller.figure}.",
    )


def after_deployment(card: ModelCard | None = None) -> Note:
    """A note on automation bias and monitoring after deployment, in clinical words, after
    DECIDE-AI. With ``card`` (``report.model_card()``), its figures come from the card.

    >>> print(after_deployment().markdown().splitlines()[0])
    ## After the model goes live: automation bias and monitoring
    """
    warning_rate, slips_past = _monitoring_figures(card)
    return Note(
        "After the model goes live: automation bias and monitoring",
        (
            (
                "Automation bias",
                (
                    "Automation bias is the tendency to go along with a computer's advice and "
                    "to look less hard for evidence against it (Goddard et al. 2012). With this "
                    "model it could look like this: a woman whose examination or imaging is "
                    "suspicious, but whose aspirate scores below the threshold, is reassured "
                    "and not sent for core biopsy; or a flag above the threshold talks a reader "
                    "out of a benign reading of the cytology.",
                    "What helps, among the mitigations that review found: training; making "
                    "clear that the clinician, not the model, is accountable for the decision; "
                    "and advice that shows how sure it is and gives information rather than a "
                    "verdict. In practice: form your own reading of the examination, imaging "
                    "and cytology before looking at the model; record the triple-assessment "
                    "decision as yours; read the number with its uncertainty, its warning and "
                    "the PPV and NPV of your setting; and treat disagreement between the tests "
                    "as a reason for core biopsy, never as a tie for the model to break.",
                ),
            ),
            (
                "Before it is used on patients",
                (
                    "DECIDE-AI (Vasey et al. 2022) sets out what an early clinical evaluation of "
                    "a decision-support system should report. Among its items: the intended "
                    "users and how they were made familiar with the system; the system's "
                    "version, its inputs and outputs, and the patients it was trained on; how "
                    "it fits into the care pathway; human factors, that is how users work with "
                    "it and how usable it is; and its risks and harms, and how they were "
                    "reduced. A small evaluation of that kind, with the clinic's own readers and "
                    "women, comes before any larger trial.",
                ),
            ),
            (
                "Monitoring after deployment",
                (
                    "Compare each month's cases with the training women, measurement by "
                    "measurement (shift.batch_drift): a new scanner, stain or operator shows "
                    "there before it shows as missed cancers.",
                    f"{warning_rate} {slips_past}",
                    "Audit the outcomes: compare the model's calls with the tissue diagnoses of "
                    "the women who had a biopsy, and follow up the women it did not flag, whose "
                    "missed cancers show only later. Recount sensitivity, PPV and calibration, "
                    "each with its interval, and record how often the clinicians' decision "
                    "differed from the model's call, and why.",
                    "Recalibrate on local women when the share with cancer differs from "
                    "Wisconsin's; validate again after any change of model, scanner, stain or "
                    "software; and name the model by its fingerprint in every report, so that "
                    "each result can be traced to the model that gave it. Report errors and "
                    "near misses as for any other clinical incident.",
                ),
            ),
        ),
        (GODDARD_2012, DECIDE_AI),
    )
