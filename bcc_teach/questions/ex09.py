"""Questions for exercise 09, "Into the clinic" (solutions/ex09_into_the_clinic.ipynb).

The exercise takes the course's model towards a clinic's workflow: a list "anonymised" with a
plain hash of each hospital number (``privacy.reverse_plain_hash`` finds the number behind
one), what a saved k-nearest-neighbours model file carries of its training women
(``privacy.patients_in_model_file``), a model file sent as a pickle (``deploy.load_model``
refuses it), a clinic's CSV with one bad row scored in a batch (``deploy.score_file``: where
the rejected row goes, counted as a spreadsheet counts rows), and what the decision on a
patient's report means in triple assessment (``report.patient_report``).

Nothing here writes a file: the expected answers are computed in memory, and the exercise
writes its own files to a temporary folder outside the course.

>>> from bcc_teach.questions.ex09 import q3
>>> q3.judge(0).misconception
'model_file_without_patients'
"""

from __future__ import annotations

import functools

from bcc_teach import data, privacy
from bcc_teach.checking import (
    MISCONCEPTIONS,
    ChoiceQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)
from bcc_teach.questions.fixtures import fitted, split

ex09 = QuestionSet("ex09")

#: The made-up hospital number behind the exercise's plain hash (no patient's number: the
#: course's raw ids are checked not to include it).
MADE_UP_ID = 1234567
#: The plain SHA-256 hash of it, as the exercise's "anonymised" list shows it.
HASHED = privacy.plain_hash(MADE_UP_ID)
#: The clinic's hospital numbers have 7 digits: the range the exercise searches.
SEARCH = range(10**6, 10**7)
#: A fixed rate, in ids a second, for the time to try every 6- to 9-digit id (a laptop manages
#: about this many; ``benchmarks/pseudonyms.py`` measures this computer): a figure that is the
#: same on every computer, unlike a timing.
RATE = 1_000_000
#: The clinic's batch file of question 5: the 143 test women, one per row after the header; the
#: woman at this position (counted from 0) has her area_mean left empty.
BAD_POSITION = 35
BAD_COLUMN = "area_mean"
#: How many neighbours the course's k-NN consults (models.make_model("knn")).
NEIGHBOURS = 15


def _test_women() -> int:
    return len(split().X_test)


@functools.cache
def _carried(name: str = "knn") -> privacy.CarriedPatients:
    """What a saved file of a model fitted on the training women holds of them (read from the
    file's bytes in memory, as ``patients_in_model_file`` reads a file)."""
    import skops.io

    return privacy.patients_in_model_file(skops.io.dumps(fitted(name)), split().X_train)


def minutes_for_every_id(rate: float = RATE) -> float:
    """Minutes to try every 6- to 9-digit hospital number at ``rate`` ids a second.

    >>> round(minutes_for_every_id(), 1)
    16.7
    """
    return privacy.Enumeration(None, int(rate), 1.0).time_for() / 60


# ---------------------------------------------------------------------------------------------
# q1, q2: a plain hash is no pseudonym
# ---------------------------------------------------------------------------------------------


@ex09.question("q1", "found_id", kind="count")
class NumberBehindTheHash(NumberQuestion):
    hints = (
        "privacy.reverse_plain_hash(hashed_id, ids=...) hashes every number in a range until "
        "one gives the same hash. The clinic's hospital numbers have 7 digits: which range "
        "holds them all?",
        "found = privacy.reverse_plain_hash(hashed_id, ids=range(1_000_000, 10_000_000)); the "
        "number it found is found.found (text), and int(found.found) makes it a number.",
    )

    def correct_message(self):
        minutes = minutes_for_every_id()
        return (
            "Correct: the hash gave her hospital number away, and no key was needed, only "
            f"patience. At {RATE:,} ids a second, trying every 6- to 9-digit hospital number "
            f"takes {minutes:.0f} minutes; this search stopped long before. A plain hash of an "
            "id is a pseudonym in name only: a keyed one (privacy.pseudonym, with a secret key "
            "kept in the clinic) cannot be undone this way."
        )

    def expected(self):
        return MADE_UP_ID

    def mistakes(self):
        return [
            (
                MADE_UP_ID - SEARCH.start + 1,
                "That is how many numbers were tried before the match (.tried). The question "
                "asks for the hospital number itself, in .found.",
            ),
            (
                SEARCH.start,
                "That is the first number of the range searched. The question asks for the "
                "number whose hash matched: reverse_plain_hash(...).found.",
            ),
            (
                len(SEARCH),
                "That is how many 7-digit numbers there are (the size of the range). The question "
                "asks for the one whose hash matched: reverse_plain_hash(...).found.",
            ),
        ]


@ex09.question("q2", "q2_answer")
class IsAHashAnonymous(ChoiceQuestion):
    prompt = (
        "A colleague wants to send the clinic's list of women to a research partner with each "
        'hospital number replaced by its SHA-256 hash, "so the list is anonymous". What do '
        "you reply?"
    )
    options = (
        Option(
            "Agreed: SHA-256 cannot be reversed, so nobody can tell which woman a row of the "
            "list belongs to.",
            MISCONCEPTIONS["plain_hash_anonymous"].message,
        ),
        Option(
            "Hash each number twice, or add her year of birth first: then the list can no "
            "longer be reversed.",
            "Anyone can hash twice too, or try each year as well: a known recipe on fewer than "
            "a billion numbers is still tried in minutes. What protects is a secret that the "
            "receiver does not have.",
        ),
        Option(
            "Replace each number with a keyed pseudonym (the key stays in the clinic) and send "
            "only the measurements.",
            "Yes: without the key there is nothing to try the numbers against, and only what "
            "the analysis needs leaves (privacy.minimise: a pseudonym and the 30 measurements).",
            correct=True,
        ),
        Option(
            "Send the hospital numbers as they are: hashing only gives a false sense of safety, "
            "and the partner is trusted.",
            "Trust does not make a list anonymous: raw hospital numbers identify each woman "
            "wherever the list ends up (a lost laptop, a forwarded email). Send what the "
            "analysis needs, with a keyed pseudonym.",
        ),
    )
    correct = (
        "A keyed pseudonym is still personal data (pseudonymised, in the words of the GDPR, "
        "recital 26), because the clinic can link it back: it lowers the risk, it does not "
        "remove the duty of care."
    )


# ---------------------------------------------------------------------------------------------
# q3, q4: model files
# ---------------------------------------------------------------------------------------------


@ex09.question("q3", "cases_in_knn", kind="count")
class CasesInTheFile(NumberQuestion):
    hints = (
        "privacy.patients_in_model_file(model_file, X_train) reads a saved model file as a "
        "stranger would and looks for the training women in it. Give it the k-NN's file and "
        "the women it was fitted on.",
        "carried = privacy.patients_in_model_file(saved_knn.model_path, X_train); the number "
        "of training women it found is carried.n_recovered.",
    )

    def correct_message(self):
        knn, lr = _carried("knn"), _carried("logistic_regression")
        learned = lr.numbers_by_step()
        return (
            f"Correct. The k-NN file holds {knn.n_recovered} of the {knn.training_cases} "
            "training women, every measurement as recorded (in "
            f"{', '.join(dict.fromkeys(p.rsplit('.', 1)[-1] for p in knn.where))}, with the "
            "scaler's numbers beside them to undo the scaling): sending it is sending their "
            f"data. The logistic regression's file holds none: its model learned "
            f"{learned.get('logisticregression', 0)} numbers, and its scaler each feature's "
            "average and spread over all the training women."
        )

    def expected(self):
        return _carried("knn").n_recovered

    def mistakes(self):
        knn = _carried("knn")
        X_train = split().X_train
        return [
            (0, "model_file_without_patients"),
            (
                len(data.FEATURES) + 1,
                "That is how many numbers a logistic regression learns (30 weights and an "
                "intercept). A k-NN keeps whole cases instead: count the training women its "
                "file holds, .n_recovered.",
            ),
            (
                NEIGHBOURS,
                "That is how many neighbours the k-NN consults for each new case. To find them "
                "it keeps every training case: count the training women its file holds, "
                ".n_recovered.",
            ),
            (
                len(data.FEATURES),
                "That is the number of measurements of each case. The question asks how many "
                "training women the file holds: .n_recovered.",
            ),
            (
                X_train.size,
                "That counts numbers (every measurement of every woman). The question asks how "
                "many women: .n_recovered.",
            ),
            (
                sum(knn.numbers_by_step().values()),
                "That counts every number the model file's steps learned. The question asks "
                "how many training women can be read back: .n_recovered.",
            ),
            (
                _test_women(),
                "That is the number of test women, whom the model never saw. The file holds the "
                "women it was fitted on: look for the training women, X_train.",
            ),
            (
                len(split().X),
                "That is every woman in WDBC. The k-NN of the question was fitted on the "
                "training women only (X_train, y_train): look for them in its file.",
            ),
        ]


@ex09.question("q4", "q4_answer")
class APickleArrives(ChoiceQuestion):
    prompt = (
        "A partner hospital emails its own model as model.pkl (a Python pickle) and asks you to "
        "try it on your clinic's cases. What do you do?"
    )
    options = (
        Option(
            "Do not open it: ask for a .skops file with its metadata, and for its fingerprint "
            "by another route.",
            "Yes: loading a pickle runs whatever code its author put in it "
            "(deploy.pickle_demonstration). deploy.load_model refuses a pickle, and checks a "
            ".skops file's parts, features, package versions and types before it rebuilds "
            "anything.",
            correct=True,
        ),
        Option(
            "Open it with pickle.load on a computer unplugged from the network: then it can do "
            "no harm there.",
            "Code in a pickle runs with all your rights on that computer: it can read, change "
            "or delete the files there, patient data included, and wait for the network to "
            "come back. Unplugged is not safe.",
        ),
        Option(
            "Load it: it comes from a hospital's own team, and a model file holds only numbers, "
            "never code.",
            "A pickle holds instructions, not only numbers, and loading it carries them out. An "
            "email from a trusted sender can be forged, or its file changed on the way.",
        ),
        Option(
            "Rename it to model.skops first, so that deploy.load_model opens it the safe way.",
            "load_model looks inside the file, not at its name: it sees a pickle and refuses "
            "it (a ModelFileError), because opening it would run its code.",
        ),
    )
    correct = (
        "And before using any model file, ask what it carries: a k-NN's file holds its training "
        "women, so it may go only where their data could go."
    )


# ---------------------------------------------------------------------------------------------
# q5, q6: a batch with a bad row
# ---------------------------------------------------------------------------------------------


@ex09.question("q5", "bad_row", kind="count")
class RejectedRow(NumberQuestion):
    hints = (
        "score_file wrote the rows it could not score to a file of their own beside the "
        "scores: deploy.rejected_path(scores_csv) names it. Read it with pd.read_csv.",
        "rejected = pd.read_csv(deploy.rejected_path(scores_csv)); its row column gives each "
        "rejected row as a spreadsheet counts rows: bad_row = int(rejected['row'].iloc[0]).",
    )

    def correct_message(self):
        n = _test_women()
        return (
            f"Correct: row {self.expected()} of the spreadsheet, counting the header as row 1, "
            f"which is where the clinic will look for her. {n - 1} of the {n} women were "
            "scored; she was not, and the rejected file says which column is wrong and why, so "
            "her row can be corrected from her record."
        )

    def expected(self):
        return BAD_POSITION + 2  # the header is row 1, the first woman row 2

    def mistakes(self):
        n = _test_women()
        return [
            (
                BAD_POSITION,
                "That is her position counted from 0, as Python counts (iloc). A spreadsheet "
                "counts rows from 1, and its row 1 is the header: read the row column of the "
                "rejected rows' file, which counts as a spreadsheet does.",
            ),
            (
                BAD_POSITION + 1,
                "That counts the women from 1 but forgets the header: in a spreadsheet the "
                "column names are row 1, so the first woman is in row 2. The rejected rows' "
                "file gives the row as a spreadsheet counts it.",
            ),
            (
                n - 1,
                "That is how many women were scored. The question asks which row of the "
                "spreadsheet was rejected: the row column of the rejected rows' file.",
            ),
            (
                1,
                "That is how many rows were rejected. The question asks which row of the "
                "spreadsheet it is: the row column of the rejected rows' file.",
            ),
            (
                n,
                "That is how many women the file holds. The question asks which row of the "
                "spreadsheet was rejected: the row column of the rejected rows' file.",
            ),
        ]


@ex09.question("q6", "q6_answer")
class WhatHappensToHer(ChoiceQuestion):
    prompt = (
        "Scoring the clinic's file, score_file rejected one woman's row (an empty area_mean) "
        "and scored all the others. What happens to her?"
    )
    options = (
        Option(
            "Nothing more: her row was dropped from the batch, and the results of the other "
            "women are complete.",
            MISCONCEPTIONS["rejected_row_dropped"].message,
        ),
        Option(
            "She has no probability, so she counts as below the threshold and is reassured, "
            "like the women not flagged.",
            "No result is not a reassuring result: she has had no test at all. Counting her "
            "as not flagged would rule out cancer without looking.",
        ),
        Option(
            "Type a probability for her into the scores file by hand, so that the batch is "
            "complete when it is sent.",
            "A figure typed into the scores file is no model's result, though it sits beside "
            "the model's fingerprint. Correct her row in the input, from her record, and score "
            "it again.",
        ),
        Option(
            "Her row is listed with its column and reason: it is corrected from her record "
            "and scored again.",
            "Yes: she has no result until then, and the list of rejected rows makes sure she "
            "is not forgotten.",
            correct=True,
        ),
    )

    def correct_message(self):
        from bcc_teach import deploy

        woman = split().y_test.iloc[BAD_POSITION]
        which = "one of the women with cancer" if woman == 1 else "a woman without cancer"
        return (
            f"The woman in this exercise is {which} (the Wisconsin team's diagnosis): dropped "
            "without a word, she would simply have gone missing. Had more than "
            f"{deploy.MAX_REJECTED_SHARE:.0%} of the rows been bad, score_file would have "
            "refused the whole file: so many bad rows point to an export gone wrong, and the "
            "rows that look valid cannot be trusted either."
        )


# ---------------------------------------------------------------------------------------------
# q7: the report's decision
# ---------------------------------------------------------------------------------------------


@ex09.question("q7", "q7_answer")
class WhatTheDecisionMeans(ChoiceQuestion):
    prompt = (
        "A woman's report says: \"Decision: below the rule-out threshold, so the model does "
        'not flag her". In triple assessment, what does that decision mean?'
    )
    options = (
        Option(
            "She does not have cancer: the model has ruled it out, so she can be discharged "
            "without more tests.",
            MISCONCEPTIONS["decision_support_as_diagnosis"].message,
        ),
        Option(
            "Her aspirate's result is reassuring; she is reassured only if examination and "
            "imaging are benign too.",
            "Yes: below the threshold few women have cancer (the report gives 1 minus the NPV, "
            "with its range), and the other two tests must agree before she is reassured.",
            correct=True,
        ),
        Option(
            "The model cannot tell about her, so its result is set aside and the needle "
            "sampling is repeated.",
            "The result is not set aside: below the rule-out threshold few women have cancer, "
            "and the report says how few. It is one of three tests, weighed with the other two.",
        ),
        Option(
            "A small chance of cancer remains, so she goes on to core biopsy whatever her "
            "examination and imaging show.",
            "Not whatever they show: in triple assessment core biopsy is for a suspicious or "
            "discordant result. With all three benign she is reassured.",
        ),
    )
    correct = (
        "Every report of the course carries the words 'decision support, not a diagnosis' "
        "(report.NOT_A_DIAGNOSIS). And beware automation bias (Goddard et al., 2012): a tool "
        "that is usually right tempts its users to stop checking it, and to follow it when it "
        "is wrong."
    )


QUESTIONS = ex09.bind(globals())
